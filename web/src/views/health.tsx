'use client';
import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { defineNs, useT } from '@/lib/i18n';
import healthEn from '@/i18n/en/health.json';
import dashEn from '@/i18n/en/dashboard.json';
import foodEn from '@/i18n/en/enumFood.json';
import { addLog, deleteLog, listLogs, type FoodLogInput, type LogInputs, type LogKind, type MealSlot } from '@/lib/api/health';
import { searchFoods, type FoodSummary } from '@/lib/api/foods';
import { searchRecipesByName, type RecipeSummary } from '@/lib/api/recipes';
import { listWorkouts, type WorkoutSummary } from '@/lib/api/workouts';
import { nutritionSummary, progressSummary } from '@/lib/api/dashboard';
import { MEAL_TYPES } from '@/lib/api/types';
import { addDays, fromDateTimeInput, isoWithOffset, localDate, localDateTimeInput } from '@/lib/dates';
import { NO_ERRORS, errorMessage, toFormErrors, type FormErrors } from '@/lib/errors';
import { useUnits } from '@/lib/prefs';
import { movingAverage } from '@/lib/stats';
import { fromDisplay, parseDecimal, round, toDisplay, unitLabel } from '@/lib/units';
import { useAsync } from '@/lib/useAsync';
import { Button, Card, EmptyState, ErrorState, FormError, Notice, SelectField, Skeleton, TextField, cx } from '@/components/ui';
import { BarChart, LineChart, shortDate } from '@/components/charts';

const NS = [defineNs('health', healthEn), defineNs('dashboard', dashEn), defineNs('enumFood', foodEn)];
type T = ReturnType<typeof useT>;

/** Shared shell of a quick-log form: submit state, field errors, success notice. */
function useLogForm(t: T['t'], fields: string[], onLogged: () => void) {
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [done, setDone] = useState(false);
  async function run<K extends LogKind>(kind: K, body: LogInputs[K] | null, local: Record<string, string> = {}) {
    setDone(false);
    if (Object.keys(local).length || !body) return setErrors({ fields: local, form: null });
    setErrors(NO_ERRORS);
    setBusy(true);
    try {
      await addLog(kind, body);
      setDone(true);
      onLogged();
      return true;
    } catch (e) {
      setErrors(toFormErrors(e, t, fields));
    } finally {
      setBusy(false);
    }
  }
  return { busy, errors, done, run, setErrors };
}

function LogCard({ title, testid, children, done, error, t }: { title: string; testid: string; children: ReactNode; done: boolean; error: string | null; t: T['t'] }) {
  return (
    <Card title={title} testid={testid}>
      {children}
      <div className="mt-3 space-y-2 empty:hidden">
        {done && <Notice testid={`${testid}-done`}>{t('health.logged')}</Notice>}
        <FormError message={error} />
      </div>
    </Card>
  );
}

function WeightForm({ onLogged }: { onLogged: () => void }) {
  const tr = useT(...NS);
  const { t, num } = tr;
  const units = useUnits();
  const [v, setV] = useState('');
  const [when, setWhen] = useState('');
  useEffect(() => setWhen(localDateTimeInput()), []);
  const f = useLogForm(t, ['weight_kg', 'measured_at'], onLogged);
  const unit = t(`units.${unitLabel('weight', units)}` as 'units.kg');
  async function submit(e: FormEvent) {
    e.preventDefault();
    const n = parseDecimal(v);
    const kg = n === null ? null : fromDisplay('weight', n, units);
    const at = fromDateTimeInput(when);
    const local: Record<string, string> = {};
    if (kg === null) local.weight_kg = t('errors.number');
    else if (kg < 20 || kg > 400) local.weight_kg = t('errors.range', { min: num(round(toDisplay('weight', 20, units))), max: num(round(toDisplay('weight', 400, units))) });
    if (!at) local.measured_at = t('errors.required');
    if (await f.run('weights', kg !== null && at ? { weight_kg: round(kg, 2), measured_at: at } : null, local)) setV('');
  }
  return (
    <LogCard title={t('health.weight')} testid="log-weight" done={f.done} error={f.errors.form} t={t}>
      <form noValidate onSubmit={submit} className="space-y-3">
        <TextField label={`${t('health.weight')} (${unit})`} inputMode="decimal" value={v} onChange={(e) => setV(e.target.value)} error={f.errors.fields.weight_kg} data-testid="weight-input" />
        <TextField label={t('health.when')} type="datetime-local" value={when} onChange={(e) => setWhen(e.target.value)} error={f.errors.fields.measured_at} data-testid="weight-when" />
        <Button type="submit" busy={f.busy} data-testid="weight-submit">
          {t('health.logWeight')}
        </Button>
      </form>
    </LogCard>
  );
}

