'use client';
import { useRouter, useSearchParams } from 'next/navigation';
import { defineNs, humanize, useT } from '@/lib/i18n';
import recipesEn from '@/i18n/en/recipes.json';
import enumEn from '@/i18n/en/enumFood.json';
import { getRecipe } from '@/lib/api/recipes';
import { ApiError } from '@/lib/api';
import { scaleGrams } from '@/lib/nutrition';
import { parseId } from '@/lib/useId';
import { useAsync } from '@/lib/useAsync';
import { useTitle } from '@/lib/useTitle';
import { Card, EmptyState, ErrorState, Tag } from '@/components/ui';
import { RecipeSkeleton } from '@/components/DetailSkeletons';
import { NutritionLabel } from '@/components/NutritionLabel';
import { Stepper } from '@/components/Stepper';
import { A as Link } from '@/components/A';

const NS = [defineNs('recipes', recipesEn), defineNs('enumFood', enumEn)];


export function RecipeView() {
  const { t, te, num } = useT(...NS);
  const sp = useSearchParams();
  const router = useRouter();
  const id = parseId(sp.get('id'));
  const servingsParam = Number(sp.get('servings'));
  const servings = Number.isFinite(servingsParam) && servingsParam >= 0.25 && servingsParam <= 100 ? servingsParam : 1;
  const res = useAsync((s) => getRecipe(id as number, s), [id], id !== null);
  useTitle(res.data?.name);

  const back = (
    <Link href="/recipes/" className="mb-3 inline-flex min-h-10 items-center gap-1 text-sm font-medium text-brand hover:underline" data-testid="back">
      <span aria-hidden="true" className="rtl:-scale-x-100">
        ←
      </span>
      {t('recipe.backToRecipes')}
    </Link>
  );

  if (id === null) return <EmptyState title={t('errors.badId')} action={back} testid="not-found" />;
  if (res.error) {
    if (res.error instanceof ApiError && (res.error.status === 404 || res.error.status === 422)) return <EmptyState title={t('recipe.notFound')} action={back} testid="not-found" />;
    return <ErrorState error={res.error} onRetry={res.reload} />;
  }
  if (!res.data) return <RecipeSkeleton />;
  const r = res.data;
  const setServings = (v: number) => router.replace(`/recipes/view/?id=${r.id}${v === 1 ? '' : `&servings=${v}`}`, { scroll: false });

  return (
    <article data-testid="recipe-detail">
      {back}
      <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">{r.name}</h1>
      <dl className="mt-2 flex flex-wrap gap-x-5 gap-y-1 text-sm text-muted">
        {r.cuisine && (
          <div className="flex gap-1">
            <dt>{t('recipe.cuisine')}:</dt>
            <dd className="text-ink">{humanize(r.cuisine)}</dd>
          </div>
        )}
        {r.meal_type && <dd className="text-ink">{te('mealType', r.meal_type)}</dd>}
        <div className="flex gap-1">
          <dt>{t('recipe.prep')}:</dt>
          <dd className="tabular text-ink">{t('common.minutes', { count: num(r.prep_minutes) })}</dd>
        </div>
        {r.cook_minutes !== null && (
          <div className="flex gap-1">
            <dt>{t('recipe.cook')}:</dt>
            <dd className="tabular text-ink">{t('common.minutes', { count: num(r.cook_minutes) })}</dd>
          </div>
        )}
      </dl>
      <dl className="mt-3 flex flex-wrap items-center gap-x-4 gap-y-2 text-sm">
        {r.diet_tags.length > 0 && (
          <div className="flex flex-wrap items-center gap-1.5" data-testid="diet-tags">
            <dt className="text-muted">{t('recipe.dietTags')}:</dt>
            {r.diet_tags.map((d) => (
              <dd key={d}>
                <Tag tone="brand">{te('diet', d)}</Tag>
              </dd>
            ))}
          </div>
        )}
        <div className="flex flex-wrap items-center gap-1.5" data-testid="allergens">
          <dt className="text-muted">{t('recipe.allergens')}:</dt>
          {r.allergens.length ? (
            r.allergens.map((a) => (
              <dd key={a}>
                <Tag tone="danger">{te('allergen', a)}</Tag>
              </dd>
            ))
          ) : (
            <dd>
              <Tag>{t('recipe.noAllergens')}</Tag>
            </dd>
          )}
        </div>
      </dl>

      <div className="mt-6 grid items-start gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <div className="space-y-6">
          <Card title={t('recipe.servings')} action={<span className="text-sm text-muted">{t('recipe.makes', { count: num(r.servings) })}</span>}>
            <Stepper value={servings} onChange={setServings} min={0.5} max={50} step={0.5} label={t('recipe.servings')} decLabel={t('recipe.decrease')} incLabel={t('recipe.increase')} testid="servings" />
          </Card>
          <Card title={t('recipe.ingredients')} action={<span className="text-sm text-muted">{t('recipe.forServings', { count: num(servings, 2) })}</span>} testid="ingredients">
            <ul className="divide-y divide-line">
              {r.ingredients.map((i, idx) => (
                <li key={`${i.food_id}-${idx}`} className="flex justify-between gap-3 py-2 text-sm" data-testid="ingredient">
                  <span>{i.name}</span>
                  <span className="tabular shrink-0 font-medium" data-testid="ingredient-grams">
                    {num(scaleGrams(i.grams, servings, r.servings), 1)} {t('units.g')}
                  </span>
                </li>
              ))}
            </ul>
          </Card>
          <Card title={t('recipe.steps')} testid="steps">
            {r.steps.length ? (
              <ol className="list-decimal space-y-2 ps-5 text-sm leading-relaxed marker:font-semibold marker:text-muted">
                {r.steps.map((s, i) => (
                  <li key={i}>{s}</li>
                ))}
              </ol>
            ) : (
              <p className="text-sm text-muted">{t('recipe.noSteps')}</p>
            )}
          </Card>
        </div>
        <div className="lg:sticky lg:top-20">
          <NutritionLabel perServing={r.nutrition_per_serving} servings={servings} recipeServings={r.servings} />
        </div>
      </div>
    </article>
  );
}
