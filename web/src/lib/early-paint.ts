// The first page of Recipes that the document drew before the framework loaded
// (scripts/early-recipes.mjs, through the early-data script of scripts/paint-first.mjs).
// Until React has the same answer on screen, its loading states show this markup instead of
// a skeleton, so the cards stay put: drawn → skeleton → drawn again would flash.

declare global {
  interface Window {
    __thEarlyPaint?: { html: string };
  }
}

// Set once React has drawn the list: from then on the drawing is out of date, even if the
// document's script stored it only afterwards (its response and React's can finish in
// either order).
let reactDrew = false;

/** The drawn first page, on the plain /recipes/ URL it was drawn for; undefined otherwise. */
export function earlyRecipesHtml(): string | undefined {
  if (reactDrew || typeof window === 'undefined' || !window.__thEarlyPaint) return undefined;
  if (window.location.pathname !== '/recipes/' || window.location.search) return undefined;
  return window.__thEarlyPaint.html;
}

/** React has drawn the list itself: later loading states are real ones again. */
export function dropEarlyRecipes(): void {
  reactDrew = true;
  if (typeof window !== 'undefined') delete window.__thEarlyPaint;
}
