'use client';
import { Suspense, useEffect, useState, type FormEvent } from 'react';
import { defineNs, useT } from '@/lib/i18n';
import calcEn from '@/i18n/en/calculator.json';
import enumEn from '@/i18n/en/enumBody.json';
import { calculate, type CalculatorInput, type CalculatorResult } from '@/lib/api/calculator';
import { ACTIVITY_LEVELS, GOALS, SEXES, type Units } from '@/lib/api/types';
import { ageFromBirthDate, getProfile } from '@/lib/api/profile';
import { hasSession } from '@/lib/api';
import { readUnits } from '@/lib/prefs';
import { cmToFtIn, fromDisplay, ftInToCm, parseDecimal, round, toDisplay, unitLabel } from '@/lib/units';
import { NO_ERRORS, toFormErrors, type FormErrors } from '@/lib/errors';
import { useTitle } from '@/lib/useTitle';
import { Button, Card, EmptyState, FormError, PageHeader, SelectField, SkeletonCard, TextField } from '@/components/ui';
import { HeightInput } from '@/components/UnitInputs';
import { lazyWithPreload } from '@/lib/lazy';

const NS = [defineNs('calculator', calcEn), defineNs('enumBody', enumEn)];

// The results panel is only needed once someone calculates: its code loads on first interaction.
const Results = lazyWithPreload(() => import('./calculator-results').then((m) => m.Results));

interface Form {
  sex: string;
  age: string;
  cm: string;
  ft: string;
  inch: string;
  weight: string;
  activity_level: string;
  goal: string;
  body_fat_pct: string;
  waist: string;
  neck: string;
  hip: string;
}

const EMPTY: Form = { sex: '', age: '', cm: '', ft: '', inch: '', weight: '', activity_level: 'moderate', goal: 'maintain', body_fat_pct: '', waist: '', neck: '', hip: '' };
const FIELDS = ['sex', 'age', 'height_cm', 'weight_kg', 'activity_level', 'goal', 'body_fat_pct', 'waist_cm', 'neck_cm', 'hip_cm'] as const;