function WaterForm({ onLogged }: { onLogged: () => void }) {
  const { t, num } = useT(...NS);
  const units = useUnits();
  const [v, setV] = useState('');
  const f = useLogForm(t, ['ml', 'logged_at'], onLogged);
  const unit = t(`units.${unitLabel('volume', units)}` as 'units.ml');
  const quick = units === 'metric' ? [250, 500] : [8, 16];
  async function log(display: number | null) {
    const ml = display === null ? null : fromDisplay('volume', display, units);
    const local: Record<string, string> = {};
    if (ml === null) local.ml = t('errors.number');
    else if (ml <= 0 || ml > 10000) local.ml = t('errors.range', { min: num(1), max: num(round(toDisplay('volume', 10000, units))) });
    if (await f.run('water', ml !== null ? { ml: Math.round(ml), logged_at: isoWithOffset() } : null, local)) setV('');
  }
  return (
    <LogCard title={t('health.water')} testid="log-water" done={f.done} error={f.errors.form} t={t}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void log(parseDecimal(v));
        }}
        className="space-y-3"
      >
        <div className="flex flex-wrap gap-2">
          {quick.map((q) => (
            <Button key={q} variant="secondary" onClick={() => log(q)} disabled={f.busy} data-testid={`water-quick-${q}`}>
              {t('health.quick', { amount: `${num(q)} ${unit}` })}
            </Button>
          ))}
        </div>
        <TextField label={`${t('health.amount')} (${unit})`} inputMode="decimal" value={v} onChange={(e) => setV(e.target.value)} error={f.errors.fields.ml} data-testid="water-input" />
        <Button type="submit" busy={f.busy} data-testid="water-submit">
          {t('health.logWater')}
        </Button>
      </form>
    </LogCard>
  );
}

function SleepForm({ onLogged }: { onLogged: () => void }) {
  const { t, num } = useT(...NS);
  const [start, setStart] = useState('');
  const [end, setEnd] = useState('');
  const [q, setQ] = useState('3');
  useEffect(() => {
    const today = new Date();
    const y = addDays(today, -1);
    setStart(`${localDate(y)}T23:00`);
    setEnd(`${localDate(today)}T07:00`);
  }, []);
  const f = useLogForm(t, ['start', 'end', 'quality'], onLogged);
  async function submit(e: FormEvent) {
    e.preventDefault();
    const s = fromDateTimeInput(start);
    const en = fromDateTimeInput(end);
    const local: Record<string, string> = {};
    if (!s) local.start = t('errors.required');
    if (!en) local.end = t('errors.required');
    else if (s && Date.parse(en) <= Date.parse(s)) local.end = t('errors.range', { min: start.replace('T', ' '), max: '…' });
    await f.run('sleep', s && en ? { start: s, end: en, quality: Number(q) } : null, local);
  }
  return (
    <LogCard title={t('health.sleep')} testid="log-sleep" done={f.done} error={f.errors.form} t={t}>
      <form noValidate onSubmit={submit} className="space-y-3">
        <div className="grid gap-3 sm:grid-cols-2">
          <TextField label={t('health.sleepStart')} type="datetime-local" value={start} onChange={(e) => setStart(e.target.value)} error={f.errors.fields.start} data-testid="sleep-start" />
          <TextField label={t('health.sleepEnd')} type="datetime-local" value={end} onChange={(e) => setEnd(e.target.value)} error={f.errors.fields.end} data-testid="sleep-end" />
        </div>
        <SelectField label={t('health.quality')} value={q} onChange={(e) => setQ(e.target.value)} options={[1, 2, 3, 4, 5].map((n) => ({ value: String(n), label: num(n) }))} error={f.errors.fields.quality} data-testid="sleep-quality" />
        <Button type="submit" busy={f.busy} data-testid="sleep-submit">
          {t('health.logSleep')}
        </Button>
      </form>
    </LogCard>
  );
}

