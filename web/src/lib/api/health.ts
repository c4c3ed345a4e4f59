/**
 * Health logs under /api/v1/health/. Field names are our reading of the health-tracking issue;
 * each kind has one place (KINDS) that says how it is sent and read back.
 */
import { api } from '../api';
import type { Nutrition, Page } from './types';
import { arr, num, numOr, pick, str } from './normalize';
import { normNutrition } from './normalize';

export interface WeightEntry { id: number; weight_kg: number; at: string }
export interface WaterEntry { id: number; ml: number; at: string }
export interface SleepEntry { id: number; start: string; end: string; quality: number | null; minutes: number }
export interface StepsEntry { id: number; date: string; count: number }
export interface FoodLogEntry { id: number; name: string; meal_slot: string; at: string; grams: number | null; servings: number | null; nutrition: Nutrition }
export interface WorkoutLogEntry { id: number; name: string; at: string; duration_minutes: number | null; rpe: number | null; kcal: number | null }

export type MealSlot = 'breakfast' | 'lunch' | 'dinner' | 'snack';

export interface WeightInput { weight_kg: number; measured_at: string }
export interface WaterInput { ml: number; logged_at: string }
export interface SleepInput { start: string; end: string; quality: number }
export interface StepsInput { date: string; count: number }
export type FoodLogInput =
  | { food_id: number; grams: number; meal_slot: MealSlot; logged_at: string }
  | { recipe_id: number; servings: number; meal_slot: MealSlot; logged_at: string };
export interface WorkoutLogInput {
  workout_id?: number;
  name?: string;
  exercises?: { exercise_id?: number; name?: string; sets: number; reps: number; weight_kg?: number }[];
  duration_minutes: number;
  rpe?: number;
  performed_at: string;
}

const at = (x: unknown) => str(pick(x, 'measured_at', 'logged_at', 'performed_at', 'at', 'timestamp', 'time', 'date')) ?? '';

export const readers = {
  weights: (x: unknown): WeightEntry => ({ id: numOr(pick(x, 'id'), 0), weight_kg: numOr(pick(x, 'weight_kg', 'kg', 'value'), 0), at: at(x) }),
  water: (x: unknown): WaterEntry => ({ id: numOr(pick(x, 'id'), 0), ml: numOr(pick(x, 'ml', 'amount_ml', 'value'), 0), at: at(x) }),
  sleep: (x: unknown): SleepEntry => {
    const start = str(pick(x, 'start', 'start_at', 'started_at')) ?? '';
    const end = str(pick(x, 'end', 'end_at', 'ended_at')) ?? '';
    const mins = num(pick(x, 'minutes', 'duration_minutes'));
    return {
      id: numOr(pick(x, 'id'), 0),
      start,
      end,
      quality: num(pick(x, 'quality')),
      minutes: mins ?? (Math.max(0, Math.round((Date.parse(end) - Date.parse(start)) / 60000)) || 0),
    };
  },
  steps: (x: unknown): StepsEntry => ({ id: numOr(pick(x, 'id'), 0), date: str(pick(x, 'date', 'day')) ?? at(x), count: numOr(pick(x, 'count', 'steps', 'value'), 0) }),
  'food-log': (x: unknown): FoodLogEntry => ({
    id: numOr(pick(x, 'id'), 0),
    name: str(pick(x, 'name', 'food_name', 'recipe_name', 'description')) ?? '',
    meal_slot: str(pick(x, 'meal_slot', 'slot')) ?? '',
    at: at(x),
    grams: num(pick(x, 'grams')),
    servings: num(pick(x, 'servings')),
    nutrition: normNutrition(pick(x, 'nutrition') ?? x),
  }),
  'workout-log': (x: unknown): WorkoutLogEntry => ({
    id: numOr(pick(x, 'id'), 0),
    name: str(pick(x, 'name', 'workout_name')) ?? '',
    at: at(x),
    duration_minutes: num(pick(x, 'duration_minutes', 'minutes')),
    rpe: num(pick(x, 'rpe')),
    kcal: num(pick(x, 'kcal_burned', 'kcal')),
  }),
};

export type LogKind = keyof typeof readers;
type Entry<K extends LogKind> = ReturnType<(typeof readers)[K]>;

export interface LogInputs {
  weights: WeightInput;
  water: WaterInput;
  sleep: SleepInput;
  steps: StepsInput;
  'food-log': FoodLogInput;
  'workout-log': WorkoutLogInput;
}

export async function listLogs<K extends LogKind>(
  kind: K,
  range: { from?: string; to?: string; page?: number; limit?: number } = {},
  signal?: AbortSignal,
): Promise<Page<Entry<K>>> {
  const raw = await api<unknown>(`/health/${kind}`, { query: { limit: 50, ...range }, signal });
  const read = readers[kind] as (x: unknown) => Entry<K>;
  const items = arr(raw).map(read);
  return {
    items,
    page: numOr(pick(raw, 'page'), 1),
    limit: numOr(pick(raw, 'limit'), items.length),
    total: numOr(pick(raw, 'total'), items.length),
    next_cursor: str(pick(raw, 'next_cursor')),
  };
}

export async function addLog<K extends LogKind>(kind: K, body: LogInputs[K]): Promise<Entry<K>> {
  const raw = await api<unknown>(`/health/${kind}`, { method: 'POST', body });
  return (readers[kind] as (x: unknown) => Entry<K>)(raw);
}

export async function updateLog<K extends LogKind>(kind: K, id: number, body: Partial<LogInputs[K]>): Promise<Entry<K>> {
  const raw = await api<unknown>(`/health/${kind}/${id}`, { method: 'PUT', body });
  return (readers[kind] as (x: unknown) => Entry<K>)(raw);
}

export function deleteLog(kind: LogKind, id: number): Promise<void> {
  return api<void>(`/health/${kind}/${id}`, { method: 'DELETE' });
}
