'use client';
import { useEffect } from 'react';
import { defineNs, humanize, useT } from '@/lib/i18n';
import recipesEn from '@/i18n/en/recipes.json';
import enumEn from '@/i18n/en/enumFood.json';
import { listRecipes, prefetchRecipes, type RecipeSummary } from '@/lib/api/recipes';
import { recipeFiltersFromQuery, recipeFiltersToQuery } from '@/lib/filters';
import { useAsync } from '@/lib/useAsync';
import { EmptyState, ErrorState, Tag, cx } from '@/components/ui';
import { dropEarlyRecipes } from '@/lib/early-paint';
import { RecipesLoading } from './recipes-loading';
import { Pagination } from '@/components/Pagination';
import { A as Link } from '@/components/A';

const NS = [defineNs('recipes', recipesEn), defineNs('enumFood', enumEn)];

// This chunk is preloaded while /recipes/ hydrates: ask for the list now rather than after the
// first render, so the answer is usually there when the cards can be drawn.
if (typeof window !== 'undefined' && window.location.pathname === '/recipes/')
  prefetchRecipes(recipeFiltersFromQuery(new URLSearchParams(window.location.search)));

/** One page of recipes for the filters in `qs` (the URL query). */
export function RecipeResults({ qs, active }: { qs: string; active: boolean }) {
  const { t, tn } = useT(...NS);
  const filters = recipeFiltersFromQuery(new URLSearchParams(qs));
  const res = useAsync((signal) => listRecipes(recipeFiltersFromQuery(new URLSearchParams(qs)), signal), [qs]);
  // Drawn by React now: the document's early drawing is no longer what the page shows.
  const drawn = res.data !== undefined || res.error != null;
  useEffect(() => {
    if (drawn) dropEarlyRecipes();
  }, [drawn]);
  const hrefFor = (page: number) => {
    const q = recipeFiltersToQuery({ ...filters, page });
    return q ? `/recipes/?${q}` : '/recipes/';
  };
  return (
      <section aria-live="polite" aria-busy={res.loading} data-testid="recipe-results">
        {res.error && !res.loading ? (
          <ErrorState error={res.error} onRetry={res.reload} />
        ) : !res.data ? (
          <RecipesLoading />
        ) : res.data.items.length === 0 ? (
          <EmptyState title={t('recipes.empty')} hint={t('recipes.emptyHint')} action={active ? <Link href="/recipes/" className="text-sm font-medium text-brand underline">{t('common.reset')}</Link> : undefined} />
        ) : (
          <div className={cx('transition-opacity', res.loading && 'opacity-60')}>
            <p className="mb-3 text-sm text-muted" data-testid="result-count">
              {tn('common.results', res.data.total)}
            </p>
            <ul className="grid gap-3 sm:grid-cols-2 xl:grid-cols-3">
              {res.data.items.map((r) => (
                <RecipeCard key={r.id} r={r} />
              ))}
            </ul>
            <Pagination page={filters.page} total={res.data.total} limit={res.data.limit} hrefFor={hrefFor} />
          </div>
        )}
      </section>
  );
}

function RecipeCard({ r }: { r: RecipeSummary }) {
  const { t, te, num } = useT(...NS);
  const n = r.nutrition_per_serving;
  return (
    <li data-testid="recipe-card" className="relative flex min-h-40 flex-col rounded-2xl border border-line bg-card p-4 hover:border-brand">
      <h2 className="font-semibold leading-snug">
        <Link href={`/recipes/view/?id=${r.id}`} className="after:absolute after:inset-0 hover:underline" data-testid="recipe-link">
          {r.name}
        </Link>
      </h2>
      <p className="mt-1 text-sm text-muted">
        {[r.cuisine && humanize(r.cuisine), r.meal_type && te('mealType', r.meal_type), t('recipes.prep', { count: num(r.prep_minutes) })].filter(Boolean).join(' · ')}
      </p>
      <div className="mt-auto flex items-end justify-between gap-2 pt-3">
        <div className="flex flex-wrap gap-1">
          {r.diet_tags.slice(0, 3).map((d) => (
            <Tag key={d}>{te('diet', d)}</Tag>
          ))}
        </div>
        <div className="text-end">
          <p className="tabular text-lg font-bold" data-testid="recipe-kcal">
            {num(n.kcal)} <span className="text-sm font-normal text-muted">{t('units.kcal')}</span>
          </p>
          <p className="text-xs text-muted">{t('recipes.perServing')}</p>
          <p className="tabular text-xs text-muted">{t('recipes.protein', { count: num(n.protein_g) })}</p>
        </div>
      </div>
    </li>
  );
}