function StepsForm({ onLogged }: { onLogged: () => void }) {
  const { t, num } = useT(...NS);
  const [v, setV] = useState('');
  const [day, setDay] = useState('');
  useEffect(() => setDay(localDate()), []);
  const f = useLogForm(t, ['count', 'date'], onLogged);
  async function submit(e: FormEvent) {
    e.preventDefault();
    const n = parseDecimal(v);
    const local: Record<string, string> = {};
    if (n === null || !Number.isInteger(n)) local.count = t('errors.number');
    else if (n < 0 || n > 200000) local.count = t('errors.range', { min: num(0), max: num(200000) });
    if (!day) local.date = t('errors.required');
    if (await f.run('steps', n !== null && day ? { date: day, count: n } : null, local)) setV('');
  }
  return (
    <LogCard title={t('health.steps')} testid="log-steps" done={f.done} error={f.errors.form} t={t}>
      <form noValidate onSubmit={submit} className="space-y-3">
        <div className="grid gap-3 sm:grid-cols-2">
          <TextField label={t('health.stepsCount')} inputMode="numeric" value={v} onChange={(e) => setV(e.target.value)} error={f.errors.fields.count} data-testid="steps-input" />
          <TextField label={t('health.day')} type="date" value={day} max={localDate()} onChange={(e) => setDay(e.target.value)} error={f.errors.fields.date} data-testid="steps-date" />
        </div>
        <Button type="submit" busy={f.busy} data-testid="steps-submit">
          {t('health.logSteps')}
        </Button>
      </form>
    </LogCard>
  );
}

/** Debounced search box with a results list of buttons; picks one item. */
function Picker<I extends { id: number; name: string }>({ label, placeholder, search, render, picked, onPick, testid }: { label: string; placeholder: string; search: (q: string, s: AbortSignal) => Promise<I[]>; render: (i: I) => ReactNode; picked: I | null; onPick: (i: I | null) => void; testid: string }) {
  const { t } = useT(...NS);
  const [q, setQ] = useState('');
  const [debounced, setDebounced] = useState('');
  useEffect(() => {
    const h = setTimeout(() => setDebounced(q.trim()), 250);
    return () => clearTimeout(h);
  }, [q]);
  const res = useAsync((s) => search(debounced, s), [debounced], debounced.length >= 2);
  return (
    <div>
      <TextField label={label} type="search" placeholder={placeholder} value={q} onChange={(e) => setQ(e.target.value)} data-testid={`${testid}-search`} autoComplete="off" />
      {debounced.length >= 2 && (
        <div className="mt-1 max-h-52 overflow-y-auto rounded-lg border border-line" data-testid={`${testid}-results`}>
          {res.loading && !res.data ? (
            <div className="space-y-1 p-2">
              <Skeleton className="h-8" />
              <Skeleton className="h-8" />
            </div>
          ) : res.error ? (
            <p className="p-2 text-sm text-danger">{errorMessage(res.error, t)}</p>
          ) : res.data && res.data.length ? (
            <ul>
              {res.data.map((i) => (
                <li key={i.id}>
                  <button type="button" onClick={() => onPick(i)} aria-pressed={picked?.id === i.id} data-testid={`${testid}-option`} className="flex w-full items-center justify-between gap-2 px-3 py-2 text-start text-sm hover:bg-soft aria-pressed:bg-brand-soft">
                    {render(i)}
                  </button>
                </li>
              ))}
            </ul>
          ) : (
            <p className="p-2 text-sm text-muted">{t('health.noMatches')}</p>
          )}
        </div>
      )}
      {picked && (
        <p className="mt-1 text-sm font-medium" data-testid={`${testid}-picked`}>
          {t('health.selected', { name: picked.name })}
        </p>
      )}
    </div>
  );
}

