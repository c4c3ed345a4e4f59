// Types for scripts/early-recipes.mjs, so the web tests can import it.
export function recipeTemplate(messages: object): string;
export function earlyRecipeStrings(messages: object): object;
export function paintRecipes(body: unknown, strings: object, template: HTMLTemplateElement): HTMLElement | null;
