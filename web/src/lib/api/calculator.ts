import { api } from '../api';
import type { ActivityLevel, Goal, Sex } from './types';

export interface CalculatorInput {
  sex: Sex;
  age: number;
  height_cm: number;
  weight_kg: number;
  activity_level: ActivityLevel;
  goal: Goal;
  body_fat_pct?: number;
  waist_cm?: number;
  neck_cm?: number;
  hip_cm?: number;
}

export type BmiClass = 'underweight' | 'normal' | 'overweight' | 'obese_1' | 'obese_2' | 'obese_3';

export interface CalculatorResult {
  bmi: { value: number; class: BmiClass; label: string };
  bmr: { mifflin_st_jeor: number; harris_benedict: number; katch_mcardle: number | null };
  activity_factor: number;
  tdee: number;
  goal_adjustment_kcal: number;
  target_kcal: number;
  macros: { protein_pct: number; fat_pct: number; carbs_pct: number; protein_g: number; fat_g: number; carbs_g: number };
  body_fat_navy_pct: number | null;
  ideal_weight_kg: { devine: number; robinson: number; miller: number };
  water_ml: number;
}

export function calculate(input: CalculatorInput): Promise<CalculatorResult> {
  return api<CalculatorResult>('/calculator', { method: 'POST', body: input, auth: false });
}
