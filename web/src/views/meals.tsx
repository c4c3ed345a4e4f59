'use client';
import { useRouter, useSearchParams } from 'next/navigation';
import { useEffect, useState, type FormEvent } from 'react';
import { defineNs, useT, humanize } from '@/lib/i18n';
import mealsEn from '@/i18n/en/meals.json';
import foodEn from '@/i18n/en/enumFood.json';
import { deleteMealPlan, generateMealPlan, getMealPlan, listMealPlans, swapMeal, type GeneratePlanInput, type MealPlan, type MealPlanSummary } from '@/lib/api/mealplans';
import { ALLERGENS, DIETS } from '@/lib/api/types';
import { parseId } from '@/lib/useId';
import { useUnits } from '@/lib/prefs';
import { massParts, parseDecimal } from '@/lib/units';
import { NO_ERRORS, errorMessage, toFormErrors, type FormErrors } from '@/lib/errors';
import { useAsync, type AsyncState } from '@/lib/useAsync';
import type { Page } from '@/lib/api/types';
import { Button, Card, CheckboxGroup, EmptyState, ErrorState, FormError, SelectField, Skeleton, SkeletonCard, TextField, cx } from '@/components/ui';
import { ProgressBar } from '@/components/charts';
import { A as Link } from '@/components/A';

const NS = [defineNs('meals', mealsEn), defineNs('enumFood', foodEn)];
const FIELDS = ['days', 'meals_per_day', 'target_kcal', 'macros', 'protein_pct', 'fat_pct', 'carbs_pct', 'diet', 'exclude_allergens', 'cuisines', 'max_prep_minutes'];

export function MealsView() {
  const { t } = useT(...NS);
  const sp = useSearchParams();
  const router = useRouter();
  const planId = parseId(sp.get('plan'));
  const [plan, setPlan] = useState<MealPlan | null>(null);
  const saved = useAsync((s) => listMealPlans(1, s), []);
  const loaded = useAsync((s) => getMealPlan(planId as number, s), [planId], planId !== null && plan?.id !== planId);
  useEffect(() => {
    if (loaded.data && loaded.data.id === planId) setPlan(loaded.data);
  }, [loaded.data, planId]);
  const current = plan && plan.id === planId ? plan : null;

  function onGenerated(p: MealPlan) {
    setPlan(p);
    saved.reload();
    router.replace(`/meals/?plan=${p.id}`, { scroll: false });
    requestAnimationFrame(() => document.getElementById('plan')?.scrollIntoView({ behavior: 'smooth' }));
  }

  return (
    <div className="space-y-6">
      <div className="grid items-start gap-6 print:block lg:grid-cols-[minmax(0,5fr)_minmax(0,7fr)]">
        <div className="no-print space-y-6">
          <GenerateForm onDone={onGenerated} />
          <SavedPlans state={saved} currentId={planId} onDeleted={(id) => (id === planId ? router.replace('/meals/') : undefined)} />
        </div>
        <section id="plan" className="min-w-0 scroll-mt-20" aria-live="polite">
          {planId === null ? (
            <EmptyState icon="list" title={t('meals.noPlan')} testid="no-plan" />
          ) : loaded.error && !current ? (
            <ErrorState error={loaded.error} onRetry={loaded.reload} />
          ) : !current ? (
            <SkeletonCard lines={12} className="h-[36rem]" />
          ) : (
            <PlanView plan={current} onChange={setPlan} />
          )}
        </section>
      </div>
    </div>
  );
}