export function CalculatorView() {
  const { t, te, num } = useT(...NS);
  useTitle(t('nav.calculator'));
  const [units, setUnits] = useState<Units>('metric');
  const [f, setF] = useState<Form>(EMPTY);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const [res, setRes] = useState<CalculatorResult | null>(null);

  // Signed in: start from the profile.
  useEffect(() => {
    const u = readUnits();
    setUnits(u);
    if (!hasSession()) return;
    const ac = new AbortController();
    getProfile(ac.signal)
      .then((p) => {
        const fi = p.height_cm ? cmToFtIn(p.height_cm) : null;
        const age = ageFromBirthDate(p.birth_date);
        setF((cur) => ({
          ...cur,
          sex: cur.sex || p.sex || '',
          age: cur.age || (age !== null ? String(age) : ''),
          cm: cur.cm || (p.height_cm ? String(round(p.height_cm, 1)) : ''),
          ft: cur.ft || (fi ? String(fi.ft) : ''),
          inch: cur.inch || (fi ? String(fi.in) : ''),
          weight: cur.weight || (p.weight_kg ? String(round(toDisplay('weight', p.weight_kg, u), 1)) : ''),
          activity_level: p.activity_level || cur.activity_level,
          goal: p.goal || cur.goal,
        }));
      })
      .catch(() => {});
    return () => ac.abort();
  }, []);

  const set = (k: keyof Form) => (e: { target: { value: string } }) => setF((cur) => ({ ...cur, [k]: e.target.value }));

  function switchUnits(u: Units) {
    if (u === units) return;
    // convert what's typed so switching never loses input
    setF((cur) => {
      const next = { ...cur };
      const conv = (v: string, q: 'weight' | 'length') => {
        const n = parseDecimal(v);
        return n === null ? v : String(round(toDisplay(q, fromDisplay(q, n, units), u), 1));
      };
      next.weight = conv(cur.weight, 'weight');
      next.waist = conv(cur.waist, 'length');
      next.neck = conv(cur.neck, 'length');
      next.hip = conv(cur.hip, 'length');
      if (u === 'imperial') {
        const cm = parseDecimal(cur.cm);
        if (cm !== null) {
          const fi = cmToFtIn(cm);
          next.ft = String(fi.ft);
          next.inch = String(fi.in);
        }
      } else {
        const ft = parseDecimal(cur.ft);
        if (ft !== null) next.cm = String(round(ftInToCm(ft, parseDecimal(cur.inch) ?? 0), 1));
      }
      return next;
    });
    setUnits(u);
  }

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const fields: Record<string, string> = {};
    const need = (k: string, v: number | null, min: number, max: number) => {
      if (v === null) fields[k] = t('errors.number');
      else if (v < min || v > max) fields[k] = t('errors.range', { min: num(min), max: num(max) });
      return v ?? 0;
    };
    const opt = (k: string, s: string, q: 'length' | null, min: number, max: number) => {
      if (!s.trim()) return undefined;
      const v = parseDecimal(s);
      if (v === null) {
        fields[k] = t('errors.number');
        return undefined;
      }
      const m = q ? fromDisplay(q, v, units) : v;
      if (m < min || m > max) fields[k] = t('errors.range', { min: num(q ? toDisplay(q, min, units) : min), max: num(q ? toDisplay(q, max, units) : max) });
      return round(m, 2);
    };
    if (!f.sex) fields.sex = t('errors.required');
    const age = need('age', parseDecimal(f.age), 15, 100);
    const heightCm = units === 'metric' ? parseDecimal(f.cm) : parseDecimal(f.ft) === null ? null : ftInToCm(parseDecimal(f.ft) as number, parseDecimal(f.inch) ?? 0);
    need('height_cm', heightCm, 100, 250);
    const w = parseDecimal(f.weight);
    const weightKg = w === null ? null : fromDisplay('weight', w, units);
    need('weight_kg', weightKg, 20, 400);
    const input: CalculatorInput = {
      sex: f.sex as CalculatorInput['sex'],
      age: Math.round(age),
      height_cm: round(heightCm ?? 0, 1),
      weight_kg: round(weightKg ?? 0, 2),
      activity_level: f.activity_level as CalculatorInput['activity_level'],
      goal: f.goal as CalculatorInput['goal'],
    };
    const bf = opt('body_fat_pct', f.body_fat_pct, null, 2, 70);
    const waist = opt('waist_cm', f.waist, 'length', 40, 250);
    const neck = opt('neck_cm', f.neck, 'length', 20, 80);
    const hip = opt('hip_cm', f.hip, 'length', 50, 250);
    if (bf !== undefined) input.body_fat_pct = bf;
    if (waist !== undefined) input.waist_cm = waist;
    if (neck !== undefined) input.neck_cm = neck;
    if (hip !== undefined) input.hip_cm = hip;
    if (Object.keys(fields).length) {
      setErrors({ fields, form: null });
      return;
    }
    setErrors(NO_ERRORS);
    setBusy(true);
    void Results.preload();
    try {
      setRes(await calculate(input));
      requestAnimationFrame(() => document.getElementById('calc-results')?.scrollIntoView({ behavior: 'smooth', block: 'start' }));
    } catch (err) {
      setErrors(toFormErrors(err, t, FIELDS));
    } finally {
      setBusy(false);
    }
  }

  const len = t(`units.${unitLabel('length', units)}` as 'units.cm');
  const wt = t(`units.${unitLabel('weight', units)}` as 'units.kg');

  return (
    <>
      <PageHeader title={t('calculator.title')} lead={t('calculator.lead')} />
      <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,5fr)_minmax(0,7fr)]">
        <Card>
          <form noValidate onSubmit={onSubmit} onFocus={() => void Results.preload()} className="space-y-4" data-testid="calculator-form">
            <div role="group" aria-label={t('common.units')} className="flex rounded-lg border border-line p-0.5 text-sm">
              {(['metric', 'imperial'] as const).map((u) => (
                <button key={u} type="button" aria-pressed={units === u} data-testid={`units-${u}`} onClick={() => switchUnits(u)} className="min-h-9 flex-1 rounded-md aria-pressed:bg-brand aria-pressed:text-on-brand">
                  {t(`common.${u}`)}
                </button>
              ))}
            </div>
            <div className="grid grid-cols-2 gap-3">
              <SelectField label={t('calculator.sex')} name="sex" value={f.sex} onChange={set('sex')} placeholder="—" options={SEXES.map((s) => ({ value: s, label: te('sex', s) }))} error={errors.fields.sex} data-testid="sex" />
              <TextField label={t('calculator.age')} name="age" inputMode="numeric" value={f.age} onChange={set('age')} error={errors.fields.age} data-testid="age" />
            </div>
            <div className="grid grid-cols-2 gap-3">
              <HeightInput units={units} label={t('calculator.height')} cm={f.cm} ft={f.ft} inch={f.inch} onChange={(v) => setF((c) => ({ ...c, ...v }))} error={errors.fields.height_cm} />
              <TextField label={`${t('calculator.weight')} (${wt})`} name="weight" inputMode="decimal" value={f.weight} onChange={set('weight')} error={errors.fields.weight_kg} data-testid="weight" />
            </div>
            <SelectField label={t('calculator.activity')} name="activity_level" value={f.activity_level} onChange={set('activity_level')} options={ACTIVITY_LEVELS.map((a) => ({ value: a, label: te('activity', a) }))} error={errors.fields.activity_level} data-testid="activity" />
            <SelectField label={t('calculator.goal')} name="goal" value={f.goal} onChange={set('goal')} options={GOALS.map((g) => ({ value: g, label: te('goal', g) }))} error={errors.fields.goal} data-testid="goal" />
            <TextField label={t('calculator.bodyFat')} optional name="body_fat_pct" inputMode="decimal" value={f.body_fat_pct} onChange={set('body_fat_pct')} error={errors.fields.body_fat_pct} data-testid="body-fat" />
            <fieldset className="space-y-3">
              <legend className="mb-2 text-sm text-muted">{t('calculator.tapeTitle')}</legend>
              <div className="grid grid-cols-3 gap-2">
                <TextField label={`${t('calculator.waist')} (${len})`} name="waist" inputMode="decimal" value={f.waist} onChange={set('waist')} error={errors.fields.waist_cm} data-testid="waist" />
                <TextField label={`${t('calculator.neck')} (${len})`} name="neck" inputMode="decimal" value={f.neck} onChange={set('neck')} error={errors.fields.neck_cm} data-testid="neck" />
                <TextField label={`${t('calculator.hip')} (${len})`} name="hip" inputMode="decimal" value={f.hip} onChange={set('hip')} error={errors.fields.hip_cm} data-testid="hip" />
              </div>
            </fieldset>
            <FormError message={errors.form} />
            <Button type="submit" busy={busy} className="w-full" data-testid="calculate">
              {busy ? t('calculator.calculating') : t('calculator.submit')}
            </Button>
          </form>
        </Card>
        <section id="calc-results" aria-live="polite" className="scroll-mt-20">
          {res ? (
            <Suspense fallback={<SkeletonCard lines={12} className="h-[48rem]" />}>
              <Results r={res} units={units} />
            </Suspense>
          ) : (
            <EmptyState icon="chart" title={t('calculator.empty')} testid="calc-empty" />
          )}
        </section>
      </div>
    </>
  );
}

