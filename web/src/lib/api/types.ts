/** Shared API shapes (spine contract). */

export interface Page<T> {
  items: T[];
  page: number;
  limit: number;
  total: number;
  next_cursor: string | null;
}

export interface User {
  id: number;
  email: string;
  name: string;
  created_at?: string;
}

export interface AuthResponse {
  user: User;
  access_token: string;
  refresh_token: string;
  token_type: 'Bearer';
  expires_in: number;
}

export const SEXES = ['male', 'female'] as const;
export const ACTIVITY_LEVELS = ['sedentary', 'light', 'moderate', 'active', 'very_active'] as const;
export const GOALS = ['lose', 'maintain', 'gain'] as const;
export const DIETS = ['omnivore', 'vegetarian', 'vegan', 'pescatarian', 'keto', 'halal'] as const;
export const ALLERGENS = ['gluten', 'dairy', 'egg', 'peanut', 'tree_nut', 'soy', 'fish', 'shellfish', 'sesame'] as const;
export const EQUIPMENT = [
  'body only',
  'dumbbell',
  'barbell',
  'kettlebells',
  'cable',
  'machine',
  'bands',
  'medicine ball',
  'exercise ball',
  'foam roll',
  'e-z curl bar',
  'other',
] as const;
export const MEAL_TYPES = ['breakfast', 'lunch', 'dinner', 'snack'] as const;
/** Diet tags a recipe can carry (catalog issue). */
export const DIET_TAGS = ['vegetarian', 'vegan', 'pescatarian', 'keto', 'halal', 'gluten_free', 'dairy_free'] as const;
export const RECIPE_SORTS = ['relevance', 'kcal', 'protein', 'prep', 'newest'] as const;
export const WORKOUT_GOALS = ['strength', 'hypertrophy', 'endurance', 'fat_loss', 'mobility'] as const;
export const LEVELS = ['beginner', 'intermediate', 'expert'] as const;
/** free-exercise-db primary muscles. */
export const MUSCLES = [
  'abdominals',
  'abductors',
  'adductors',
  'biceps',
  'calves',
  'chest',
  'forearms',
  'glutes',
  'hamstrings',
  'lats',
  'lower back',
  'middle back',
  'neck',
  'quadriceps',
  'shoulders',
  'traps',
  'triceps',
] as const;

export type Sex = (typeof SEXES)[number];
export type ActivityLevel = (typeof ACTIVITY_LEVELS)[number];
export type Goal = (typeof GOALS)[number];
export type Diet = (typeof DIETS)[number];
export type Allergen = (typeof ALLERGENS)[number];
export type Equipment = (typeof EQUIPMENT)[number];
export type MealType = (typeof MEAL_TYPES)[number];
export type Units = 'metric' | 'imperial';
export type Lang = 'en' | 'ar';

export interface Nutrition {
  kcal: number;
  protein_g: number;
  fat_g: number;
  carbs_g: number;
  fiber_g?: number | null;
  sugar_g?: number | null;
  sodium_mg?: number | null;
}