function GenerateForm({ onDone }: { onDone: (p: MealPlan) => void }) {
  const { t, te, num } = useT(...NS);
  const [f, setF] = useState({ days: '7', meals_per_day: '3', target_kcal: '', custom: false, protein_pct: '30', fat_pct: '30', carbs_pct: '40', diet: '', exclude_allergens: [] as string[], cuisines: '', max_prep_minutes: '' });
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) => setF((c) => ({ ...c, [k]: e.target.value }));
  const sum = ['protein_pct', 'fat_pct', 'carbs_pct'].reduce((a, k) => a + (parseDecimal(f[k as 'fat_pct']) ?? 0), 0);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const fields: Record<string, string> = {};
    const body: GeneratePlanInput = { days: Number(f.days), meals_per_day: Number(f.meals_per_day) };
    if (f.target_kcal.trim()) {
      const v = parseDecimal(f.target_kcal);
      if (v === null || v < 800 || v > 6000) fields.target_kcal = t('errors.range', { min: num(800), max: num(6000) });
      else body.target_kcal = Math.round(v);
    }
    if (f.custom) {
      const p = parseDecimal(f.protein_pct);
      const fa = parseDecimal(f.fat_pct);
      const c = parseDecimal(f.carbs_pct);
      if (p === null || fa === null || c === null || Math.abs(p + fa + c - 100) > 1) fields.macros = t('meals.macroSum', { value: num(sum) });
      else body.macros = { protein_pct: p, fat_pct: fa, carbs_pct: c };
    }
    if (f.diet) body.diet = f.diet;
    if (f.exclude_allergens.length) body.exclude_allergens = f.exclude_allergens;
    const cuisines = f.cuisines.split(/[,،]/).map((s) => s.trim().toLowerCase()).filter(Boolean);
    if (cuisines.length) body.cuisines = cuisines;
    if (f.max_prep_minutes.trim()) {
      const v = parseDecimal(f.max_prep_minutes);
      if (v === null || v < 5 || v > 600) fields.max_prep_minutes = t('errors.range', { min: num(5), max: num(600) });
      else body.max_prep_minutes = Math.round(v);
    }
    if (Object.keys(fields).length) return setErrors({ fields, form: null });
    setErrors(NO_ERRORS);
    setBusy(true);
    try {
      onDone(await generateMealPlan(body));
    } catch (err) {
      const fe = toFormErrors(err, t, FIELDS);
      // macro percentages are reported under "macros"
      if (fe.fields.protein_pct || fe.fields.fat_pct || fe.fields.carbs_pct) fe.fields.macros = Object.values(fe.fields)[0];
      setErrors(fe);
    } finally {
      setBusy(false);
    }
  }

  const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, i) => String(a + i)).map((v) => ({ value: v, label: num(Number(v)) }));
  return (
    <Card title={t('meals.generate')}>
      <form noValidate onSubmit={onSubmit} className="space-y-4" data-testid="generate-form">
        <div className="grid grid-cols-2 gap-3">
          <SelectField label={t('meals.days')} value={f.days} onChange={set('days')} options={range(1, 14)} error={errors.fields.days} data-testid="plan-days" />
          <SelectField label={t('meals.mealsPerDay')} value={f.meals_per_day} onChange={set('meals_per_day')} options={range(3, 6)} error={errors.fields.meals_per_day} data-testid="plan-meals-per-day" />
        </div>
        <TextField label={t('meals.targetKcal')} optional inputMode="numeric" value={f.target_kcal} onChange={set('target_kcal')} hint={t('meals.targetKcalHint')} error={errors.fields.target_kcal} data-testid="plan-target-kcal" />
        <div>
          <label className="flex min-h-9 items-center gap-2 text-sm font-medium">
            <input type="checkbox" className="size-4 accent-brand" checked={f.custom} onChange={(e) => setF((c) => ({ ...c, custom: e.target.checked }))} data-testid="plan-custom-macros" />
            {t('meals.customMacros')}
          </label>
          {f.custom && (
            <div className="mt-2">
              <div className="grid grid-cols-3 gap-2">
                <TextField label={t('meals.proteinPct')} inputMode="numeric" value={f.protein_pct} onChange={set('protein_pct')} data-testid="plan-protein-pct" />
                <TextField label={t('meals.fatPct')} inputMode="numeric" value={f.fat_pct} onChange={set('fat_pct')} data-testid="plan-fat-pct" />
                <TextField label={t('meals.carbsPct')} inputMode="numeric" value={f.carbs_pct} onChange={set('carbs_pct')} data-testid="plan-carbs-pct" />
              </div>
              <p className={cx('mt-1 text-sm', errors.fields.macros || Math.abs(sum - 100) > 1 ? 'text-danger' : 'text-muted')} role={errors.fields.macros ? 'alert' : undefined} data-testid={errors.fields.macros ? 'field-error' : undefined}>
                {errors.fields.macros ?? t('meals.macroSum', { value: num(sum) })}
              </p>
            </div>
          )}
        </div>
        <SelectField label={t('meals.diet')} value={f.diet} onChange={set('diet')} placeholder={t('meals.dietFromProfile')} options={DIETS.map((d) => ({ value: d, label: te('diet', d) }))} error={errors.fields.diet} data-testid="plan-diet" />
        <CheckboxGroup legend={t('meals.excludeAllergens')} name="exclude_allergens" options={ALLERGENS.map((a) => ({ value: a, label: te('allergen', a) }))} value={f.exclude_allergens} onChange={(v) => setF((c) => ({ ...c, exclude_allergens: v }))} error={errors.fields.exclude_allergens} testid="plan-allergens" columns={3} />
        <div className="grid gap-3 sm:grid-cols-2">
          <TextField label={t('meals.cuisines')} optional value={f.cuisines} onChange={set('cuisines')} hint={t('meals.cuisinesHint')} error={errors.fields.cuisines} data-testid="plan-cuisines" />
          <TextField label={t('meals.maxPrep')} optional inputMode="numeric" value={f.max_prep_minutes} onChange={set('max_prep_minutes')} error={errors.fields.max_prep_minutes} data-testid="plan-max-prep" />
        </div>
        <FormError message={errors.form} />
        <Button type="submit" busy={busy} className="w-full" data-testid="generate">
          {busy ? t('meals.generating') : t('meals.generate')}
        </Button>
      </form>
    </Card>
  );
}

