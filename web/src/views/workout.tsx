'use client';
import { useSearchParams } from 'next/navigation';
import { useState } from 'react';
import { defineNs, useT } from '@/lib/i18n';
import workoutsEn from '@/i18n/en/workouts.json';
import enumEn from '@/i18n/en/enumFit.json';
import { getWorkout } from '@/lib/api/workouts';
import { addLog } from '@/lib/api/health';
import { ApiError } from '@/lib/api';
import { useAuth } from '@/lib/auth';
import { isoWithOffset } from '@/lib/dates';
import { errorMessage } from '@/lib/errors';
import { parseId } from '@/lib/useId';
import { useAsync } from '@/lib/useAsync';
import { useTitle } from '@/lib/useTitle';
import { Button, Card, EmptyState, ErrorState, FormError, Notice, Tag } from '@/components/ui';
import { WorkoutSkeleton } from '@/components/DetailSkeletons';
import { A as Link } from '@/components/A';

const NS = [defineNs('workouts', workoutsEn), defineNs('enumFit', enumEn)];


export function WorkoutView() {
  const { t, te, num } = useT(...NS);
  const sp = useSearchParams();
  const id = parseId(sp.get('id'));
  const { status } = useAuth();
  const res = useAsync((s) => getWorkout(id as number, s), [id], id !== null);
  const [logState, setLogState] = useState<{ busy: boolean; done: boolean; error: string | null }>({ busy: false, done: false, error: null });
  useTitle(res.data?.name);

  const back = (
    <Link href="/workouts/" className="mb-3 inline-flex min-h-10 items-center gap-1 text-sm font-medium text-brand hover:underline" data-testid="back">
      <span aria-hidden="true" className="rtl:-scale-x-100">
        ←
      </span>
      {t('workouts.backToWorkouts')}
    </Link>
  );
  if (id === null) return <EmptyState title={t('errors.badId')} action={back} testid="not-found" />;
  if (res.error) {
    if (res.error instanceof ApiError && (res.error.status === 404 || res.error.status === 422)) return <EmptyState title={t('workouts.notFound')} action={back} testid="not-found" />;
    return <ErrorState error={res.error} onRetry={res.reload} />;
  }
  if (!res.data) return <WorkoutSkeleton />;
  const w = res.data;

  async function logIt() {
    setLogState({ busy: true, done: false, error: null });
    try {
      await addLog('workout-log', { workout_id: w.id, duration_minutes: w.minutes, performed_at: isoWithOffset() });
      setLogState({ busy: false, done: true, error: null });
    } catch (e) {
      setLogState({ busy: false, done: false, error: errorMessage(e, t) });
    }
  }

  return (
    <article data-testid="workout-detail">
      {back}
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">{w.name}</h1>
          <p className="mt-1 text-muted">{[w.level && te('level', w.level), w.goal && te('workoutGoal', w.goal), t('common.minutes', { count: num(w.minutes) })].filter(Boolean).join(' · ')}</p>
        </div>
        {status === 'authed' && (
          <Button onClick={logIt} busy={logState.busy} disabled={logState.done} data-testid="log-workout">
            {t('workouts.logThis')}
          </Button>
        )}
      </div>
      {logState.done && (
        <div className="mt-3">
          <Notice testid="logged">{t('workouts.logged')}</Notice>
        </div>
      )}
      <div className="mt-3">
        <FormError message={logState.error} />
      </div>
      <div className="mt-3 flex flex-wrap gap-1.5">
        {w.muscles.map((m) => (
          <Tag key={m} tone="brand">
            {te('muscle', m)}
          </Tag>
        ))}
        {(w.equipment.length ? w.equipment : ['none']).map((e) => (
          <Tag key={e}>{te('equipment', e)}</Tag>
        ))}
      </div>
      {w.kcal !== null && (
        <p className="mt-3 text-sm">
          <span className="font-semibold">{t('workouts.estKcal', { count: num(w.kcal) })}</span> <span className="text-muted">{t('workouts.kcalNote')}</span>
        </p>
      )}
      {w.description && <p className="mt-3 max-w-prose">{w.description}</p>}
      <Card title={t('workouts.exercises')} className="mt-6" testid="exercises">
        <ol className="divide-y divide-line">
          {w.exercises.map((e, i) => (
            <li key={i} className="flex flex-wrap items-baseline justify-between gap-2 py-3" data-testid="exercise">
              <div>
                <span className="me-2 tabular text-muted">{num(i + 1)}.</span>
                <span className="font-medium">{e.name}</span>
                {e.muscles.length > 0 && <span className="ms-2 text-sm text-muted">{e.muscles.map((m) => te('muscle', m)).join(', ')}</span>}
              </div>
              <div className="tabular text-sm">
                {e.sets !== null && e.reps !== null ? t('workouts.setsReps', { sets: num(e.sets), reps: num(e.reps) }) : e.duration_seconds !== null ? (e.sets ? `${num(e.sets)} × ` : '') + t('workouts.duration', { count: num(e.duration_seconds) }) : ''}
                {e.rest_seconds !== null && <span className="ms-2 text-muted">{t('workouts.rest', { count: num(e.rest_seconds) })}</span>}
              </div>
            </li>
          ))}
        </ol>
      </Card>
    </article>
  );
}
