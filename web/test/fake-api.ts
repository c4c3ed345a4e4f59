/**
 * An in-memory stand-in for the trae-health API with the shapes the web app assumes
 * (see README "API assumptions"). Used by the page tests instead of a browser.
 */
import { vi } from 'vitest';
import { configureApi } from '@/lib/api';

export interface Call {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
  auth: string | null;
}

type Reply = { status?: number; body?: unknown; headers?: Record<string, string> };
type Route = (c: Call) => Reply | undefined;

export const recipe = (id: number, over: Record<string, unknown> = {}) => ({
  id,
  name: `Recipe ${id}`,
  cuisine: 'indian',
  meal_type: 'lunch',
  prep_minutes: 20,
  servings: 4,
  diet_tags: ['vegan', 'gluten_free'],
  allergens: [],
  nutrition_per_serving: { kcal: 412, protein_g: 31.4, fat_g: 14.2, carbs_g: 38.6, fiber_g: 6.1, sugar_g: 4.4, sodium_mg: 512 },
  ...over,
});

const workout = (id: number) => ({ id, name: `Workout ${id}`, level: 'beginner', goal: 'strength', muscles: ['chest', 'triceps'], equipment: ['dumbbell'], total_minutes: 30, estimated_kcal: 210 });

export const plan = (id: number, swapped = false) => ({
  id,
  created_at: '2026-11-26T08:00:00Z',
  targets: { kcal: 2000, protein_g: 150, fat_g: 67, carbs_g: 200 },
  days: [1, 2].map((day) => ({
    day,
    meals: [
      { slot: 'breakfast', recipe_id: 1, name: swapped && day === 1 ? 'Swapped oats' : 'Oats', servings: 1.5, nutrition: { kcal: 500, protein_g: 30, fat_g: 15, carbs_g: 60 } },
      { slot: 'lunch', recipe_id: 2, name: 'Dal', servings: 1, nutrition: { kcal: 700, protein_g: 50, fat_g: 22, carbs_g: 70 } },
      { slot: 'dinner', recipe_id: 3, name: 'Salmon', servings: 1, nutrition: { kcal: 790, protein_g: 70, fat_g: 30, carbs_g: 68 } },
    ],
    totals: { kcal: 1990, protein_g: 150, fat_g: 67, carbs_g: 198 },
  })),
  grocery_list: [
    { food_id: 10, name: 'Rolled oats', grams: 240 },
    { food_id: 11, name: 'Red lentils', grams: 1300 },
  ],
});

export const profile = {
  sex: 'female',
  birth_date: '1990-05-01',
  height_cm: 170,
  weight_kg: 65,
  activity_level: 'moderate',
  goal: 'maintain',
  diet: null,
  allergies: ['peanut'],
  equipment: ['dumbbell'],
  units: 'metric',
  timezone: 'Europe/Berlin',
  language: 'en',
  water_goal_ml: 2000,
  steps_goal: 8000,
};

export const dashboard = {
  date: '2026-11-26',
  kcal: { eaten: 1250, target: 2000, burned: 310 },
  macros: { protein_g: { eaten: 80, target: 150 }, fat_g: { eaten: 40, target: 67 }, carbs_g: { eaten: 140, target: 200 } },
  water: { ml: 1500, goal_ml: 2000 },
  steps: { count: 6400, goal: 8000 },
  sleep: { minutes: 450, quality: 4 },
  weight: {
    latest_kg: 64.6,
    weekly_change_kg: -0.4,
    trend: {
      '7': [
        { date: '2026-11-20', kg: 65.0 },
        { date: '2026-11-23', kg: 64.8 },
        { date: '2026-11-26', kg: 64.6 },
      ],
      '30': [],
      '90': [],
    },
  },
  workouts: { sessions: 2, minutes: 75, by_muscle: [{ muscle: 'chest', count: 2 }, { muscle: 'quadriceps', count: 1 }] },
  streaks: { current: 5, longest: 12 },
};