function PlanView({ plan, onChange }: { plan: MealPlan; onChange: (p: MealPlan) => void }) {
  const { t, te, num } = useT(...NS);
  const units = useUnits();
  const [swapping, setSwapping] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [have, setHave] = useState<Set<number>>(new Set());

  async function swap(day: number, slot: string) {
    setSwapping(`${day}-${slot}`);
    setError(null);
    try {
      onChange(await swapMeal(plan.id, day, slot));
    } catch (e) {
      setError(errorMessage(e, t));
    } finally {
      setSwapping(null);
    }
  }

  const tg = plan.targets;
  return (
    <div className="space-y-4" data-testid="meal-plan">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div>
          <h2 className="text-xl font-bold">{t('meals.plan', { id: num(plan.id) })}</h2>
          <p className="tabular text-sm text-muted" data-testid="plan-targets">
            {t('meals.target')}: {num(tg.kcal)} {t('units.kcal')} · {t('common.protein')} {num(tg.protein_g)} {t('units.g')} · {t('common.fat')} {num(tg.fat_g)} {t('units.g')} · {t('common.carbs')} {num(tg.carbs_g)} {t('units.g')}
          </p>
        </div>
        <Button variant="secondary" className="no-print" onClick={() => window.print()} data-testid="print">
          {t('meals.printPlan')}
        </Button>
      </div>
      <FormError message={error} />
      {plan.days.map((d) => (
        <Card key={d.day} className="print-avoid" testid={`plan-day-${d.day}`} title={t('meals.day', { day: num(d.day) })} action={<span className="tabular text-sm font-medium" data-testid="day-kcal">{t('meals.kcalVsTarget', { value: num(d.totals.kcal), target: num(tg.kcal) })}</span>}>
          <ul className="divide-y divide-line">
            {d.meals.map((m) => (
              <li key={m.slot} className="flex flex-wrap items-center gap-x-3 gap-y-1 py-2.5" data-testid="plan-meal">
                <span className="w-24 shrink-0 text-xs font-semibold uppercase tracking-wide text-muted">{te('slot', m.slot) || humanize(m.slot)}</span>
                <span className="min-w-0 flex-1">
                  <Link href={`/recipes/view/?id=${m.recipe_id}${m.servings !== 1 ? `&servings=${m.servings}` : ''}`} className="font-medium hover:underline" data-testid="plan-meal-name">
                    {m.name}
                  </Link>{' '}
                  <span className="tabular text-sm text-muted">{t('meals.servings', { count: num(m.servings, 2) })}</span>
                </span>
                <span className="tabular text-sm">
                  {num(m.nutrition.kcal)} {t('units.kcal')}
                </span>
                <Button variant="ghost" className="no-print min-h-9 px-2 text-brand" busy={swapping === `${d.day}-${m.slot}`} disabled={swapping !== null} onClick={() => swap(d.day, m.slot)} aria-label={t('meals.swapMeal', { name: m.name })} data-testid={`swap-${d.day}-${m.slot}`}>
                  <svg aria-hidden="true" viewBox="0 0 20 20" className="size-4" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round">
                    <path d="M4 7h11l-3-3M16 13H5l3 3" />
                  </svg>
                  {swapping === `${d.day}-${m.slot}` ? t('meals.swapping') : t('meals.swap')}
                </Button>
              </li>
            ))}
          </ul>
          <div className="mt-3 grid gap-2 border-t border-line pt-3 sm:grid-cols-2" data-testid="day-totals">
            {(
              [
                ['kcal', 'meals.totals', d.totals.kcal, tg.kcal, 'var(--color-kcal)', 'units.kcal'],
                ['protein', 'common.protein', d.totals.protein_g, tg.protein_g, 'var(--color-protein)', 'units.g'],
                ['fat', 'common.fat', d.totals.fat_g, tg.fat_g, 'var(--color-fat)', 'units.g'],
                ['carbs', 'common.carbs', d.totals.carbs_g, tg.carbs_g, 'var(--color-carbs)', 'units.g'],
              ] as const
            ).map(([k, label, v, target, color, unit]) => (
              <div key={k} className="text-sm">
                <div className="mb-1 flex justify-between">
                  <span>{t(label)}</span>
                  <span className="tabular text-muted">
                    {num(v)} / {num(target)} {t(unit)}
                  </span>
                </div>
                <ProgressBar value={v} goal={target} color={color} label={t(label)} />
              </div>
            ))}
          </div>
        </Card>
      ))}
      <Card title={t('meals.grocery')} className="print-break" testid="grocery-list">
        {plan.grocery_list.length ? (
          <ul className="grid gap-x-6 sm:grid-cols-2">
            {[...plan.grocery_list]
              .sort((a, b) => a.name.localeCompare(b.name))
              .map((g) => {
                const m = massParts(g.grams, units);
                return (
                  <li key={g.food_id} className="border-b border-line py-1.5">
                    <label className="flex cursor-pointer items-center gap-2 text-sm">
                      <input
                        type="checkbox"
                        className="size-4 accent-brand"
                        checked={have.has(g.food_id)}
                        onChange={() =>
                          setHave((s) => {
                            const n = new Set(s);
                            if (n.has(g.food_id)) n.delete(g.food_id);
                            else n.add(g.food_id);
                            return n;
                          })
                        }
                      />
                      <span className={cx('flex-1', have.has(g.food_id) && 'text-muted line-through')}>{g.name}</span>
                      <span className="tabular shrink-0 font-medium" data-testid="grocery-amount">
                        {num(m.value, 2)} {t(`units.${m.unit}`)}
                      </span>
                    </label>
                  </li>
                );
              })}
          </ul>
        ) : (
          <p className="text-sm text-muted">{t('meals.groceryEmpty')}</p>
        )}
      </Card>
    </div>
  );
}

