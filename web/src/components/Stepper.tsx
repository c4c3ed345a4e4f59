'use client';
import { useT } from '@/lib/i18n';

/** − [n] + control for a positive number (servings). */
export function Stepper({ value, onChange, min, max, step, label, decLabel, incLabel, testid }: { value: number; onChange: (v: number) => void; min: number; max: number; step: number; label: string; decLabel: string; incLabel: string; testid: string }) {
  const { num } = useT();
  const clamp = (v: number) => Math.min(max, Math.max(min, Math.round(v / step) * step));
  const btn = 'inline-flex size-10 items-center justify-center rounded-lg border border-line bg-card text-lg font-bold hover:bg-soft disabled:opacity-40';
  return (
    <div className="flex items-center gap-2" data-testid={testid}>
      <button type="button" className={btn} aria-label={decLabel} disabled={value <= min} onClick={() => onChange(clamp(value - step))} data-testid={`${testid}-dec`}>
        −
      </button>
      <label className="sr-only" htmlFor={`${testid}-input`}>
        {label}
      </label>
      <input
        id={`${testid}-input`}
        type="number"
        inputMode="decimal"
        min={min}
        max={max}
        step={step}
        value={value}
        onChange={(e) => {
          const v = Number(e.target.value);
          if (Number.isFinite(v) && v > 0) onChange(clamp(v));
        }}
        className="tabular h-10 w-20 rounded-lg border border-line bg-card text-center text-base"
        data-testid={`${testid}-input`}
        aria-valuetext={num(value, 2)}
      />
      <button type="button" className={btn} aria-label={incLabel} disabled={value >= max} onClick={() => onChange(clamp(value + step))} data-testid={`${testid}-inc`}>
        +
      </button>
    </div>
  );
}
