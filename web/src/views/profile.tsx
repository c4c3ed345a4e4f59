'use client';
import { useRouter } from 'next/navigation';
import { useEffect, useState, type FormEvent } from 'react';
import { defineNs, useT } from '@/lib/i18n';
import profileEn from '@/i18n/en/profile.json';
import bodyEn from '@/i18n/en/enumBody.json';
import foodEn from '@/i18n/en/enumFood.json';
import fitEn from '@/i18n/en/enumFit.json';
import { deleteAccount, exportAccount, getProfile, updateProfile, type Profile } from '@/lib/api/profile';
import { clearTokens } from '@/lib/api';
import { ACTIVITY_LEVELS, ALLERGENS, DIETS, EQUIPMENT, GOALS, SEXES, type Lang, type Units } from '@/lib/api/types';
import { useAuth } from '@/lib/auth';
import { storeUnits } from '@/lib/prefs';
import { cmToFtIn, fromDisplay, ftInToCm, parseDecimal, round, toDisplay, unitLabel } from '@/lib/units';
import { NO_ERRORS, errorMessage, toFormErrors, type FormErrors } from '@/lib/errors';
import { localDate } from '@/lib/dates';
import { useAsync } from '@/lib/useAsync';
import { Button, Card, CheckboxGroup, ErrorState, FormError, Notice, SelectField, SkeletonCard, TextField } from '@/components/ui';
import { HeightInput } from '@/components/UnitInputs';

const NS = [defineNs('profile', profileEn), defineNs('enumBody', bodyEn), defineNs('enumFood', foodEn), defineNs('enumFit', fitEn)];

interface Form {
  sex: string;
  birth_date: string;
  cm: string;
  ft: string;
  inch: string;
  weight: string;
  activity_level: string;
  goal: string;
  diet: string;
  allergies: string[];
  equipment: string[];
  units: Units;
  timezone: string;
  language: Lang;
  water: string;
  steps_goal: string;
}

const FIELDS = ['sex', 'birth_date', 'height_cm', 'weight_kg', 'activity_level', 'goal', 'diet', 'allergies', 'equipment', 'units', 'timezone', 'language', 'water_goal_ml', 'steps_goal'];

function toForm(p: Profile): Form {
  const u = p.units === 'imperial' ? 'imperial' : 'metric';
  const fi = p.height_cm ? cmToFtIn(p.height_cm) : null;
  const shown = (q: 'weight' | 'volume', v: number | null, d = 1) => (v === null || v === undefined ? '' : String(round(toDisplay(q, v, u), d)));
  return {
    sex: p.sex ?? '',
    birth_date: p.birth_date ?? '',
    cm: p.height_cm ? String(round(p.height_cm, 1)) : '',
    ft: fi ? String(fi.ft) : '',
    inch: fi ? String(fi.in) : '',
    weight: shown('weight', p.weight_kg),
    activity_level: p.activity_level ?? '',
    goal: p.goal ?? '',
    diet: p.diet ?? '',
    allergies: p.allergies ?? [],
    equipment: p.equipment ?? [],
    units: u,
    timezone: p.timezone || '',
    language: p.language === 'ar' ? 'ar' : 'en',
    water: shown('volume', p.water_goal_ml, u === 'metric' ? 0 : 1),
    steps_goal: p.steps_goal ? String(p.steps_goal) : '',
  };
}

function timeZones(): string[] {
  try {
    return (Intl as unknown as { supportedValuesOf(k: string): string[] }).supportedValuesOf('timeZone');
  } catch {
    return [];
  }
}

