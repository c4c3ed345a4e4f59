import { api } from '../api';
import type { Page } from './types';
import { arr, isObj, normPage, num, numOr, pick, str } from './normalize';

export interface FoodSummary {
  id: number;
  name: string;
  group: string | null;
  kcal_per_100g: number | null;
}

export interface Food extends FoodSummary {
  nutrients: { key: string; value: number | null; unit: string }[];
  measures: { label: string; grams: number }[];
}

export function normFoodSummary(f: unknown): FoodSummary {
  const n = pick(f, 'nutrients', 'per_100g');
  return {
    id: numOr(pick(f, 'id', 'ndb_no'), 0),
    name: str(pick(f, 'name', 'description', 'long_desc')) ?? '',
    group: str(pick(f, 'group', 'food_group', 'group_name')),
    kcal_per_100g: num(pick(f, 'kcal_per_100g', 'kcal', 'energy_kcal') ?? (isObj(n) ? pick(n, 'kcal', 'energy_kcal') : undefined)),
  };
}

const UNIT_BY_SUFFIX: [RegExp, string][] = [
  [/_mg$/, 'mg'],
  [/_ug$|_mcg$/, 'µg'],
  [/_g$/, 'g'],
  [/kcal/, 'kcal'],
];

export function normFood(f: unknown): Food {
  const nutrientsRaw = pick(f, 'nutrients', 'per_100g');
  let nutrients: Food['nutrients'] = [];
  if (Array.isArray(nutrientsRaw)) {
    nutrients = nutrientsRaw.map((x) => ({
      key: str(pick(x, 'name', 'key')) ?? '',
      value: num(pick(x, 'value', 'amount')),
      unit: str(pick(x, 'unit')) ?? '',
    }));
  } else if (isObj(nutrientsRaw)) {
    nutrients = Object.entries(nutrientsRaw).map(([key, value]) => ({
      key,
      value: num(value),
      unit: UNIT_BY_SUFFIX.find(([re]) => re.test(key))?.[1] ?? '',
    }));
  }
  return {
    ...normFoodSummary(f),
    nutrients,
    measures: arr(pick(f, 'measures', 'household_measures', 'weights')).map((m) => ({
      label: str(pick(m, 'label', 'description', 'desc', 'name')) ?? '',
      grams: numOr(pick(m, 'grams', 'gm_wgt', 'g'), 0),
    })),
  };
}

export async function searchFoods(q: string, opts: { page?: number; limit?: number; group?: string } = {}, signal?: AbortSignal): Promise<Page<FoodSummary>> {
  return normPage(await api<unknown>('/foods', { query: { q, group: opts.group, page: opts.page, limit: opts.limit ?? 10 }, signal }), normFoodSummary);
}

export async function getFood(id: number, signal?: AbortSignal): Promise<Food> {
  return normFood(await api<unknown>(`/foods/${id}`, { signal }));
}
