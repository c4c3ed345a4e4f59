import { describe, expect, it } from 'vitest';
import { macroEnergySplit, nutritionLabel, percentDV, roundFat, roundGrams, roundKcal, roundSodium, scaleGrams, scaleNutrition } from '@/lib/nutrition';

const per = { kcal: 412, protein_g: 31.4, fat_g: 14.2, carbs_g: 38.6, fiber_g: 6.1, sugar_g: 4.4, sodium_mg: 512 };

describe('nutrition label maths', () => {
  it('scales every nutrient and keeps unknowns unknown', () => {
    expect(scaleNutrition(per, 2)).toEqual({ kcal: 824, protein_g: 62.8, fat_g: 28.4, carbs_g: 77.2, fiber_g: 12.2, sugar_g: 8.8, sodium_mg: 1024 });
    const s = scaleNutrition({ kcal: 100, protein_g: 1, fat_g: 1, carbs_g: 1, fiber_g: null, sugar_g: undefined, sodium_mg: null }, 3);
    expect(s.fiber_g).toBeNull();
    expect(s.sugar_g).toBeNull();
    expect(s.kcal).toBe(300);
  });

  it('scales ingredient grams to the chosen servings', () => {
    expect(scaleGrams(200, 2, 4)).toBe(100);
    expect(scaleGrams(200, 6, 4)).toBe(300);
  });

  it('follows the FDA rounding rules', () => {
    expect(roundKcal(4.9)).toBe(0);
    expect(roundKcal(47)).toBe(45);
    expect(roundKcal(48)).toBe(50);
    expect(roundKcal(412)).toBe(410);
    expect(roundFat(0.4)).toBe(0);
    expect(roundFat(2.3)).toBe(2.5);
    expect(roundFat(14.2)).toBe(14);
    expect(roundSodium(4)).toBe(0);
    expect(roundSodium(137)).toBe(135);
    expect(roundSodium(512)).toBe(510);
    expect(roundGrams(0.49)).toBe(0);
    expect(roundGrams(38.6)).toBe(39);
  });

  it('computes % daily value from the unrounded amount', () => {
    expect(percentDV(14.2, 78)).toBe(18);
    expect(percentDV(2300, 2300)).toBe(100);
  });

  it('builds the label for N servings', () => {
    const one = nutritionLabel(per, 1);
    expect(one.kcal).toBe(410);
    const two = nutritionLabel(per, 2);
    expect(two.kcal).toBe(820);
    const row = (k: string) => two.rows.find((r) => r.key === k)!;
    expect(row('fat')).toMatchObject({ amount: 28, dv: 36, unit: 'g' });
    expect(row('sodium')).toMatchObject({ amount: 1020, dv: 45, unit: 'mg' });
    expect(row('carbs')).toMatchObject({ amount: 77, dv: 28 });
    expect(row('fiber')).toMatchObject({ amount: 12, dv: 44, indent: true });
    expect(row('sugar')).toMatchObject({ amount: 9, dv: null });
    expect(row('protein')).toMatchObject({ amount: 63 });
    const half = nutritionLabel(per, 0.5);
    expect(half.kcal).toBe(210);
    expect(half.rows.find((r) => r.key === 'fat')!.amount).toBe(7);
  });

  it('shows unknown nutrients as unknown, never 0', () => {
    const l = nutritionLabel({ ...per, fiber_g: null, sodium_mg: null }, 2);
    expect(l.rows.find((r) => r.key === 'fiber')).toMatchObject({ amount: null, dv: null });
    expect(l.rows.find((r) => r.key === 'sodium')).toMatchObject({ amount: null, dv: null });
  });

  it('splits energy between macros', () => {
    expect(macroEnergySplit({ protein_g: 25, fat_g: 0, carbs_g: 75 })).toEqual({ protein: 25, fat: 0, carbs: 75 });
    expect(macroEnergySplit({ protein_g: 0, fat_g: 0, carbs_g: 0 })).toEqual({ protein: 0, fat: 0, carbs: 0 });
  });
});
