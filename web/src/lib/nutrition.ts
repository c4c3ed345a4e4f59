/**
 * FDA-style nutrition label maths: scaling per-serving figures to a chosen number of servings,
 * the FDA rounding rules (21 CFR 101.9) and % Daily Value against the 2,000 kcal reference.
 */
import type { Nutrition } from './api/types';

/** Daily Values (FDA, adults and children ≥ 4 years). */
export const DAILY_VALUES = { fat_g: 78, carbs_g: 275, fiber_g: 28, sodium_mg: 2300, protein_g: 50, sugar_g: 50 } as const;

/** Multiply every known nutrient by `factor`; unknown (null) stays unknown. */
export function scaleNutrition(n: Nutrition, factor: number): Nutrition {
  const s = (v: number | null | undefined) => (v === null || v === undefined ? null : v * factor);
  return {
    kcal: n.kcal * factor,
    protein_g: n.protein_g * factor,
    fat_g: n.fat_g * factor,
    carbs_g: n.carbs_g * factor,
    fiber_g: s(n.fiber_g),
    sugar_g: s(n.sugar_g),
    sodium_mg: s(n.sodium_mg),
  };
}

/** Ingredient grams for `servings` when the recipe yields `recipeServings`. */
export function scaleGrams(grams: number, servings: number, recipeServings: number): number {
  return recipeServings > 0 ? (grams * servings) / recipeServings : grams;
}

const nearest = (v: number, step: number) => Math.round(v / step) * step;

/** Calories: <5 → 0; ≤50 → nearest 5; above → nearest 10. */
export function roundKcal(v: number): number {
  if (v < 5) return 0;
  return v <= 50 ? nearest(v, 5) : nearest(v, 10);
}

/** Fat: <0.5 g → 0; <5 g → nearest 0.5 g; above → nearest 1 g. */
export function roundFat(v: number): number {
  if (v < 0.5) return 0;
  return v < 5 ? nearest(v, 0.5) : Math.round(v);
}

/** Sodium: <5 mg → 0; 5–140 mg → nearest 5 mg; above → nearest 10 mg. */
export function roundSodium(v: number): number {
  if (v < 5) return 0;
  return v <= 140 ? nearest(v, 5) : nearest(v, 10);
}

/** Carbohydrate, fibre, sugars, protein: <0.5 g → 0; else nearest 1 g. */
export function roundGrams(v: number): number {
  return v < 0.5 ? 0 : Math.round(v);
}

/** % Daily Value, whole percent, from the unrounded amount. */
export function percentDV(amount: number, dv: number): number {
  return Math.round((amount / dv) * 100);
}

export interface LabelRow {
  key: 'fat' | 'sodium' | 'carbs' | 'fiber' | 'sugar' | 'protein';
  amount: number | null;
  unit: 'g' | 'mg';
  dv: number | null;
  indent: boolean;
}

export interface Label {
  kcal: number;
  rows: LabelRow[];
}

/** The label for `servings` servings of a recipe whose per-serving nutrition is `per`. */
export function nutritionLabel(per: Nutrition, servings: number): Label {
  const n = scaleNutrition(per, servings);
  const row = (key: LabelRow['key'], v: number | null | undefined, unit: 'g' | 'mg', round: (x: number) => number, dv: number | null, indent = false): LabelRow => ({
    key,
    amount: v === null || v === undefined ? null : round(v),
    unit,
    dv: v === null || v === undefined || dv === null ? null : percentDV(v, dv),
    indent,
  });
  return {
    kcal: roundKcal(n.kcal),
    rows: [
      row('fat', n.fat_g, 'g', roundFat, DAILY_VALUES.fat_g),
      row('sodium', n.sodium_mg, 'mg', roundSodium, DAILY_VALUES.sodium_mg),
      row('carbs', n.carbs_g, 'g', roundGrams, DAILY_VALUES.carbs_g),
      row('fiber', n.fiber_g, 'g', roundGrams, DAILY_VALUES.fiber_g, true),
      row('sugar', n.sugar_g, 'g', roundGrams, null, true),
      row('protein', n.protein_g, 'g', roundGrams, null),
    ],
  };
}

/** Share of energy from each macro (4/9/4 kcal per g), whole percent summing to ~100. */
export function macroEnergySplit(n: Pick<Nutrition, 'protein_g' | 'fat_g' | 'carbs_g'>): { protein: number; fat: number; carbs: number } {
  const p = n.protein_g * 4;
  const f = n.fat_g * 9;
  const c = n.carbs_g * 4;
  const t = p + f + c;
  if (t <= 0) return { protein: 0, fat: 0, carbs: 0 };
  return { protein: Math.round((p / t) * 100), fat: Math.round((f / t) * 100), carbs: Math.round((c / t) * 100) };
}
