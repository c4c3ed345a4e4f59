/**
 * GET /api/v1/dashboard and the chart series endpoints. The health issue names the figures but
 * not the JSON shape, so everything goes through normDashboard(), which accepts the plausible
 * spellings and fills what is missing (e.g. the moving average) on the client.
 */
import { api, prefetch } from '../api';
import { arr, isObj, num, numOr, pick, str } from './normalize';
import { movingAverage } from '../stats';

export interface WeightPoint { date: string; kg: number; avg: number | null }
export interface Progress { eaten: number; target: number }

export interface Dashboard {
  date: string | null;
  kcal: { eaten: number; target: number; burned: number };
  macros: { protein: Progress; fat: Progress; carbs: Progress };
  water: { ml: number; goal: number };
  steps: { count: number; goal: number };
  sleep: { minutes: number; quality: number | null } | null;
  weight: { latest_kg: number | null; weekly_change_kg: number | null; trend: Record<'7' | '30' | '90', WeightPoint[]> };
  workouts: { by_muscle: { muscle: string; count: number }[]; sessions: number; minutes: number };
  streaks: { current: number; longest: number };
}

function progress(v: unknown, eatenKeys: string[], targetKeys: string[]): Progress {
  if (typeof v === 'number') return { eaten: v, target: 0 };
  return { eaten: numOr(pick(v, ...eatenKeys), 0), target: numOr(pick(v, ...targetKeys), 0) };
}

function weightPoints(v: unknown): WeightPoint[] {
  const list = arr(v, 'points', 'raw');
  const pts = list
    .map((p) => ({
      date: str(pick(p, 'date', 'day', 'at', 'measured_at')) ?? '',
      kg: num(pick(p, 'kg', 'weight_kg', 'value', 'raw')),
      avg: num(pick(p, 'avg', 'moving_avg', 'ma7', 'moving_average', 'avg7')),
    }))
    .filter((p): p is { date: string; kg: number; avg: number | null } => p.kg !== null && !!p.date)
    // ISO dates sort as plain strings; localeCompare would build an ICU collator first (16 ms
    // of the dashboard's first render in a profile here).
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  // a separate moving-average array is matched by date
  const ma = arr(pick(v, 'moving_average', 'moving_avg', 'ma7'));
  if (ma.length) {
    const byDate = new Map(ma.map((p) => [str(pick(p, 'date', 'day')) ?? '', num(pick(p, 'kg', 'value', 'avg'))]));
    for (const p of pts) if (p.avg === null) p.avg = byDate.get(p.date) ?? null;
  }
  if (pts.length && pts.every((p) => p.avg === null)) {
    const avg = movingAverage(pts.map((p) => ({ date: p.date, value: p.kg })), 7);
    pts.forEach((p, i) => (p.avg = avg[i]));
  }
  return pts;
}