export function ProfileView() {
  const { t, te, num, setLang } = useT(...NS);
  const res = useAsync((s) => getProfile(s), []);
  const [f, setF] = useState<Form | null>(null);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const [welcome, setWelcome] = useState(false);
  const [zones, setZones] = useState<string[]>([]);
  // Only fields the user touched are sent (PUT merges), so a units round trip
  // (170 cm -> 5 ft 6.9 in -> 169.9 cm) never rewrites a stored value.
  const [dirty, setDirty] = useState<Set<string>>(new Set());
  const touch = (...k: string[]) => setDirty((d) => new Set([...d, ...k]));

  useEffect(() => {
    setZones(timeZones());
    setWelcome(new URLSearchParams(window.location.search).has('welcome'));
  }, []);
  useEffect(() => {
    if (!res.data) return;
    const form = toForm(res.data);
    // a brand-new profile: suggest this browser's time zone
    if (!form.timezone) {
      form.timezone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
      setDirty((d) => new Set([...d, 'timezone']));
    }
    setF(form);
  }, [res.data]);

  if (res.error && !res.data) return <ErrorState error={res.error} onRetry={res.reload} />;
  if (!f)
    return (
      <div className="space-y-6" aria-busy="true">
        <SkeletonCard lines={8} className="h-[26rem]" />
        <SkeletonCard lines={10} className="h-[32rem]" />
      </div>
    );

  const set = <K extends keyof Form>(k: K, v: Form[K]) => {
    setSaved(false);
    touch(k);
    setF((cur) => (cur ? { ...cur, [k]: v } : cur));
  };
  const ev = (k: keyof Form) => (e: { target: { value: string } }) => set(k, e.target.value as never);

  function switchUnits(u: Units) {
    if (!f || u === f.units) return;
    const conv = (v: string, q: 'weight' | 'volume', d: number) => {
      const n = parseDecimal(v);
      return n === null ? v : String(round(toDisplay(q, fromDisplay(q, n, f.units), u), d));
    };
    const next: Form = { ...f, units: u, weight: conv(f.weight, 'weight', 1), water: conv(f.water, 'volume', u === 'metric' ? 0 : 1) };
    if (u === 'imperial') {
      const cm = parseDecimal(f.cm);
      if (cm !== null) {
        const fi = cmToFtIn(cm);
        next.ft = String(fi.ft);
        next.inch = String(fi.in);
      }
    } else {
      const ft = parseDecimal(f.ft);
      if (ft !== null) next.cm = String(round(ftInToCm(ft, parseDecimal(f.inch) ?? 0), 1));
    }
    setSaved(false);
    touch('units');
    setF(next);
  }

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (!f) return;
    const fields: Record<string, string> = {};
    /** Parse a field typed in the user's units; bounds are metric, messages show them in the user's units. */
    const optNum = (k: string, s: string, min: number, max: number, q?: 'weight' | 'volume') => {
      if (!s.trim()) return null;
      const v = parseDecimal(s);
      if (v === null) {
        fields[k] = t('errors.number');
        return null;
      }
      const m = q ? fromDisplay(q, v, f.units) : v;
      const shown = (x: number) => num(q ? round(toDisplay(q, x, f.units), 0) : x);
      if (m < min || m > max) fields[k] = t('errors.range', { min: shown(min), max: shown(max) });
      return m;
    };
    let height: number | null = null;
    if (f.units === 'metric') height = optNum('height_cm', f.cm, 100, 250);
    else if (f.ft.trim()) {
      const ft = parseDecimal(f.ft);
      if (ft === null) fields.height_cm = t('errors.number');
      else {
        height = ftInToCm(ft, parseDecimal(f.inch) ?? 0);
        if (height < 100 || height > 250) fields.height_cm = t('errors.range', { min: `${num(3)}′${num(4)}″`, max: `${num(8)}′${num(2)}″` });
      }
    }
    const weight = optNum('weight_kg', f.weight, 20, 400, 'weight');
    const water = optNum('water_goal_ml', f.water, 500, 10000, 'volume');
    const steps = optNum('steps_goal', f.steps_goal, 1000, 100000);
    if (Object.keys(fields).length) {
      setErrors({ fields, form: null });
      return;
    }
    const all: Partial<Profile> = {
      sex: (f.sex || null) as Profile['sex'],
      birth_date: f.birth_date || null,
      height_cm: height === null ? null : round(height, 1),
      weight_kg: weight === null ? null : round(weight, 2),
      activity_level: (f.activity_level || null) as Profile['activity_level'],
      goal: (f.goal || null) as Profile['goal'],
      diet: (f.diet || null) as Profile['diet'],
      allergies: f.allergies as Profile['allergies'],
      equipment: f.equipment,
      units: f.units,
      timezone: f.timezone,
      language: f.language,
    };
    if (water !== null) all.water_goal_ml = Math.round(water);
    if (steps !== null) all.steps_goal = Math.round(steps);
    const formKey: Record<string, string> = { height_cm: 'height', weight_kg: 'weight', water_goal_ml: 'water' };
    const patch = Object.fromEntries(Object.entries(all).filter(([k]) => dirty.has(formKey[k] ?? k))) as Partial<Profile>;
    setBusy(true);
    setErrors(NO_ERRORS);
    try {
      const p = await updateProfile(patch);
      storeUnits(p.units ?? f.units);
      setDirty(new Set());
      res.setData(p);
      setSaved(true);
      await setLang(p.language === 'ar' ? 'ar' : f.language);
    } catch (err) {
      setErrors(toFormErrors(err, t, FIELDS));
    } finally {
      setBusy(false);
    }
  }

  const wt = t(`units.${unitLabel('weight', f.units)}` as 'units.kg');
  const vol = t(`units.${unitLabel('volume', f.units)}` as 'units.ml');
  const err = errors.fields;

  return (
    <div className="space-y-6">
      {welcome && <Notice testid="welcome">{t('profile.welcome')}</Notice>}
      <form noValidate onSubmit={onSubmit} className="space-y-6" data-testid="profile-form">
        <Card title={t('profile.body')}>
          <div className="grid gap-4 sm:grid-cols-2">
            <SelectField label={t('profile.sex')} value={f.sex} onChange={ev('sex')} placeholder={t('profile.notSet')} options={SEXES.map((s) => ({ value: s, label: te('sex', s) }))} error={err.sex} data-testid="profile-sex" />
            <TextField label={t('profile.birthDate')} type="date" value={f.birth_date} max={localDate()} onChange={ev('birth_date')} error={err.birth_date} data-testid="profile-birth-date" />
            <HeightInput units={f.units} label={t('profile.height')} cm={f.cm} ft={f.ft} inch={f.inch} onChange={(v) => {
                touch('height');
                setSaved(false);
                setF((c) => (c ? { ...c, ...v } : c));
              }}
              error={err.height_cm}
              testid="profile-height"
            />
            <TextField label={`${t('profile.weight')} (${wt})`} inputMode="decimal" value={f.weight} onChange={ev('weight')} error={err.weight_kg} data-testid="profile-weight" />
            <SelectField label={t('profile.activity')} value={f.activity_level} onChange={ev('activity_level')} placeholder={t('profile.notSet')} options={ACTIVITY_LEVELS.map((a) => ({ value: a, label: te('activity', a) }))} error={err.activity_level} data-testid="profile-activity" />
            <SelectField label={t('profile.goal')} value={f.goal} onChange={ev('goal')} placeholder={t('profile.notSet')} options={GOALS.map((g) => ({ value: g, label: te('goal', g) }))} error={err.goal} data-testid="profile-goal" />
          </div>
        </Card>
        <Card title={t('profile.preferences')}>
          <div className="grid gap-4 sm:grid-cols-2">
            <SelectField label={t('profile.diet')} value={f.diet} onChange={ev('diet')} placeholder={t('profile.notSet')} options={DIETS.map((d) => ({ value: d, label: te('diet', d) }))} error={err.diet} data-testid="profile-diet" />
            <SelectField label={t('profile.units')} value={f.units} onChange={(e) => switchUnits(e.target.value as Units)} options={(['metric', 'imperial'] as const).map((u) => ({ value: u, label: te('units', u) }))} error={err.units} data-testid="profile-units" />
            <SelectField label={t('profile.language')} value={f.language} onChange={ev('language')} options={(['en', 'ar'] as const).map((l) => ({ value: l, label: t(`lang.${l}`) }))} error={err.language} data-testid="profile-language" />
            {zones.length ? (
              <SelectField label={t('profile.timezone')} value={f.timezone} onChange={ev('timezone')} options={(zones.includes(f.timezone) || !f.timezone ? zones : [f.timezone, ...zones]).map((z) => ({ value: z, label: z.replace(/_/g, ' ') }))} error={err.timezone} data-testid="profile-timezone" dir="ltr" />
            ) : (
              <TextField label={t('profile.timezone')} value={f.timezone} onChange={ev('timezone')} error={err.timezone} data-testid="profile-timezone" dir="ltr" />
            )}
            <TextField label={`${t('profile.waterGoal')} (${vol})`} inputMode="decimal" value={f.water} onChange={ev('water')} error={err.water_goal_ml} data-testid="profile-water-goal" />
            <TextField label={t('profile.stepsGoal')} inputMode="numeric" value={f.steps_goal} onChange={ev('steps_goal')} error={err.steps_goal} data-testid="profile-steps-goal" />
          </div>
          <div className="mt-5 grid gap-5 sm:grid-cols-2">
            <CheckboxGroup legend={t('profile.allergies')} name="allergies" options={ALLERGENS.map((a) => ({ value: a, label: te('allergen', a) }))} value={f.allergies} onChange={(v) => set('allergies', v)} error={err.allergies} testid="profile-allergies" />
            <CheckboxGroup legend={t('profile.equipment')} name="equipment" options={EQUIPMENT.map((a) => ({ value: a, label: te('equipment', a) }))} value={f.equipment} onChange={(v) => set('equipment', v)} error={err.equipment} testid="profile-equipment" />
          </div>
        </Card>
        <FormError message={errors.form} />
        <div className="flex flex-wrap items-center gap-3">
          <Button type="submit" busy={busy} data-testid="profile-save">
            {busy ? t('common.saving') : t('profile.save')}
          </Button>
          {saved && (
            <span role="status" className="text-sm text-ok" data-testid="profile-saved">
              {t('profile.saved')}
            </span>
          )}
        </div>
      </form>
      <AccountCard />
    </div>
  );
}

