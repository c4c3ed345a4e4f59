'use client';
import { useRouter, useSearchParams } from 'next/navigation';
import { Suspense, useEffect, useState } from 'react';
import { defineNs, useT } from '@/lib/i18n';
import workoutsEn from '@/i18n/en/workouts.json';
import enumEn from '@/i18n/en/enumFit.json';
import { EQUIPMENT, LEVELS, MUSCLES, WORKOUT_GOALS } from '@/lib/api/types';
import { workoutFiltersFromQuery, workoutFiltersToQuery, type WorkoutFilters } from '@/lib/filters';
import { parseDecimal } from '@/lib/parse';
import { lazyWithPreload } from '@/lib/lazy';
import { useTitle } from '@/lib/useTitle';
import { PageHeader, SelectField, TextField } from '@/components/ui';
import { FilterPanel } from '@/components/FilterPanel';
import { GridSkeleton } from '@/components/GridSkeleton';

const NS = [defineNs('workouts', workoutsEn), defineNs('enumFit', enumEn)];

// The result list is its own chunk, fetched while the page hydrates.
const WorkoutResults = lazyWithPreload(() => import('./workout-results').then((m) => m.WorkoutResults));
if (typeof window !== 'undefined') void WorkoutResults.preload();

export function WorkoutsHeader() {
  const { t } = useT(...NS);
  useTitle(t('workouts.title'));
  return <PageHeader title={t('workouts.title')} lead={t('workouts.lead')} />;
}

interface Draft {
  q: string;
  muscle: string;
  equipment: string;
  level: string;
  goal: string;
  min_minutes: string;
  max_minutes: string;
}

function toDraft(f: WorkoutFilters): Draft {
  const s = (n?: number) => (n === undefined ? '' : String(n));
  return { q: f.q ?? '', muscle: f.muscle ?? '', equipment: f.equipment ?? '', level: f.level ?? '', goal: f.goal ?? '', min_minutes: s(f.min_minutes), max_minutes: s(f.max_minutes) };
}

function fromDraft(d: Draft): WorkoutFilters {
  const n = (s: string) => {
    const v = parseDecimal(s);
    return v !== null && v > 0 ? Math.round(v) : undefined;
  };
  return { q: d.q || undefined, muscle: d.muscle || undefined, equipment: d.equipment || undefined, level: d.level || undefined, goal: d.goal || undefined, min_minutes: n(d.min_minutes), max_minutes: n(d.max_minutes), page: 1 };
}

const noop = () => {};
const EMPTY_DRAFT = toDraft({ page: 1 });

export function WorkoutsFallback() {
  return (
    <div className="grid items-start gap-6 lg:grid-cols-[18rem_minmax(0,1fr)]">
      <WorkoutFilterForm draft={EMPTY_DRAFT} setDraft={noop} setNow={noop} onSubmit={noop} onReset={noop} active={0} />
      <GridSkeleton />
    </div>
  );
}

function WorkoutFilterForm({ draft, setDraft, setNow, onSubmit, onReset, active }: { draft: Draft; setDraft: (f: (d: Draft) => Draft) => void; setNow: (p: Partial<Draft>) => void; onSubmit: () => void; onReset: () => void; active: number }) {
  const { t, te } = useT(...NS);
  const text = (k: keyof Draft) => (e: { target: { value: string } }) => setDraft((d) => ({ ...d, [k]: e.target.value }));
  return (
    <FilterPanel searchLabel={t('workouts.search')} placeholder={t('workouts.searchPlaceholder')} q={draft.q} onQ={(q) => setDraft((d) => ({ ...d, q }))} onSubmit={onSubmit} onReset={onReset} active={active}>
      <SelectField label={t('workouts.muscle')} value={draft.muscle} onChange={(e) => setNow({ muscle: e.target.value })} placeholder={t('common.any')} options={MUSCLES.map((m) => ({ value: m, label: te('muscle', m) }))} data-testid="filter-muscle" />
      <SelectField label={t('workouts.equipment')} value={draft.equipment} onChange={(e) => setNow({ equipment: e.target.value })} placeholder={t('common.any')} options={['none', ...EQUIPMENT].map((m) => ({ value: m, label: te('equipment', m) }))} data-testid="filter-equipment" />
      <SelectField label={t('workouts.level')} value={draft.level} onChange={(e) => setNow({ level: e.target.value })} placeholder={t('common.any')} options={LEVELS.map((m) => ({ value: m, label: te('level', m) }))} data-testid="filter-level" />
      <SelectField label={t('workouts.goal')} value={draft.goal} onChange={(e) => setNow({ goal: e.target.value })} placeholder={t('common.any')} options={WORKOUT_GOALS.map((m) => ({ value: m, label: te('workoutGoal', m) }))} data-testid="filter-goal" />
      <div className="grid grid-cols-2 gap-2">
        <TextField label={t('workouts.minMinutes')} inputMode="numeric" value={draft.min_minutes} onChange={text('min_minutes')} data-testid="filter-min-minutes" />
        <TextField label={t('workouts.maxMinutes')} inputMode="numeric" value={draft.max_minutes} onChange={text('max_minutes')} data-testid="filter-max-minutes" />
      </div>
    </FilterPanel>
  );
}

export function WorkoutsList() {
  const sp = useSearchParams();
  const router = useRouter();
  const qs = sp.toString();
  const filters = workoutFiltersFromQuery(sp);
  const [draft, setDraft] = useState<Draft>(() => toDraft(filters));
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(() => setDraft(toDraft(workoutFiltersFromQuery(new URLSearchParams(qs)))), [qs]);

  const go = (f: Partial<WorkoutFilters>) => {
    const q = workoutFiltersToQuery(f);
    router.push(q ? `/workouts/?${q}` : '/workouts/', { scroll: false });
  };
  const apply = (d: Draft) => go(fromDraft(d));
  const setNow = (patch: Partial<Draft>) => {
    const d = { ...draft, ...patch };
    setDraft(d);
    apply(d);
  };
  const active = [filters.muscle, filters.equipment, filters.level, filters.goal, filters.min_minutes, filters.max_minutes].filter((x) => x !== undefined).length;

  return (
    <div className="grid items-start gap-6 lg:grid-cols-[18rem_minmax(0,1fr)]">
      <WorkoutFilterForm draft={draft} setDraft={setDraft} setNow={setNow} onSubmit={() => apply(draft)} onReset={() => go({ page: 1 })} active={active} />
      <Suspense fallback={<GridSkeleton />}>
        <WorkoutResults qs={qs} active={active > 0 || !!filters.q} />
      </Suspense>
    </div>
  );
}
