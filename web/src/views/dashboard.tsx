'use client';
import { useState } from 'react';
import { useAuth } from '@/lib/auth';
import { defineNs, useT } from '@/lib/i18n';
import dashEn from '@/i18n/en/dashboard.json';
import enumEn from '@/i18n/en/enumFit.json';
import { useAsync } from '@/lib/useAsync';
import { getDashboard, nutritionSummary, prefetchDashboard, type Dashboard } from '@/lib/api/dashboard';
import { hasSession } from '@/lib/api';
import { useUnits } from '@/lib/prefs';
import { round, toDisplay, unitLabel } from '@/lib/units';
import { Card, EmptyState, ErrorState, Skeleton } from '@/components/ui';
import { BarChart, HBarList, LineChart, ProgressBar, Ring, shortDate } from '@/components/charts';
import { A as Link } from '@/components/A';
import { useTitle } from '@/lib/useTitle';
import { DashboardSkeleton } from '@/components/DashboardSkeleton';

const NS = [defineNs('dashboard', dashEn), defineNs('enumFit', enumEn)];

// This chunk is preloaded for signed-in visitors while the home page hydrates: ask for the
// dashboard's data now rather than after the first render.
if (typeof window !== 'undefined' && window.location.pathname === '/' && hasSession()) prefetchDashboard();

export function DashboardView() {
  const { t, tn, num } = useT(...NS);
  const { user } = useAuth();
  useTitle(t('nav.dashboard'));
  const dash = useAsync((s) => getDashboard(s), []);
  const nut = useAsync((s) => nutritionSummary(7, s).catch(() => null), []);

  if (dash.error && !dash.data) return <ErrorState error={dash.error} onRetry={dash.reload} />;
  if (!dash.data) return <DashboardSkeleton />;
  const d = dash.data;

  return (
    <div data-testid="dashboard">
      <div className="mb-5 flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">{t('dashboard.title')}</h1>
          {user && <p className="text-muted">{t('dashboard.greeting', { name: user.name })}</p>}
        </div>
        <div className="flex items-center gap-3">
          <div data-testid="streak" className="rounded-full bg-brand-soft px-3 py-1 text-sm font-medium">
            {t('dashboard.streak')}: <span className="tabular">{tn('dashboard.streakDays', d.streaks.current)}</span>
            {d.streaks.longest > 0 && <span className="ms-2 text-muted">{t('dashboard.longest', { count: num(d.streaks.longest) })}</span>}
          </div>
          <Link href="/health/" className="inline-flex min-h-10 items-center rounded-lg bg-brand px-4 text-sm font-semibold text-on-brand hover:bg-brand-strong" data-testid="log-today">
            {t('dashboard.logSomething')}
          </Link>
        </div>
      </div>
      <TodayCards d={d} />
      <div className="mt-4 grid gap-4 lg:grid-cols-2">
        <WeightCard d={d} />
        <Card title={t('dashboard.macrosChart')} testid="macros-chart">
          {nut.data === undefined ? (
            <Skeleton className="h-[262px]" />
          ) : nut.data && nut.data.some((x) => x.kcal > 0) ? (
            <MacroBars days={nut.data} target={d.kcal.target} />
          ) : (
            <div className="flex h-[262px] items-center justify-center">
              <EmptyState icon="chart" title={t('dashboard.noMacros')} testid="macros-empty" />
            </div>
          )}
        </Card>
      </div>
      <div className="mt-4 grid gap-4 lg:grid-cols-2">
        <Card title={t('dashboard.weeklyWorkouts')} testid="workouts-by-muscle" action={<span className="text-sm text-muted">{tn('dashboard.sessions', d.workouts.sessions)}</span>}>
          {d.workouts.by_muscle.length ? (
            <WorkoutBars d={d} />
          ) : (
            <EmptyState icon="chart" title={t('dashboard.noWorkouts')} testid="workouts-empty" action={<Link className="text-sm font-medium text-brand underline" href="/workouts/">{t('nav.workouts')}</Link>} />
          )}
        </Card>
        <SleepCard d={d} />
      </div>
    </div>
  );
}