function AccountCard() {
  const { t } = useT(...NS);
  const { user } = useAuth();
  const router = useRouter();
  const [exporting, setExporting] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [word, setWord] = useState('');
  const [deleting, setDeleting] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function doExport() {
    setExporting(true);
    setError(null);
    try {
      const blob = await exportAccount();
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = `trae-health-export-${localDate()}.json`;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10000);
    } catch (e) {
      setError(errorMessage(e, t));
    } finally {
      setExporting(false);
    }
  }

  async function doDelete() {
    setDeleting(true);
    setError(null);
    try {
      await deleteAccount();
      clearTokens();
      router.replace('/');
    } catch (e) {
      setError(errorMessage(e, t));
      setDeleting(false);
    }
  }

  return (
    <Card title={t('profile.account')} testid="account">
      {user && <p className="mb-4 text-sm text-muted">{t('profile.signedInAs', { email: user.email })}</p>}
      <div className="space-y-5">
        <div>
          <h3 className="font-medium">{t('profile.data')}</h3>
          <p className="mb-2 text-sm text-muted">{t('profile.exportHint')}</p>
          <Button variant="secondary" onClick={doExport} busy={exporting} data-testid="export">
            {exporting ? t('profile.exporting') : t('profile.export')}
          </Button>
        </div>
        <div className="rounded-xl border border-danger/40 p-4">
          <h3 className="font-medium text-danger">{t('profile.danger')}</h3>
          <p className="mb-3 text-sm text-muted">{t('profile.dangerHint')}</p>
          {!confirming ? (
            <Button variant="danger" onClick={() => setConfirming(true)} data-testid="delete-account">
              {t('profile.deleteButton')}
            </Button>
          ) : (
            <div role="group" aria-labelledby="confirm-title" className="space-y-3" data-testid="delete-confirm">
              <p id="confirm-title" className="font-semibold">
                {t('profile.confirmTitle')}
              </p>
              <p className="text-sm">{t('profile.confirmText')}</p>
              <TextField label={t('profile.confirmLabel')} value={word} onChange={(e) => setWord(e.target.value)} autoComplete="off" data-testid="delete-confirm-input" dir="ltr" />
              <div className="flex flex-wrap gap-2">
                <Button variant="danger" disabled={word.trim() !== t('profile.confirmWord')} busy={deleting} onClick={doDelete} data-testid="delete-confirm-button">
                  {deleting ? t('profile.deleting') : t('common.delete')}
                </Button>
                <Button
                  variant="ghost"
                  onClick={() => {
                    setConfirming(false);
                    setWord('');
                  }}
                >
                  {t('common.cancel')}
                </Button>
              </div>
            </div>
          )}
        </div>
        <FormError message={error} />
      </div>
    </Card>
  );
}
