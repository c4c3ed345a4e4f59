'use client';
import { useT } from '@/lib/i18n';
import { earlyRecipesHtml } from '@/lib/early-paint';
import { GridSkeleton } from '@/components/GridSkeleton';

/**
 * The recipe list while it loads: the first page the document already drew from its early
 * response (English, plain /recipes/ URL; src/lib/early-paint.ts), so the cards stay on screen
 * until React draws the same ones; otherwise a skeleton. The markup is the drawing's own, set
 * as HTML: it was built with escaping by scripts/early-recipes.mjs.
 */
export function RecipesLoading() {
  const { lang } = useT();
  const html = lang === 'en' ? earlyRecipesHtml() : undefined;
  return html ? <div dangerouslySetInnerHTML={{ __html: html }} /> : <GridSkeleton />;
}
