'use client';
import type { ReactNode } from 'react';
import { defineNs, useT } from '@/lib/i18n';
import calcEn from '@/i18n/en/calculator.json';
import enumEn from '@/i18n/en/enumBody.json';
import type { CalculatorResult } from '@/lib/api/calculator';
import type { Units } from '@/lib/api/types';
import { round, toDisplay, unitLabel } from '@/lib/units';
import { cx } from '@/components/ui';

const NS = [defineNs('calculator', calcEn), defineNs('enumBody', enumEn)];

function Item({ title, value, explain, testid, highlight, children }: { title: string; value: ReactNode; explain: string; testid: string; highlight?: boolean; children?: ReactNode }) {
  return (
    <div data-testid={testid} className={cx('rounded-2xl border p-4', highlight ? 'border-brand bg-brand-soft' : 'border-line bg-card')}>
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h3 className="font-semibold">{title}</h3>
        <span className="tabular text-xl font-bold" data-testid={`${testid}-value`}>
          {value}
        </span>
      </div>
      {children}
      <p className="mt-2 text-sm text-muted">{explain}</p>
    </div>
  );
}

const BMI_BANDS = [
  { to: 18.5, color: '#60a5fa' },
  { to: 25, color: '#22c55e' },
  { to: 30, color: '#facc15' },
  { to: 35, color: '#fb923c' },
  { to: 40, color: '#f87171' },
  { to: 45, color: '#dc2626' },
];

export function Results({ r, units }: { r: CalculatorResult; units: Units }) {
  const { t, te, num } = useT(...NS);
  const kcal = (v: number) => `${num(v)} ${t('units.kcal')}`;
  const wt = (kg: number) => `${num(round(toDisplay('weight', kg, units), 1), 1)} ${t(`units.${unitLabel('weight', units)}` as 'units.kg')}`;
  const water = `${num(round(toDisplay('volume', r.water_ml, units), units === 'metric' ? 0 : 1), 1)} ${t(`units.${unitLabel('volume', units)}` as 'units.ml')}`;
  const lo = 15;
  const hi = 45;
  const pos = ((Math.min(hi, Math.max(lo, r.bmi.value)) - lo) / (hi - lo)) * 100;
  const adj = r.goal_adjustment_kcal;
  return (
    <div className="space-y-3" data-testid="calc-results">
      <h2 className="text-lg font-semibold">{t('calculator.results')}</h2>
      <Item title={t('calculator.bmi')} value={`${num(r.bmi.value, 1)} · ${te('bmi', r.bmi.class)}`} explain={t('calculator.bmiExplain')} testid="bmi">
        <div className="relative mt-3 h-3" aria-hidden="true">
          <div className="flex h-full overflow-hidden rounded-full">
            {BMI_BANDS.map((b, i) => (
              <span key={i} style={{ flexGrow: b.to - (i ? BMI_BANDS[i - 1].to : lo), background: b.color }} />
            ))}
          </div>
          <span className="absolute -top-1 h-5 w-1 -translate-x-1/2 rounded bg-ink rtl:translate-x-1/2" style={{ insetInlineStart: `${pos}%` }} />
        </div>
      </Item>
      <div className="rounded-2xl border border-line bg-card p-4" data-testid="bmr">
        <h3 className="font-semibold">{t('calculator.bmr')}</h3>
        <p className="text-sm text-muted">{t('calculator.bmrExplain')}</p>
        <dl className="mt-3 space-y-3">
          {(
            [
              ['mifflin', r.bmr.mifflin_st_jeor, 'calculator.mifflin', 'calculator.mifflinExplain'],
              ['harris', r.bmr.harris_benedict, 'calculator.harris', 'calculator.harrisExplain'],
              ['katch', r.bmr.katch_mcardle, 'calculator.katch', 'calculator.katchExplain'],
            ] as const
          ).map(([k, v, title, explain]) => (
            <div key={k} data-testid={`bmr-${k}`}>
              <div className="flex justify-between gap-2">
                <dt className="font-medium">{t(title)}</dt>
                <dd className="tabular font-semibold">{v === null ? t('common.unknown') : kcal(v)}</dd>
              </div>
              <p className="text-sm text-muted">{v === null ? t('calculator.katchMissing') : t(explain)}</p>
            </div>
          ))}
        </dl>
      </div>
      <div className="grid gap-3 sm:grid-cols-2">
        <Item title={t('calculator.activityFactor')} value={`× ${num(r.activity_factor, 3)}`} explain={t('calculator.activityFactorExplain')} testid="activity-factor" />
        <Item title={t('calculator.tdee')} value={kcal(r.tdee)} explain={t('calculator.tdeeExplain')} testid="tdee" />
        <Item title={t('calculator.goalAdjustment')} value={`${adj > 0 ? '+' : adj < 0 ? '−' : ''}${kcal(Math.abs(adj))}`} explain={t('calculator.goalAdjustmentExplain')} testid="goal-adjustment" />
        <Item title={t('calculator.target')} value={kcal(r.target_kcal)} explain={t('calculator.targetExplain')} testid="target-kcal" highlight />
      </div>
      <Item title={t('calculator.macros')} value="" explain={t('calculator.macrosExplain')} testid="macros">
        <div className="mt-2 flex h-3 overflow-hidden rounded-full" aria-hidden="true">
          <span style={{ width: `${r.macros.protein_pct}%`, background: 'var(--color-protein)' }} />
          <span style={{ width: `${r.macros.fat_pct}%`, background: 'var(--color-fat)' }} />
          <span style={{ width: `${r.macros.carbs_pct}%`, background: 'var(--color-carbs)' }} />
        </div>
        <dl className="mt-3 grid grid-cols-3 gap-2 text-center text-sm">
          {(
            [
              ['protein', 'common.protein', r.macros.protein_g, r.macros.protein_pct, 'var(--color-protein)'],
              ['fat', 'common.fat', r.macros.fat_g, r.macros.fat_pct, 'var(--color-fat)'],
              ['carbs', 'common.carbs', r.macros.carbs_g, r.macros.carbs_pct, 'var(--color-carbs)'],
            ] as const
          ).map(([k, , g, pct, color]) => (
            <div key={k} data-testid={`macro-${k}`}>
              <dt className="flex items-center justify-center gap-1.5">
                <span className="size-2.5 rounded-full" style={{ background: color }} />
                {t(`common.${k}`)}
              </dt>
              <dd className="tabular font-semibold">
                {num(g)} {t('units.g')} · {num(pct)}%
              </dd>
            </div>
          ))}
        </dl>
      </Item>
      <div className="grid gap-3 sm:grid-cols-2">
        <Item title={t('calculator.navy')} value={r.body_fat_navy_pct === null ? t('common.unknown') : `${num(r.body_fat_navy_pct, 1)}%`} explain={r.body_fat_navy_pct === null ? t('calculator.navyMissing') : t('calculator.navyExplain')} testid="navy" />
        <Item title={t('calculator.water')} value={water} explain={t('calculator.waterExplain')} testid="water" />
      </div>
      <Item title={t('calculator.ideal')} value="" explain={t('calculator.idealExplain')} testid="ideal">
        <dl className="mt-2 grid grid-cols-3 gap-2 text-center text-sm">
          {(['devine', 'robinson', 'miller'] as const).map((k) => (
            <div key={k} data-testid={`ideal-${k}`}>
              <dt className="text-muted">{t(`calculator.${k}`)}</dt>
              <dd className="tabular font-semibold">{wt(r.ideal_weight_kg[k])}</dd>
            </div>
          ))}
        </dl>
      </Item>
    </div>
  );
}
