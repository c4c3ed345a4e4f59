/**
 * Small helpers for reading API objects defensively. Where an issue leaves a field name open,
 * normalizers accept the few plausible spellings so one place needs changing when the
 * server settles (see README "API assumptions").
 */
import type { Nutrition, Page } from './types';

type Obj = Record<string, unknown>;

export function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** First key of `keys` present (not undefined) on `o`. */
export function pick(o: unknown, ...keys: string[]): unknown {
  if (!isObj(o)) return undefined;
  for (const k of keys) if (o[k] !== undefined) return o[k];
  return undefined;
}

export function num(v: unknown): number | null {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return null;
}

export function numOr(v: unknown, fallback: number): number {
  return num(v) ?? fallback;
}

export function str(v: unknown): string | null {
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : null;
}

export function strArr(v: unknown): string[] {
  if (Array.isArray(v)) return v.map((x) => (typeof x === 'string' ? x : isObj(x) ? str(pick(x, 'name', 'text')) : null)).filter((x): x is string => !!x);
  if (typeof v === 'string' && v) return v.split(',').map((s) => s.trim()).filter(Boolean);
  return [];
}

/** Array from a list response: an envelope's items, or a bare array, or a named array. */
export function arr(v: unknown, ...keys: string[]): unknown[] {
  if (Array.isArray(v)) return v;
  for (const k of ['items', ...keys]) {
    const x = pick(v, k);
    if (Array.isArray(x)) return x;
  }
  return [];
}

export function normNutrition(v: unknown): Nutrition {
  return {
    kcal: numOr(pick(v, 'kcal', 'calories', 'energy_kcal'), 0),
    protein_g: numOr(pick(v, 'protein_g', 'protein'), 0),
    fat_g: numOr(pick(v, 'fat_g', 'fat'), 0),
    carbs_g: numOr(pick(v, 'carbs_g', 'carbohydrate_g', 'carbs'), 0),
    fiber_g: num(pick(v, 'fiber_g', 'fiber')),
    sugar_g: num(pick(v, 'sugar_g', 'sugars_g', 'sugar')),
    sodium_mg: num(pick(v, 'sodium_mg', 'sodium')),
  };
}


export function normPage<T>(raw: unknown, map: (x: unknown) => T): Page<T> {
  const items = arr(raw).map(map);
  return {
    items,
    page: numOr(pick(raw, 'page'), 1),
    limit: numOr(pick(raw, 'limit'), items.length || 20),
    total: numOr(pick(raw, 'total'), items.length),
    next_cursor: str(pick(raw, 'next_cursor')),
  };
}