function defaultSlot(): MealSlot {
  const h = new Date().getHours();
  return h < 10 ? 'breakfast' : h < 15 ? 'lunch' : h < 21 ? 'dinner' : 'snack';
}

function FoodForm({ onLogged }: { onLogged: () => void }) {
  const { t, te, num } = useT(...NS);
  const [source, setSource] = useState<'food' | 'recipe'>('food');
  const [food, setFood] = useState<FoodSummary | null>(null);
  const [recipe, setRecipe] = useState<RecipeSummary | null>(null);
  const [amount, setAmount] = useState('100');
  const [slot, setSlot] = useState<MealSlot>('lunch');
  const [when, setWhen] = useState('');
  useEffect(() => {
    setSlot(defaultSlot());
    setWhen(localDateTimeInput());
  }, []);
  const f = useLogForm(t, ['food_id', 'recipe_id', 'grams', 'servings', 'meal_slot', 'logged_at'], onLogged);
  function switchSource(s: 'food' | 'recipe') {
    setSource(s);
    setAmount(s === 'food' ? '100' : '1');
    f.setErrors(NO_ERRORS);
  }
  async function submit(e: FormEvent) {
    e.preventDefault();
    const n = parseDecimal(amount);
    const at = fromDateTimeInput(when);
    const local: Record<string, string> = {};
    const picked = source === 'food' ? food : recipe;
    const amountField = source === 'food' ? 'grams' : 'servings';
    if (!picked) local[source === 'food' ? 'food_id' : 'recipe_id'] = t('health.pickOne');
    if (n === null || n <= 0) local[amountField] = t('errors.number');
    else if (source === 'food' ? n > 5000 : n > 20) local[amountField] = t('errors.range', { min: num(0), max: num(source === 'food' ? 5000 : 20) });
    if (!at) local.logged_at = t('errors.required');
    let body: FoodLogInput | null = null;
    if (picked && n !== null && at) body = source === 'food' ? { food_id: picked.id, grams: round(n, 1), meal_slot: slot, logged_at: at } : { recipe_id: picked.id, servings: round(n, 2), meal_slot: slot, logged_at: at };
    if (await f.run('food-log', body, local)) {
      setFood(null);
      setRecipe(null);
    }
  }
  return (
    <LogCard title={t('health.food')} testid="log-food" done={f.done} error={f.errors.form} t={t}>
      <form noValidate onSubmit={submit} className="space-y-3">
        <fieldset>
          <legend className="mb-1 text-sm font-medium">{t('health.source')}</legend>
          <div className="flex gap-4">
            {(['food', 'recipe'] as const).map((s) => (
              <label key={s} className="flex min-h-9 items-center gap-2 text-sm">
                <input type="radio" name="source" value={s} checked={source === s} onChange={() => switchSource(s)} className="size-4 accent-brand" data-testid={`food-source-${s}`} />
                {t(s === 'food' ? 'health.sourceFood' : 'health.sourceRecipe')}
              </label>
            ))}
          </div>
        </fieldset>
        {source === 'food' ? (
          <Picker<FoodSummary>
            key="food"
            label={t('health.foodSearch')}
            placeholder={t('health.foodSearchPlaceholder')}
            search={async (q, s) => (await searchFoods(q, { limit: 8 }, s)).items}
            render={(i) => (
              <>
                <span>{i.name}</span>
                {i.kcal_per_100g !== null && <span className="tabular shrink-0 text-xs text-muted">{t('health.per100g', { count: num(i.kcal_per_100g) })}</span>}
              </>
            )}
            picked={food}
            onPick={setFood}
            testid="food"
          />
        ) : (
          <Picker<RecipeSummary>
            key="recipe"
            label={t('health.recipeSearch')}
            placeholder={t('health.foodSearchPlaceholder')}
            search={(q, s) => searchRecipesByName(q, s)}
            render={(i) => (
              <>
                <span>{i.name}</span>
                <span className="tabular shrink-0 text-xs text-muted">
                  {num(i.nutrition_per_serving.kcal)} {t('units.kcal')}
                </span>
              </>
            )}
            picked={recipe}
            onPick={setRecipe}
            testid="recipe"
          />
        )}
        {(f.errors.fields.food_id || f.errors.fields.recipe_id) && (
          <p role="alert" className="text-sm text-danger" data-testid="field-error">
            {f.errors.fields.food_id || f.errors.fields.recipe_id}
          </p>
        )}
        <div className="grid grid-cols-2 gap-3">
          <TextField label={source === 'food' ? `${t('health.grams')} (${t('units.g')})` : t('health.servings')} inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} error={f.errors.fields.grams || f.errors.fields.servings} data-testid="food-amount" />
          <SelectField label={t('health.mealSlot')} value={slot} onChange={(e) => setSlot(e.target.value as MealSlot)} options={MEAL_TYPES.map((m) => ({ value: m, label: te('slot', m) }))} error={f.errors.fields.meal_slot} data-testid="food-slot" />
        </div>
        <TextField label={t('health.when')} type="datetime-local" value={when} onChange={(e) => setWhen(e.target.value)} error={f.errors.fields.logged_at} data-testid="food-when" />
        <Button type="submit" busy={f.busy} data-testid="food-submit">
          {t('health.logFood')}
        </Button>
      </form>
    </LogCard>
  );
}

