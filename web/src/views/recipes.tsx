'use client';
import { useRouter, useSearchParams } from 'next/navigation';
import { Suspense, useEffect, useState } from 'react';
import { defineNs, useT } from '@/lib/i18n';
import recipesEn from '@/i18n/en/recipes.json';
import enumEn from '@/i18n/en/enumFood.json';
import { ALLERGENS, DIET_TAGS, MEAL_TYPES, RECIPE_SORTS } from '@/lib/api/types';
import { recipeFiltersFromQuery, recipeFiltersToQuery, type RecipeFilters } from '@/lib/filters';
import { parseDecimal } from '@/lib/parse';
import { lazyWithPreload } from '@/lib/lazy';
import { useTitle } from '@/lib/useTitle';
import { CheckboxGroup, PageHeader, SelectField, TextField } from '@/components/ui';
import { FilterPanel } from '@/components/FilterPanel';
import { GridSkeleton } from '@/components/GridSkeleton';
import { RecipesLoading } from './recipes-loading';

const NS = [defineNs('recipes', recipesEn), defineNs('enumFood', enumEn)];
// The result list (cards, pagination, API normalisers) is its own chunk, fetched while the page hydrates.
const RecipeResults = lazyWithPreload(() => import('./recipe-results').then((m) => m.RecipeResults));
if (typeof window !== 'undefined') void RecipeResults.preload();

const DIET_OPTIONS = Array.from(new Set(['vegetarian', 'vegan', 'pescatarian', 'keto', 'halal', ...DIET_TAGS]));

export function RecipesHeader() {
  const { t } = useT(...NS);
  useTitle(t('recipes.title'));
  return <PageHeader title={t('recipes.title')} lead={t('recipes.lead')} />;
}

interface Draft {
  q: string;
  diet: string;
  exclude_allergens: string[];
  meal_type: string;
  cuisine: string;
  max_kcal: string;
  min_protein_g: string;
  max_prep_minutes: string;
  sort: string;
}

function toDraft(f: RecipeFilters): Draft {
  const s = (n?: number) => (n === undefined ? '' : String(n));
  return { q: f.q ?? '', diet: f.diet ?? '', exclude_allergens: f.exclude_allergens, meal_type: f.meal_type ?? '', cuisine: f.cuisine ?? '', max_kcal: s(f.max_kcal), min_protein_g: s(f.min_protein_g), max_prep_minutes: s(f.max_prep_minutes), sort: f.sort ?? '' };
}

function fromDraft(d: Draft): RecipeFilters {
  const n = (s: string) => {
    const v = parseDecimal(s);
    return v !== null && v > 0 ? Math.round(v) : undefined;
  };
  return { q: d.q || undefined, diet: d.diet || undefined, exclude_allergens: d.exclude_allergens, meal_type: d.meal_type || undefined, cuisine: d.cuisine || undefined, max_kcal: n(d.max_kcal), min_protein_g: n(d.min_protein_g), max_prep_minutes: n(d.max_prep_minutes), sort: d.sort || undefined, page: 1 };
}

export function RecipesList() {
  const sp = useSearchParams();
  const router = useRouter();
  const qs = sp.toString();
  const filters = recipeFiltersFromQuery(sp);
  const [draft, setDraft] = useState<Draft>(() => toDraft(filters));
  // back/forward or a pasted link: the URL wins
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(() => setDraft(toDraft(recipeFiltersFromQuery(new URLSearchParams(qs)))), [qs]);

  const go = (f: Partial<RecipeFilters>) => {
    const q = recipeFiltersToQuery(f);
    router.push(q ? `/recipes/?${q}` : '/recipes/', { scroll: false });
  };
  const apply = (d: Draft) => go(fromDraft(d));
  const setNow = (patch: Partial<Draft>) => {
    const d = { ...draft, ...patch };
    setDraft(d);
    apply(d);
  };
  const active = [filters.diet, filters.meal_type, filters.cuisine, filters.max_kcal, filters.min_protein_g, filters.max_prep_minutes, filters.sort].filter((x) => x !== undefined).length + filters.exclude_allergens.length;

  return (
    <div className="grid items-start gap-6 lg:grid-cols-[18rem_minmax(0,1fr)]">
      <RecipeFilterForm draft={draft} setDraft={setDraft} setNow={setNow} onSubmit={() => apply(draft)} onReset={() => go({ exclude_allergens: [], page: 1 })} active={active} />
      <Suspense fallback={<RecipesLoading />}>
        <RecipeResults qs={qs} active={active > 0 || !!filters.q} />
      </Suspense>
    </div>
  );
}

