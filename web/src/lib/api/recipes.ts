import { api, prefetch } from '../api';
import { arr, normNutrition, normPage, num, numOr, pick, str, strArr } from './normalize';
import type { RecipeFilters } from '../filters';
import { recipeFiltersToApi } from '../filters';
import type { Nutrition, Page } from './types';

export interface RecipeSummary {
  id: number;
  name: string;
  cuisine: string;
  meal_type: string;
  prep_minutes: number;
  cook_minutes: number | null;
  servings: number;
  diet_tags: string[];
  allergens: string[];
  nutrition_per_serving: Nutrition;
}

export interface Ingredient {
  food_id: number;
  name: string;
  grams: number;
}

export interface Recipe extends RecipeSummary {
  ingredients: Ingredient[];
  steps: string[];
}

export function normRecipeSummary(r: unknown): RecipeSummary {
  return {
    id: numOr(pick(r, 'id'), 0),
    name: str(pick(r, 'name')) ?? '',
    cuisine: str(pick(r, 'cuisine')) ?? '',
    meal_type: str(pick(r, 'meal_type')) ?? '',
    prep_minutes: numOr(pick(r, 'prep_minutes'), 0),
    cook_minutes: num(pick(r, 'cook_minutes')),
    servings: numOr(pick(r, 'servings'), 1),
    diet_tags: strArr(pick(r, 'diet_tags')),
    allergens: strArr(pick(r, 'allergens')),
    nutrition_per_serving: normNutrition(pick(r, 'nutrition_per_serving', 'nutrition')),
  };
}

export function normRecipe(r: unknown): Recipe {
  const steps = pick(r, 'steps');
  return {
    ...normRecipeSummary(r),
    ingredients: arr(pick(r, 'ingredients')).map((i) => ({
      food_id: numOr(pick(i, 'food_id', 'id'), 0),
      name: str(pick(i, 'name', 'food_name', 'description')) ?? '',
      grams: numOr(pick(i, 'grams', 'g'), 0),
    })),
    steps: Array.isArray(steps)
      ? steps.map((s) => (typeof s === 'string' ? s : str(pick(s, 'text', 'instruction', 'step')) ?? '')).filter(Boolean)
      : typeof steps === 'string'
        ? steps.split(/\n+/).filter(Boolean)
        : [],
  };
}

const R = '/nutrition-data/recipes';

/** Starts loading the page of recipes for `f` now (see prefetch in ../api). */
export function prefetchRecipes(f: RecipeFilters): void {
  prefetch(R, recipeFiltersToApi(f));
}

export async function listRecipes(f: RecipeFilters, signal?: AbortSignal): Promise<Page<RecipeSummary>> {
  return normPage(await api<unknown>(R, { query: recipeFiltersToApi(f), signal }), normRecipeSummary);
}

export async function getRecipe(id: number, signal?: AbortSignal): Promise<Recipe> {
  return normRecipe(await api<unknown>(`${R}/${id}`, { signal }));
}

export async function searchRecipesByName(q: string, signal?: AbortSignal): Promise<RecipeSummary[]> {
  return (await listRecipes({ q, page: 1, sort: 'relevance', exclude_allergens: [] }, signal)).items;
}