function WorkoutForm({ onLogged }: { onLogged: () => void }) {
  const { t, num } = useT(...NS);
  const [w, setW] = useState<WorkoutSummary | null>(null);
  const [name, setName] = useState('');
  const [minutes, setMinutes] = useState('30');
  const [rpe, setRpe] = useState('6');
  const [when, setWhen] = useState('');
  useEffect(() => setWhen(localDateTimeInput()), []);
  const f = useLogForm(t, ['workout_id', 'name', 'duration_minutes', 'rpe', 'performed_at'], onLogged);
  function pick(x: WorkoutSummary | null) {
    setW(x);
    if (x?.minutes) setMinutes(String(x.minutes));
  }
  async function submit(e: FormEvent) {
    e.preventDefault();
    const m = parseDecimal(minutes);
    const at = fromDateTimeInput(when);
    const local: Record<string, string> = {};
    if (!w && !name.trim()) local.name = t('errors.required');
    if (m === null || m <= 0 || m > 600) local.duration_minutes = t('errors.range', { min: num(1), max: num(600) });
    if (!at) local.performed_at = t('errors.required');
    const body = m !== null && at ? { ...(w ? { workout_id: w.id } : { name: name.trim() }), duration_minutes: Math.round(m), rpe: Number(rpe), performed_at: at } : null;
    if (await f.run('workout-log', body, local)) {
      setW(null);
      setName('');
    }
  }
  return (
    <LogCard title={t('health.workout')} testid="log-workout" done={f.done} error={f.errors.form} t={t}>
      <form noValidate onSubmit={submit} className="space-y-3">
        <Picker<WorkoutSummary>
          label={t('health.workoutSearch')}
          placeholder={t('health.workoutSearchPlaceholder')}
          search={async (q, s) => (await listWorkouts({ q, page: 1 }, s)).items}
          render={(i) => (
            <>
              <span>{i.name}</span>
              <span className="tabular shrink-0 text-xs text-muted">{t('common.minutes', { count: num(i.minutes) })}</span>
            </>
          )}
          picked={w}
          onPick={pick}
          testid="workout"
        />
        {!w && <TextField label={t('health.workoutName')} value={name} onChange={(e) => setName(e.target.value)} error={f.errors.fields.name} data-testid="workout-name" />}
        <div className="grid grid-cols-2 gap-3">
          <TextField label={t('health.durationMin')} inputMode="numeric" value={minutes} onChange={(e) => setMinutes(e.target.value)} error={f.errors.fields.duration_minutes} data-testid="workout-minutes" />
          <SelectField label={t('health.rpe')} value={rpe} onChange={(e) => setRpe(e.target.value)} options={Array.from({ length: 10 }, (_, i) => ({ value: String(i + 1), label: num(i + 1) }))} error={f.errors.fields.rpe} data-testid="workout-rpe" />
        </div>
        <TextField label={t('health.when')} type="datetime-local" value={when} onChange={(e) => setWhen(e.target.value)} error={f.errors.fields.performed_at} data-testid="workout-when" />
        <Button type="submit" busy={f.busy} data-testid="workout-submit">
          {t('health.logWorkout')}
        </Button>
      </form>
    </LogCard>
  );
}