function TodayCards({ d }: { d: Dashboard }) {
  const { t, num } = useT(...NS);
  const units = useUnits();
  const left = d.kcal.target - d.kcal.eaten;
  const waterShown = toDisplay('volume', d.water.ml, units);
  const waterGoal = toDisplay('volume', d.water.goal, units);
  const vol = t(`units.${unitLabel('volume', units)}` as 'units.ml');
  return (
    <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
      <Card testid="today-kcal" className="flex flex-col items-center text-center">
        <h2 className="mb-2 text-sm font-semibold text-muted">{t('dashboard.kcalEaten')}</h2>
        <Ring value={d.kcal.eaten} goal={d.kcal.target} color="var(--color-kcal)" label={`${t('dashboard.kcalEaten')}: ${num(d.kcal.eaten)} / ${num(d.kcal.target)}`} testid="ring-kcal">
          <span className="tabular text-xl font-bold" data-testid="kcal-eaten">{num(d.kcal.eaten)}</span>
          <span className="text-xs text-muted">{t('dashboard.ofGoal', { goal: num(d.kcal.target) })}</span>
        </Ring>
        <p className="mt-2 text-sm">{left >= 0 ? t('dashboard.kcalLeft', { count: num(left) }) : t('dashboard.kcalOver', { count: num(-left) })}</p>
        {d.kcal.burned > 0 && <p className="text-xs text-muted">{t('dashboard.burned', { count: num(d.kcal.burned) })}</p>}
      </Card>
      <Card testid="today-macros">
        <h2 className="mb-3 text-sm font-semibold text-muted">{t('dashboard.macros')}</h2>
        <div className="space-y-3">
          {(
            [
              ['protein', 'dashboard.protein', 'var(--color-protein)'],
              ['fat', 'dashboard.fat', 'var(--color-fat)'],
              ['carbs', 'dashboard.carbs', 'var(--color-carbs)'],
            ] as const
          ).map(([k, key, color]) => (
            <div key={k}>
              <div className="mb-1 flex justify-between text-sm">
                <span>{t(key)}</span>
                <span className="tabular text-muted" data-testid={`macro-${k}`}>
                  {num(d.macros[k].eaten)} / {num(d.macros[k].target)} {t('units.g')}
                </span>
              </div>
              <ProgressBar value={d.macros[k].eaten} goal={d.macros[k].target} color={color} label={t(key)} testid={`bar-${k}`} />
            </div>
          ))}
        </div>
      </Card>
      <Card testid="today-water" className="flex flex-col items-center text-center">
        <h2 className="mb-2 text-sm font-semibold text-muted">{t('dashboard.water')}</h2>
        <Ring value={d.water.ml} goal={d.water.goal} color="var(--color-water)" label={`${t('dashboard.water')}: ${num(waterShown)} / ${num(waterGoal)} ${vol}`} testid="ring-water">
          <span className="tabular text-xl font-bold" data-testid="water-ml">{num(waterShown, units === 'metric' ? 0 : 1)}</span>
          <span className="text-xs text-muted">
            {t('dashboard.ofGoal', { goal: num(waterGoal) })} {vol}
          </span>
        </Ring>
      </Card>
      <Card testid="today-steps" className="flex flex-col items-center text-center">
        <h2 className="mb-2 text-sm font-semibold text-muted">{t('dashboard.steps')}</h2>
        <Ring value={d.steps.count} goal={d.steps.goal} color="var(--color-steps)" label={`${t('dashboard.steps')}: ${num(d.steps.count)} / ${num(d.steps.goal)}`} testid="ring-steps">
          <span className="tabular text-xl font-bold" data-testid="steps-count">{num(d.steps.count)}</span>
          <span className="text-xs text-muted">{t('dashboard.ofGoal', { goal: num(d.steps.goal) })}</span>
        </Ring>
      </Card>
    </div>
  );
}