export function normDashboard(raw: unknown): Dashboard {
  const kcal = pick(raw, 'kcal', 'calories', 'energy');
  const macros = pick(raw, 'macros');
  const water = pick(raw, 'water');
  const steps = pick(raw, 'steps');
  const sleep = pick(raw, 'sleep', 'last_sleep');
  const weight = pick(raw, 'weight', 'weight_trend');
  const trendRaw = pick(weight, 'trend', 'trends') ?? weight;
  const trend = { '7': [] as WeightPoint[], '30': [] as WeightPoint[], '90': [] as WeightPoint[] };
  for (const d of ['7', '30', '90'] as const) {
    trend[d] = weightPoints(pick(trendRaw, d, `d${d}`, `days_${d}`, `${d}d`, `last_${d}`));
  }
  const wk = pick(raw, 'workouts', 'workouts_this_week', 'weekly_workouts');
  const byMuscleRaw = pick(wk, 'by_muscle', 'by_muscle_group', 'muscle_groups') ?? wk;
  let byMuscle: { muscle: string; count: number }[] = [];
  if (Array.isArray(byMuscleRaw)) {
    byMuscle = byMuscleRaw.map((m) => ({
      muscle: str(pick(m, 'muscle', 'muscle_group', 'name')) ?? '',
      count: numOr(pick(m, 'count', 'sessions', 'sets', 'minutes'), 0),
    }));
  } else if (isObj(byMuscleRaw)) {
    byMuscle = Object.entries(byMuscleRaw)
      .filter(([, v]) => typeof v === 'number')
      .map(([muscle, count]) => ({ muscle, count: count as number }));
  }
  const streaks = pick(raw, 'streaks', 'streak');
  const sleepMinutes = num(pick(sleep, 'minutes', 'duration_minutes', 'last_night_minutes')) ?? (num(pick(sleep, 'hours')) ?? NaN) * 60;
  const latest = num(pick(weight, 'latest_kg', 'current_kg', 'latest'));
  const last7 = trend['7'];
  return {
    date: str(pick(raw, 'date', 'today')),
    kcal: {
      eaten: numOr(pick(kcal, 'eaten', 'consumed', 'in'), 0),
      target: numOr(pick(kcal, 'target', 'goal'), 0),
      burned: numOr(pick(kcal, 'burned', 'out') ?? pick(raw, 'kcal_burned'), 0),
    },
    macros: {
      protein: progress(pick(macros, 'protein_g', 'protein'), ['eaten', 'consumed', 'g'], ['target', 'goal']),
      fat: progress(pick(macros, 'fat_g', 'fat'), ['eaten', 'consumed', 'g'], ['target', 'goal']),
      carbs: progress(pick(macros, 'carbs_g', 'carbs'), ['eaten', 'consumed', 'g'], ['target', 'goal']),
    },
    water: { ml: numOr(typeof water === 'number' ? water : pick(water, 'ml', 'total_ml', 'eaten'), 0), goal: numOr(pick(water, 'goal_ml', 'goal', 'target'), 2000) },
    steps: { count: numOr(typeof steps === 'number' ? steps : pick(steps, 'count', 'steps', 'total'), 0), goal: numOr(pick(steps, 'goal', 'target'), 8000) },
    sleep: sleep && Number.isFinite(sleepMinutes) ? { minutes: sleepMinutes, quality: num(pick(sleep, 'quality')) } : null,
    weight: {
      latest_kg: latest ?? (last7.length ? last7[last7.length - 1].kg : null),
      weekly_change_kg: num(pick(weight, 'weekly_change_kg', 'weekly_change', 'change_7d_kg')),
      trend,
    },
    workouts: {
      by_muscle: byMuscle.filter((m) => m.muscle).sort((a, b) => b.count - a.count),
      sessions: numOr(pick(wk, 'sessions', 'count', 'total'), 0),
      minutes: numOr(pick(wk, 'minutes', 'total_minutes'), 0),
    },
    streaks: {
      current: numOr(typeof streaks === 'number' ? streaks : pick(streaks, 'current', 'current_days', 'days'), 0),
      longest: numOr(pick(streaks, 'longest', 'longest_days', 'best'), 0),
    },
  };
}

/** Starts loading what the dashboard shows first (see prefetch in ../api). */
export function prefetchDashboard(): void {
  prefetch('/dashboard');
  prefetch('/actions/nutrition-summary', { days: 7 });
}

export async function getDashboard(signal?: AbortSignal): Promise<Dashboard> {
  return normDashboard(await api<unknown>('/dashboard', { signal }));
}

export interface ProgressDay { date: string; weight_kg: number | null; water_ml: number; steps: number; sleep_minutes: number; kcal_burned: number; workouts: number }
export interface NutritionDay { date: string; kcal: number; protein_g: number; fat_g: number; carbs_g: number; target_kcal: number | null }

function series(raw: unknown): unknown[] {
  return arr(raw, 'days', 'series', 'data');
}

export async function progressSummary(days: number, signal?: AbortSignal): Promise<ProgressDay[]> {
  const raw = await api<unknown>('/actions/progress-summary', { query: { days }, signal });
  return series(raw).map((d) => ({
    date: str(pick(d, 'date', 'day')) ?? '',
    weight_kg: num(pick(d, 'weight_kg', 'weight')),
    water_ml: numOr(pick(d, 'water_ml', 'water'), 0),
    steps: numOr(pick(d, 'steps'), 0),
    sleep_minutes: numOr(pick(d, 'sleep_minutes') ?? (num(pick(d, 'sleep_hours')) ?? 0) * 60, 0),
    kcal_burned: numOr(pick(d, 'kcal_burned', 'burned_kcal'), 0),
    workouts: numOr(pick(d, 'workouts', 'workout_count'), 0),
  }));
}

export async function nutritionSummary(days: number, signal?: AbortSignal): Promise<NutritionDay[]> {
  const raw = await api<unknown>('/actions/nutrition-summary', { query: { days }, signal });
  return series(raw).map((d) => ({
    date: str(pick(d, 'date', 'day')) ?? '',
    kcal: numOr(pick(d, 'kcal', 'kcal_eaten', 'calories'), 0),
    protein_g: numOr(pick(d, 'protein_g', 'protein'), 0),
    fat_g: numOr(pick(d, 'fat_g', 'fat'), 0),
    carbs_g: numOr(pick(d, 'carbs_g', 'carbs'), 0),
    target_kcal: num(pick(d, 'target_kcal', 'kcal_target')),
  }));
}