const defaultRoutes = (state: { profile: Record<string, unknown> }): Route[] => [
  (c) => (c.path === '/auth/me' ? { body: { id: 1, email: 'ana@example.com', name: 'Ana', created_at: '2026-11-01T00:00:00Z' } } : undefined),
  (c) => (c.path === '/profile' && c.method === 'GET' ? { body: state.profile } : undefined),
  (c) => (c.path === '/profile' && c.method === 'PUT' ? { body: (state.profile = { ...state.profile, ...(c.body as object) }) } : undefined),
  (c) => (c.path === '/dashboard' ? { body: dashboard } : undefined),
  (c) => (c.path === '/actions/nutrition-summary' ? { body: { days: [{ date: '2026-11-25', kcal: 1900, protein_g: 120, fat_g: 60, carbs_g: 210 }, { date: '2026-11-26', kcal: 1250, protein_g: 80, fat_g: 40, carbs_g: 140 }] } } : undefined),
  (c) => (c.path === '/actions/progress-summary' ? { body: { days: [{ date: '2026-11-25', weight_kg: 64.8, water_ml: 2100, steps: 9000, sleep_minutes: 420 }, { date: '2026-11-26', weight_kg: 64.6, water_ml: 1500, steps: 6400, sleep_minutes: 450 }] } } : undefined),
  (c) => {
    if (c.path !== '/nutrition-data/recipes') return undefined;
    const page = Number(c.query.get('page') || 1);
    return { body: { items: [1, 2, 3].map((i) => recipe((page - 1) * 12 + i)), page, limit: 12, total: 40, next_cursor: null } };
  },
  (c) => {
    const m = /^\/nutrition-data\/recipes\/(\d+)$/.exec(c.path);
    if (!m) return undefined;
    if (m[1] === '404') return { status: 404, body: { error: { code: 'not_found', message: 'Recipe not found' } } };
    return { body: { ...recipe(Number(m[1])), ingredients: [{ food_id: 5, name: 'Red lentils', grams: 400 }, { food_id: 6, name: 'Onion', grams: 120 }], steps: ['Rinse the lentils.', 'Simmer 20 minutes.'] } };
  },
  (c) => (c.path === '/nutrition-data/workouts' ? { body: { items: [workout(1), workout(2)], page: 1, limit: 12, total: 2, next_cursor: null } } : undefined),
  (c) => {
    const m = /^\/nutrition-data\/workouts\/(\d+)$/.exec(c.path);
    return m ? { body: { ...workout(Number(m[1])), exercises: [{ exercise_id: 3, name: 'Push-up', sets: 3, reps: 12, rest_seconds: 60 }, { exercise_id: 4, name: 'Plank', duration_seconds: 45 }] } } : undefined;
  },
  (c) => (c.path === '/foods' ? { body: { items: [{ id: 20, name: 'Oats, rolled', group: 'Cereal Grains', kcal_per_100g: 379 }], page: 1, limit: 8, total: 1, next_cursor: null } } : undefined),
  (c) => (c.path === '/calculator' ? { body: { bmi: { value: 22.5, class: 'normal', label: 'Normal' }, bmr: { mifflin_st_jeor: 1400, harris_benedict: 1450, katch_mcardle: null }, activity_factor: 1.55, tdee: 2170, goal_adjustment_kcal: -500, target_kcal: 1670, macros: { protein_pct: 30, fat_pct: 30, carbs_pct: 40, protein_g: 125, fat_g: 56, carbs_g: 167 }, body_fat_navy_pct: null, ideal_weight_kg: { devine: 61.6, robinson: 61.0, miller: 62.1 }, water_ml: 2275 } } : undefined),
  (c) => (c.path === '/actions/generate-meal-plan' ? { status: 201, body: plan(42) } : undefined),
  (c) => (c.path === '/meal-plans' ? { body: { items: [{ id: 41, created_at: '2026-11-20T08:00:00Z', days: 7, targets: { kcal: 1900 } }], page: 1, limit: 20, total: 1, next_cursor: null } } : undefined),
  (c) => (c.path === '/meal-plans/42/swap' ? { body: plan(42, true) } : undefined),
  (c) => (/^\/meal-plans\/\d+$/.test(c.path) && c.method === 'GET' ? { body: plan(Number(c.path.split('/')[2])) } : undefined),
  (c) => (c.path.startsWith('/health/') && c.method === 'POST' ? { status: 201, body: { id: 99, ...(c.body as object) } } : undefined),
  (c) => (c.path.startsWith('/health/') && c.method === 'GET' ? { body: { items: [], page: 1, limit: 50, total: 0, next_cursor: null } } : undefined),
];

export function fakeApi(extra: Route[] = []) {
  const calls: Call[] = [];
  const state = { profile: { ...profile } as Record<string, unknown> };
  const routes = [...extra, ...defaultRoutes(state)];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input), 'https://app.test');
    const c: Call = {
      method: init.method || 'GET',
      path: url.pathname.replace(/^\/api\/v1/, ''),
      query: url.searchParams,
      body: init.body ? JSON.parse(String(init.body)) : undefined,
      auth: new Headers(init.headers).get('Authorization'),
    };
    calls.push(c);
    for (const r of routes) {
      const rep = r(c);
      if (rep) return new Response(rep.body === undefined ? null : JSON.stringify(rep.body), { status: rep.status ?? 200, headers: { 'Content-Type': 'application/json', ...rep.headers } });
    }
    return new Response(JSON.stringify({ error: { code: 'not_found', message: `no route ${c.method} ${c.path}` } }), { status: 404 });
  });
  const onAuthFailure = vi.fn();
  configureApi({ fetch: fetchMock as unknown as typeof fetch, onAuthFailure });
  return { calls, fetchMock, onAuthFailure, state };
}
