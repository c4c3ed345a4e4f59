import { api } from '../api';
import type { Nutrition, Page } from './types';
import { arr, num, numOr, pick, str } from './normalize';
import { normNutrition } from './normalize';

export interface GeneratePlanInput {
  days: number;
  meals_per_day: number;
  target_kcal?: number;
  macros?: { protein_pct: number; fat_pct: number; carbs_pct: number };
  diet?: string;
  exclude_allergens?: string[];
  exclude_foods?: number[];
  cuisines?: string[];
  max_prep_minutes?: number;
  seed?: number;
}

export interface PlanMeal {
  slot: string;
  recipe_id: number;
  name: string;
  servings: number;
  nutrition: Nutrition;
}

export interface PlanDay {
  day: number;
  meals: PlanMeal[];
  totals: Nutrition;
}

export interface MealPlan {
  id: number;
  created_at: string | null;
  targets: { kcal: number; protein_g: number; fat_g: number; carbs_g: number };
  days: PlanDay[];
  grocery_list: { food_id: number; name: string; grams: number }[];
}

export interface MealPlanSummary {
  id: number;
  created_at: string | null;
  days: number;
  target_kcal: number | null;
}

export function normPlan(p: unknown): MealPlan {
  const t = pick(p, 'targets');
  return {
    id: numOr(pick(p, 'id'), 0),
    created_at: str(pick(p, 'created_at')),
    targets: {
      kcal: numOr(pick(t, 'kcal'), 0),
      protein_g: numOr(pick(t, 'protein_g'), 0),
      fat_g: numOr(pick(t, 'fat_g'), 0),
      carbs_g: numOr(pick(t, 'carbs_g'), 0),
    },
    days: arr(pick(p, 'days')).map((d, i) => ({
      day: numOr(pick(d, 'day'), i + 1),
      meals: arr(pick(d, 'meals')).map((m) => ({
        slot: str(pick(m, 'slot')) ?? '',
        recipe_id: numOr(pick(m, 'recipe_id'), 0),
        name: str(pick(m, 'name')) ?? '',
        servings: numOr(pick(m, 'servings'), 1),
        nutrition: normNutrition(pick(m, 'nutrition')),
      })),
      totals: normNutrition(pick(d, 'totals')),
    })),
    grocery_list: arr(pick(p, 'grocery_list')).map((g) => ({
      food_id: numOr(pick(g, 'food_id'), 0),
      name: str(pick(g, 'name')) ?? '',
      grams: numOr(pick(g, 'grams'), 0),
    })),
  };
}

export function normPlanSummary(p: unknown): MealPlanSummary {
  const days = pick(p, 'days');
  return {
    id: numOr(pick(p, 'id'), 0),
    created_at: str(pick(p, 'created_at')),
    days: Array.isArray(days) ? days.length : numOr(days ?? pick(p, 'day_count'), 0),
    target_kcal: num(pick(pick(p, 'targets'), 'kcal') ?? pick(p, 'target_kcal')),
  };
}

export async function generateMealPlan(input: GeneratePlanInput): Promise<MealPlan> {
  return normPlan(await api<unknown>('/actions/generate-meal-plan', { method: 'POST', body: input }));
}

export async function listMealPlans(page = 1, signal?: AbortSignal): Promise<Page<MealPlanSummary>> {
  const raw = await api<unknown>('/meal-plans', { query: { page, limit: 20 }, signal });
  const items = arr(raw).map(normPlanSummary);
  return {
    items,
    page: numOr(pick(raw, 'page'), page),
    limit: numOr(pick(raw, 'limit'), 20),
    total: numOr(pick(raw, 'total'), items.length),
    next_cursor: str(pick(raw, 'next_cursor')),
  };
}

export async function getMealPlan(id: number, signal?: AbortSignal): Promise<MealPlan> {
  return normPlan(await api<unknown>(`/meal-plans/${id}`, { signal }));
}

export function deleteMealPlan(id: number): Promise<void> {
  return api<void>(`/meal-plans/${id}`, { method: 'DELETE' });
}

/** Swap one meal. The server answers with the updated plan; if it doesn't, we re-read it. */
export async function swapMeal(id: number, day: number, slot: string): Promise<MealPlan> {
  const raw = await api<unknown>(`/meal-plans/${id}/swap`, { method: 'POST', body: { day, slot } });
  if (Array.isArray(pick(raw, 'days'))) return normPlan(raw);
  const inner = pick(raw, 'plan');
  if (Array.isArray(pick(inner, 'days'))) return normPlan(inner);
  return getMealPlan(id);
}