const noop = () => {};
const EMPTY_DRAFT = toDraft({ exclude_allergens: [], page: 1 });

/** Prerendered stand-in with the same layout (no shift when the real list hydrates). */
export function RecipesFallback() {
  return (
    <div className="grid items-start gap-6 lg:grid-cols-[18rem_minmax(0,1fr)]">
      <RecipeFilterForm draft={EMPTY_DRAFT} setDraft={noop} setNow={noop} onSubmit={noop} onReset={noop} active={0} />
      <GridSkeleton earlySlot />
    </div>
  );
}

function RecipeFilterForm({ draft, setDraft, setNow, onSubmit, onReset, active }: { draft: Draft; setDraft: (f: (d: Draft) => Draft) => void; setNow: (p: Partial<Draft>) => void; onSubmit: () => void; onReset: () => void; active: number }) {
  const { t, te } = useT(...NS);
  const text = (k: keyof Draft) => (e: { target: { value: string } }) => setDraft((d) => ({ ...d, [k]: e.target.value }));
  return (
    <FilterPanel searchLabel={t('recipes.search')} placeholder={t('recipes.searchPlaceholder')} q={draft.q} onQ={(q) => setDraft((d) => ({ ...d, q }))} onSubmit={onSubmit} onReset={onReset} active={active}>
      <SelectField label={t('recipes.sort')} value={draft.sort} onChange={(e) => setNow({ sort: e.target.value })} placeholder={t('common.any')} options={RECIPE_SORTS.map((s) => ({ value: s, label: te('sort', s) }))} data-testid="filter-sort" />
      <SelectField label={t('recipes.diet')} value={draft.diet} onChange={(e) => setNow({ diet: e.target.value })} placeholder={t('common.any')} options={DIET_OPTIONS.map((d) => ({ value: d, label: te('diet', d) }))} data-testid="filter-diet" />
      <SelectField label={t('recipes.mealType')} value={draft.meal_type} onChange={(e) => setNow({ meal_type: e.target.value })} placeholder={t('common.any')} options={MEAL_TYPES.map((m) => ({ value: m, label: te('mealType', m) }))} data-testid="filter-meal-type" />
      <CheckboxGroup legend={t('recipes.excludeAllergens')} name="exclude_allergens" options={ALLERGENS.map((a) => ({ value: a, label: te('allergen', a) }))} value={draft.exclude_allergens} onChange={(v) => setNow({ exclude_allergens: v })} testid="filter-allergens" />
      <TextField label={t('recipes.cuisine')} value={draft.cuisine} onChange={text('cuisine')} data-testid="filter-cuisine" />
      <div className="grid grid-cols-3 gap-2 lg:grid-cols-1">
        <TextField label={t('recipes.maxKcal')} inputMode="numeric" value={draft.max_kcal} onChange={text('max_kcal')} data-testid="filter-max-kcal" />
        <TextField label={t('recipes.minProtein')} inputMode="numeric" value={draft.min_protein_g} onChange={text('min_protein_g')} data-testid="filter-min-protein" />
        <TextField label={t('recipes.maxPrep')} inputMode="numeric" value={draft.max_prep_minutes} onChange={text('max_prep_minutes')} data-testid="filter-max-prep" />
      </div>
    </FilterPanel>
  );
}
