/**
 * URL query <-> filter state for the catalog pages. Everything a list shows lives in the URL,
 * so any view is deep-linkable. Parsing is forgiving: unknown enum values and non-numbers are
 * dropped (a stale link never produces a 422); serialising omits defaults so URLs stay short
 * and a given state has exactly one URL.
 */
import type { QueryValue } from './api';
import { ALLERGENS, DIET_TAGS, DIETS, LEVELS, MEAL_TYPES, RECIPE_SORTS, WORKOUT_GOALS } from './api/types';

export const PAGE_SIZE = 12;

export interface RecipeFilters {
  q?: string;
  diet?: string;
  exclude_allergens: string[];
  meal_type?: string;
  cuisine?: string;
  max_kcal?: number;
  min_protein_g?: number;
  max_prep_minutes?: number;
  sort?: string;
  page: number;
}

export interface WorkoutFilters {
  q?: string;
  muscle?: string;
  equipment?: string;
  level?: string;
  goal?: string;
  min_minutes?: number;
  max_minutes?: number;
  page: number;
}

type Params = Pick<URLSearchParams, 'get'>;

const RECIPE_DIETS: readonly string[] = Array.from(new Set<string>([...DIETS.filter((d) => d !== 'omnivore'), ...DIET_TAGS]));

function text(p: Params, k: string, max = 100): string | undefined {
  const v = p.get(k)?.trim();
  return v ? v.slice(0, max) : undefined;
}

function oneOf(p: Params, k: string, allowed: readonly string[]): string | undefined {
  const v = p.get(k);
  return v && allowed.includes(v) ? v : undefined;
}

function posInt(p: Params, k: string, max = 100000): number | undefined {
  const v = p.get(k);
  if (!v || !/^\d{1,7}$/.test(v)) return undefined;
  const n = Number(v);
  return n > 0 && n <= max ? n : undefined;
}

function list(p: Params, k: string, allowed: readonly string[]): string[] {
  const v = p.get(k);
  if (!v) return [];
  const seen = new Set<string>();
  for (const x of v.split(',')) if (allowed.includes(x)) seen.add(x);
  // canonical order = order of the allowed list
  return allowed.filter((a) => seen.has(a));
}

export function recipeFiltersFromQuery(p: Params): RecipeFilters {
  return {
    q: text(p, 'q'),
    diet: oneOf(p, 'diet', RECIPE_DIETS),
    exclude_allergens: list(p, 'exclude_allergens', ALLERGENS),
    meal_type: oneOf(p, 'meal_type', MEAL_TYPES),
    cuisine: text(p, 'cuisine', 40),
    max_kcal: posInt(p, 'max_kcal', 10000),
    min_protein_g: posInt(p, 'min_protein_g', 1000),
    max_prep_minutes: posInt(p, 'max_prep_minutes', 1440),
    sort: oneOf(p, 'sort', RECIPE_SORTS),
    page: posInt(p, 'page', 100000) ?? 1,
  };
}

function serialize(entries: [string, QueryValue][]): string {
  const sp = new URLSearchParams();
  for (const [k, v] of entries) {
    if (v === undefined || v === null || v === '') continue;
    if (Array.isArray(v)) {
      if (v.length) sp.set(k, v.join(','));
    } else sp.set(k, String(v));
  }
  return sp.toString();
}

/** Canonical query string (no leading "?"); page 1 is omitted. */
export function recipeFiltersToQuery(f: Partial<RecipeFilters>): string {
  return serialize([
    ['q', f.q?.trim()],
    ['diet', f.diet],
    ['exclude_allergens', f.exclude_allergens ?? []],
    ['meal_type', f.meal_type],
    ['cuisine', f.cuisine?.trim()],
    ['max_kcal', f.max_kcal],
    ['min_protein_g', f.min_protein_g],
    ['max_prep_minutes', f.max_prep_minutes],
    ['sort', f.sort],
    ['page', f.page && f.page > 1 ? f.page : undefined],
  ]);
}

/** Query object for GET /nutrition-data/recipes. */
export function recipeFiltersToApi(f: Partial<RecipeFilters>): Record<string, QueryValue> {
  return {
    q: f.q?.trim(),
    diet: f.diet,
    exclude_allergens: f.exclude_allergens ?? [],
    meal_type: f.meal_type,
    cuisine: f.cuisine?.trim(),
    max_kcal: f.max_kcal,
    min_protein_g: f.min_protein_g,
    max_prep_minutes: f.max_prep_minutes,
    sort: f.sort,
    page: f.page ?? 1,
    limit: PAGE_SIZE,
  };
}

export function workoutFiltersFromQuery(p: Params): WorkoutFilters {
  let min = posInt(p, 'min_minutes', 600);
  let max = posInt(p, 'max_minutes', 600);
  if (min !== undefined && max !== undefined && min > max) [min, max] = [max, min];
  const eq = p.get('equipment')?.trim();
  return {
    q: text(p, 'q'),
    muscle: text(p, 'muscle', 40),
    equipment: eq ? eq.slice(0, 40) : undefined,
    level: oneOf(p, 'level', LEVELS),
    goal: oneOf(p, 'goal', WORKOUT_GOALS),
    min_minutes: min,
    max_minutes: max,
    page: posInt(p, 'page', 100000) ?? 1,
  };
}

export function workoutFiltersToQuery(f: Partial<WorkoutFilters>): string {
  return serialize([
    ['q', f.q?.trim()],
    ['muscle', f.muscle],
    ['equipment', f.equipment],
    ['level', f.level],
    ['goal', f.goal],
    ['min_minutes', f.min_minutes],
    ['max_minutes', f.max_minutes],
    ['page', f.page && f.page > 1 ? f.page : undefined],
  ]);
}

export function workoutFiltersToApi(f: Partial<WorkoutFilters>): Record<string, QueryValue> {
  return {
    q: f.q?.trim(),
    muscle: f.muscle,
    equipment: f.equipment,
    level: f.level,
    goal: f.goal,
    min_minutes: f.min_minutes,
    max_minutes: f.max_minutes,
    page: f.page ?? 1,
    limit: PAGE_SIZE,
  };
}

/** Number of pages for a list envelope. */
export function pageCount(total: number, limit: number): number {
  return limit > 0 ? Math.max(1, Math.ceil(total / limit)) : 1;
}

/**
 * Page numbers to show: always first and last, a window around the current page,
 * and null where numbers are skipped (rendered as an ellipsis).
 */
export function pageWindow(current: number, count: number, radius = 1): (number | null)[] {
  const out: (number | null)[] = [];
  const lo = Math.max(2, current - radius);
  const hi = Math.min(count - 1, current + radius);
  out.push(1);
  if (lo > 2) out.push(null);
  for (let i = lo; i <= hi; i++) out.push(i);
  if (hi < count - 1) out.push(null);
  if (count > 1) out.push(count);
  return out;
}
