'use client';
import { defineNs, useT } from '@/lib/i18n';
import workoutsEn from '@/i18n/en/workouts.json';
import enumEn from '@/i18n/en/enumFit.json';
import { listWorkouts, type WorkoutSummary } from '@/lib/api/workouts';
import { workoutFiltersFromQuery, workoutFiltersToQuery } from '@/lib/filters';
import { useAsync } from '@/lib/useAsync';
import { EmptyState, ErrorState, Tag, cx } from '@/components/ui';
import { GridSkeleton } from '@/components/GridSkeleton';
import { Pagination } from '@/components/Pagination';
import { A as Link } from '@/components/A';

const NS = [defineNs('workouts', workoutsEn), defineNs('enumFit', enumEn)];

/** One page of workouts for the filters in `qs` (the URL query). */
export function WorkoutResults({ qs, active }: { qs: string; active: boolean }) {
  const { t, tn } = useT(...NS);
  const filters = workoutFiltersFromQuery(new URLSearchParams(qs));
  const res = useAsync((signal) => listWorkouts(workoutFiltersFromQuery(new URLSearchParams(qs)), signal), [qs]);
  const hrefFor = (page: number) => {
    const q = workoutFiltersToQuery({ ...filters, page });
    return q ? `/workouts/?${q}` : '/workouts/';
  };
  return (
      <section aria-live="polite" aria-busy={res.loading} data-testid="workout-results">
        {res.error && !res.loading ? (
          <ErrorState error={res.error} onRetry={res.reload} />
        ) : !res.data ? (
          <GridSkeleton />
        ) : res.data.items.length === 0 ? (
          <EmptyState title={t('workouts.empty')} hint={t('workouts.emptyHint')} action={active ? <Link href="/workouts/" className="text-sm font-medium text-brand underline">{t('common.reset')}</Link> : undefined} />
        ) : (
          <div className={cx('transition-opacity', res.loading && 'opacity-60')}>
            <p className="mb-3 text-sm text-muted" data-testid="result-count">
              {tn('common.results', res.data.total)}
            </p>
            <ul className="grid gap-3 sm:grid-cols-2 xl:grid-cols-3">
              {res.data.items.map((w) => (
                <WorkoutCard key={w.id} w={w} />
              ))}
            </ul>
            <Pagination page={filters.page} total={res.data.total} limit={res.data.limit} hrefFor={hrefFor} />
          </div>
        )}
      </section>
  );
}

function WorkoutCard({ w }: { w: WorkoutSummary }) {
  const { t, te, num } = useT(...NS);
  return (
    <li data-testid="workout-card" className="relative flex min-h-40 flex-col rounded-2xl border border-line bg-card p-4 hover:border-brand">
      <h2 className="font-semibold leading-snug">
        <Link href={`/workouts/view/?id=${w.id}`} className="after:absolute after:inset-0 hover:underline" data-testid="workout-link">
          {w.name}
        </Link>
      </h2>
      <p className="mt-1 text-sm text-muted">{[w.level && te('level', w.level), w.goal && te('workoutGoal', w.goal)].filter(Boolean).join(' · ')}</p>
      <div className="mt-2 flex flex-wrap gap-1">
        {w.muscles.slice(0, 4).map((m) => (
          <Tag key={m}>{te('muscle', m)}</Tag>
        ))}
      </div>
      <div className="mt-auto flex items-end justify-between gap-2 pt-3 text-sm">
        <span className="text-muted">{w.equipment.length ? w.equipment.map((e) => te('equipment', e)).join(', ') : te('equipment', 'none')}</span>
        <span className="tabular shrink-0 text-end">
          <span className="block text-lg font-bold" data-testid="workout-minutes">
            {t('common.minutes', { count: num(w.minutes) })}
          </span>
          {w.kcal !== null && <span className="text-xs text-muted">{t('workouts.estKcal', { count: num(w.kcal) })}</span>}
        </span>
      </div>
    </li>
  );
}