function History({ version }: { version: number }) {
  const { t, tn, num, lang } = useT(...NS);
  const units = useUnits();
  const [days, setDays] = useState<7 | 30 | 90>(30);
  const prog = useAsync((s) => progressSummary(days, s), [days, version]);
  const nut = useAsync((s) => nutritionSummary(days, s).catch(() => []), [days, version]);
  const wUnit = t(`units.${unitLabel('weight', units)}` as 'units.kg');
  const vUnit = t(`units.${unitLabel('volume', units)}` as 'units.ml');
  const bars = (key: string, values: { date: string; v: number }[], color: string) => values.map((x) => ({ key: `${key}${x.date}`, label: shortDate(x.date, lang), segments: [{ name: key, color, value: x.v }] }));

  let body: ReactNode;
  if (prog.error && !prog.data) body = <ErrorState error={prog.error} onRetry={prog.reload} />;
  else if (!prog.data) body = <Skeleton className="h-[520px]" />;
  else {
    const p = prog.data;
    const weights = p.filter((d) => d.weight_kg !== null).map((d) => ({ date: d.date, value: round(toDisplay('weight', d.weight_kg as number, units), 1) }));
    const avg = movingAverage(weights, 7);
    const any = weights.length || p.some((d) => d.water_ml || d.steps || d.sleep_minutes) || (nut.data ?? []).some((d) => d.kcal);
    body = !any ? (
      <EmptyState icon="chart" title={t('health.noHistory')} testid="history-empty" />
    ) : (
      <div className="grid gap-6 lg:grid-cols-2">
        <figure className="m-0">
          <figcaption className="mb-2 text-sm font-medium">
            {t('health.weightHistory')} ({wUnit})
          </figcaption>
          {weights.length ? (
            <LineChart
              testid="history-weight"
              label={t('health.weightHistory')}
              height={200}
              format={(v) => num(v, 1)}
              series={[
                { name: t('dashboard.raw'), color: 'var(--color-weight)', dots: true, strokeWidth: 1.5, points: weights },
                { name: t('dashboard.movingAverage'), color: 'var(--color-avg)', dashed: true, points: weights.map((w, i) => ({ date: w.date, value: round(avg[i], 2) })) },
              ]}
            />
          ) : (
            <p className="flex h-[224px] items-center justify-center text-sm text-muted">{t('dashboard.noWeight')}</p>
          )}
        </figure>
        {(
          [
            ['history-kcal', t('health.kcalHistory'), (nut.data ?? []).map((d) => ({ date: d.date, v: d.kcal })), 'var(--color-kcal)', (v: number) => num(v)],
            ['history-water', `${t('health.waterHistory')} (${vUnit})`, p.map((d) => ({ date: d.date, v: round(toDisplay('volume', d.water_ml, units), 1) })), 'var(--color-water)', (v: number) => num(v)],
            ['history-steps', t('health.stepsHistory'), p.map((d) => ({ date: d.date, v: d.steps })), 'var(--color-steps)', (v: number) => num(v)],
            ['history-sleep', `${t('health.sleepHistory')} (${t('units.h')})`, p.map((d) => ({ date: d.date, v: round(d.sleep_minutes / 60, 1) })), 'var(--color-sleep)', (v: number) => num(v, 1)],
          ] as const
        ).map(([id, label, values, color, fmt]) => (
          <figure key={id} className="m-0">
            <figcaption className="mb-2 text-sm font-medium">{label}</figcaption>
            <BarChart testid={id} label={label} height={200} format={fmt} data={bars(id, values, color)} />
          </figure>
        ))}
      </div>
    );
  }
  return (
    <Card
      title={t('health.history')}
      testid="history"
      action={
        <div role="group" aria-label={t('dashboard.range')} className="flex rounded-lg border border-line p-0.5 text-sm">
          {([7, 30, 90] as const).map((d) => (
            <button key={d} type="button" aria-pressed={days === d} onClick={() => setDays(d)} data-testid={`history-range-${d}`} className="min-h-8 rounded-md px-2.5 aria-pressed:bg-brand aria-pressed:text-on-brand">
              {tn('health.historyRange', d)}
            </button>
          ))}
        </div>
      }
    >
      {body}
    </Card>
  );
}

