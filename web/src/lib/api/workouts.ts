import { api } from '../api';
import type { Page } from './types';
import { arr, normPage, num, numOr, pick, str, strArr } from './normalize';
import type { WorkoutFilters } from '../filters';
import { workoutFiltersToApi } from '../filters';

export interface WorkoutSummary {
  id: number;
  name: string;
  level: string;
  goal: string;
  muscles: string[];
  equipment: string[];
  minutes: number;
  kcal: number | null;
}

export interface WorkoutExercise {
  exercise_id: number | null;
  name: string;
  sets: number | null;
  reps: number | null;
  duration_seconds: number | null;
  rest_seconds: number | null;
  muscles: string[];
}

export interface Workout extends WorkoutSummary {
  description: string | null;
  exercises: WorkoutExercise[];
}

export function normWorkoutSummary(w: unknown): WorkoutSummary {
  return {
    id: numOr(pick(w, 'id'), 0),
    name: str(pick(w, 'name')) ?? '',
    level: str(pick(w, 'level')) ?? '',
    goal: str(pick(w, 'goal')) ?? '',
    muscles: strArr(pick(w, 'muscles', 'muscle_groups', 'primary_muscles')),
    equipment: strArr(pick(w, 'equipment')),
    minutes: numOr(pick(w, 'total_minutes', 'minutes', 'duration_minutes'), 0),
    kcal: num(pick(w, 'estimated_kcal', 'est_kcal', 'kcal_estimate', 'kcal_70kg', 'kcal')),
  };
}

export function normWorkout(w: unknown): Workout {
  return {
    ...normWorkoutSummary(w),
    description: str(pick(w, 'description', 'notes')),
    exercises: arr(pick(w, 'exercises', 'items', 'blocks')).map((e) => {
      const ex = pick(e, 'exercise');
      return {
        exercise_id: num(pick(e, 'exercise_id') ?? pick(ex, 'id')),
        name: str(pick(e, 'name') ?? pick(ex, 'name')) ?? '',
        sets: num(pick(e, 'sets')),
        reps: num(pick(e, 'reps')),
        duration_seconds: num(pick(e, 'duration_seconds', 'seconds')),
        rest_seconds: num(pick(e, 'rest_seconds', 'rest')),
        muscles: strArr(pick(e, 'muscles', 'primary_muscles') ?? pick(ex, 'primary_muscles')),
      };
    }),
  };
}

const W = '/nutrition-data/workouts';

export async function listWorkouts(f: WorkoutFilters, signal?: AbortSignal): Promise<Page<WorkoutSummary>> {
  return normPage(await api<unknown>(W, { query: workoutFiltersToApi(f), signal }), normWorkoutSummary);
}

export async function getWorkout(id: number, signal?: AbortSignal): Promise<Workout> {
  return normWorkout(await api<unknown>(`${W}/${id}`, { signal }));
}
