/** The catalog API (recipes, workouts, foods). Import from the specific module to keep page bundles small. */
export * from './recipes';
export * from './workouts';
export * from './foods';
export { normNutrition } from './normalize';