function Recent({ version, onChange }: { version: number; onChange: () => void }) {
  const { t, te, num } = useT(...NS);
  const units = useUnits();
  const today = localDate();
  const food = useAsync((s) => listLogs('food-log', { from: today, to: today }, s), [version]);
  const weights = useAsync((s) => listLogs('weights', { from: localDate(addDays(new Date(), -30)), limit: 5 }, s), [version]);
  const [error, setError] = useState<string | null>(null);
  async function del(kind: LogKind, id: number) {
    setError(null);
    try {
      await deleteLog(kind, id);
      onChange();
    } catch (e) {
      setError(errorMessage(e, t));
    }
  }
  const delBtn = (kind: LogKind, id: number) => (
    <button type="button" onClick={() => del(kind, id)} aria-label={t('health.deleteEntry')} data-testid="delete-entry" className="inline-flex size-9 items-center justify-center rounded-lg text-muted hover:bg-danger-soft hover:text-danger">
      <svg aria-hidden="true" viewBox="0 0 20 20" className="size-4" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round">
        <path d="M5 5l10 10M15 5 5 15" />
      </svg>
    </button>
  );
  const list = (state: typeof food | typeof weights, render: () => ReactNode) => (state.error && !state.data ? <ErrorState error={state.error} onRetry={state.reload} /> : !state.data ? <Skeleton className="h-24" /> : state.data.items.length ? render() : <p className="text-sm text-muted">{t('health.noEntries')}</p>);
  const kcal = (food.data?.items ?? []).reduce((a, x) => a + x.nutrition.kcal, 0);
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <Card title={t('health.todayFood')} testid="today-food" action={food.data?.items.length ? <span className="tabular text-sm font-medium">{num(kcal)} {t('units.kcal')}</span> : undefined}>
        {list(food, () => (
          <ul className="divide-y divide-line">
            {food.data!.items.map((x) => (
              <li key={x.id} className="flex items-center gap-2 py-2 text-sm" data-testid="food-entry">
                <span className="w-20 shrink-0 text-xs font-semibold uppercase text-muted">{te('slot', x.meal_slot)}</span>
                <span className="min-w-0 flex-1 truncate">{x.name}</span>
                <span className="tabular">
                  {num(x.nutrition.kcal)} {t('units.kcal')}
                </span>
                {delBtn('food-log', x.id)}
              </li>
            ))}
          </ul>
        ))}
      </Card>
      <Card title={t('health.recent')} testid="recent-weights">
        {list(weights, () => (
          <ul className="divide-y divide-line">
            {weights.data!.items.slice(0, 5).map((x) => (
              <li key={x.id} className="flex items-center gap-2 py-2 text-sm" data-testid="weight-entry">
                <span className="flex-1 text-muted">{x.at.slice(0, 16).replace('T', ' ')}</span>
                <span className="tabular font-medium">
                  {num(round(toDisplay('weight', x.weight_kg, units), 1), 1)} {t(`units.${unitLabel('weight', units)}` as 'units.kg')}
                </span>
                {delBtn('weights', x.id)}
              </li>
            ))}
          </ul>
        ))}
      </Card>
      {error && (
        <div className="lg:col-span-2">
          <FormError message={error} />
        </div>
      )}
    </div>
  );
}

export function HealthView() {
  const [version, setVersion] = useState(0);
  const bump = () => setVersion((v) => v + 1);
  return (
    <div className="space-y-6">
      <div className="grid items-start gap-4 md:grid-cols-2 xl:grid-cols-3">
        <WeightForm onLogged={bump} />
        <WaterForm onLogged={bump} />
        <StepsForm onLogged={bump} />
        <SleepForm onLogged={bump} />
        <div className={cx('md:col-span-2 xl:col-span-1')}>
          <FoodForm onLogged={bump} />
        </div>
        <WorkoutForm onLogged={bump} />
      </div>
      <Recent version={version} onChange={bump} />
      <History version={version} />
    </div>
  );
}