function SavedPlans({ state, currentId, onDeleted }: { state: AsyncState<Page<MealPlanSummary>>; currentId: number | null; onDeleted: (id: number) => void }) {
  const { t, tn, num, lang } = useT(...NS);
  const [confirm, setConfirm] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  async function del(id: number) {
    setError(null);
    try {
      await deleteMealPlan(id);
      state.setData((d) => (d ? { ...d, items: d.items.filter((p) => p.id !== id), total: d.total - 1 } : d!));
      onDeleted(id);
    } catch (e) {
      setError(errorMessage(e, t));
    } finally {
      setConfirm(null);
    }
  }
  const fmt = (iso: string | null) => (iso ? new Intl.DateTimeFormat(lang === 'ar' ? 'ar-u-nu-latn' : 'en', { dateStyle: 'medium' }).format(new Date(iso)) : '');
  return (
    <Card title={t('meals.saved')} testid="saved-plans">
      {state.error && !state.data ? (
        <ErrorState error={state.error} onRetry={state.reload} />
      ) : !state.data ? (
        <div className="space-y-2">
          <Skeleton className="h-10" />
          <Skeleton className="h-10" />
        </div>
      ) : state.data.items.length === 0 ? (
        <p className="text-sm text-muted" data-testid="saved-empty">
          {t('meals.savedEmpty')}
        </p>
      ) : (
        <ul className="divide-y divide-line">
          {state.data.items.map((p) => (
            <li key={p.id} className="flex flex-wrap items-center gap-2 py-2" data-testid="saved-plan">
              <Link href={`/meals/?plan=${p.id}`} scroll={false} aria-current={p.id === currentId ? 'true' : undefined} className="min-w-0 flex-1 font-medium hover:underline aria-[current]:text-brand">
                {t('meals.plan', { id: num(p.id) })}
                <span className="ms-2 text-sm font-normal text-muted">
                  {[p.days ? tn('meals.dayCount', p.days) : '', p.target_kcal ? `${num(p.target_kcal)} ${t('units.kcal')}` : '', p.created_at ? t('meals.createdAt', { date: fmt(p.created_at) }) : ''].filter(Boolean).join(' · ')}
                </span>
              </Link>
              {confirm === p.id ? (
                <>
                  <span className="text-sm">{t('meals.confirmDelete')}</span>
                  <Button variant="danger" className="min-h-9 px-3" onClick={() => del(p.id)} data-testid="confirm-delete-plan">
                    {t('common.delete')}
                  </Button>
                  <Button variant="ghost" className="min-h-9 px-3" onClick={() => setConfirm(null)}>
                    {t('common.cancel')}
                  </Button>
                </>
              ) : (
                <Button variant="ghost" className="min-h-9 px-3 text-danger" onClick={() => setConfirm(p.id)} aria-label={`${t('meals.deletePlan')} ${num(p.id)}`} data-testid="delete-plan">
                  {t('common.delete')}
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
      <FormError message={error} />
    </Card>
  );
}