function WeightCard({ d }: { d: Dashboard }) {
  const { t, tn, num } = useT(...NS);
  const units = useUnits();
  const [range, setRange] = useState<'7' | '30' | '90'>('30');
  const pts = d.weight.trend[range];
  const conv = (kg: number) => round(toDisplay('weight', kg, units), 1);
  const w = t(`units.${unitLabel('weight', units)}` as 'units.kg');
  const change = d.weight.weekly_change_kg;
  return (
    <Card
      title={t('dashboard.weightTrend')}
      testid="weight-trend"
      action={
        <div role="group" aria-label={t('dashboard.range')} className="flex rounded-lg border border-line p-0.5 text-sm">
          {(['7', '30', '90'] as const).map((r) => (
            <button key={r} type="button" aria-pressed={range === r} data-testid={`weight-range-${r}`} onClick={() => setRange(r)} className="min-h-8 rounded-md px-2.5 aria-pressed:bg-brand aria-pressed:text-on-brand">
              {tn('dashboard.streakDays', Number(r))}
            </button>
          ))}
        </div>
      }
    >
      <div className="mb-2 flex flex-wrap items-baseline gap-x-3 text-sm">
        {d.weight.latest_kg !== null && (
          <span className="tabular text-2xl font-bold" data-testid="weight-latest">
            {num(conv(d.weight.latest_kg), 1)} {w}
          </span>
        )}
        {change !== null && (
          <span className="tabular text-muted">{t('dashboard.weeklyChange', { value: `${change > 0 ? '+' : change < 0 ? '−' : ''}${num(Math.abs(conv(change)), 1)} ${w}` })}</span>
        )}
      </div>
      {pts.length ? (
        <LineChart
          testid="weight-chart"
          label={t('dashboard.weightTrend')}
          height={236}
          format={(v) => num(v, 1)}
          series={[
            { name: t('dashboard.raw'), color: 'var(--color-weight)', dots: true, strokeWidth: 1.5, points: pts.map((p) => ({ date: p.date, value: conv(p.kg) })) },
            { name: t('dashboard.movingAverage'), color: 'var(--color-avg)', dashed: true, strokeWidth: 2.5, points: pts.map((p) => ({ date: p.date, value: p.avg === null ? null : conv(p.avg) })) },
          ]}
        />
      ) : (
        <div className="flex h-[262px] items-center justify-center">
          <EmptyState icon="chart" title={t('dashboard.noWeight')} testid="weight-empty" />
        </div>
      )}
    </Card>
  );
}

function MacroBars({ days, target }: { days: { date: string; protein_g: number; fat_g: number; carbs_g: number }[]; target: number }) {
  const { t, num, lang } = useT(...NS);
  const legend = [
    { name: t('dashboard.protein'), color: 'var(--color-protein)' },
    { name: t('dashboard.fat'), color: 'var(--color-fat)' },
    { name: t('dashboard.carbs'), color: 'var(--color-carbs)' },
  ];
  return (
    <BarChart
      testid="macros-bars"
      label={t('dashboard.macrosChart')}
      height={236}
      target={target || null}
      format={(v) => num(v)}
      legend={legend}
      data={days.map((x) => ({
        key: x.date,
        label: shortDate(x.date, lang),
        segments: [
          { name: legend[0].name, color: legend[0].color, value: x.protein_g * 4 },
          { name: legend[1].name, color: legend[1].color, value: x.fat_g * 9 },
          { name: legend[2].name, color: legend[2].color, value: x.carbs_g * 4 },
        ],
      }))}
    />
  );
}

function WorkoutBars({ d }: { d: Dashboard }) {
  const { te, num } = useT(...NS);
  return <HBarList testid="muscle-bars" color="var(--color-steps)" format={(v) => num(v)} items={d.workouts.by_muscle.map((m) => ({ key: m.muscle, label: te('muscle', m.muscle), value: m.count }))} />;
}

function SleepCard({ d }: { d: Dashboard }) {
  const { t, num } = useT(...NS);
  const s = d.sleep;
  return (
    <Card title={t('dashboard.sleep')} testid="today-sleep">
      {s ? (
        <div className="flex items-center gap-4">
          <Ring value={s.minutes} goal={480} color="var(--color-sleep)" label={`${t('dashboard.lastNight')}: ${Math.floor(s.minutes / 60)}:${String(Math.round(s.minutes % 60)).padStart(2, '0')}`}>
            <span className="tabular text-xl font-bold" data-testid="sleep-hours">
              {num(Math.floor(s.minutes / 60))}
              {t('units.h')} {num(Math.round(s.minutes % 60))}
              {t('units.min')}
            </span>
          </Ring>
          <div>
            <p className="font-medium">{t('dashboard.lastNight')}</p>
            {s.quality !== null && <p className="text-sm text-muted">{t('dashboard.quality', { value: num(s.quality) })}</p>}
          </div>
        </div>
      ) : (
        <EmptyState icon="chart" title={t('dashboard.noSleep')} testid="sleep-empty" />
      )}
    </Card>
  );
}
