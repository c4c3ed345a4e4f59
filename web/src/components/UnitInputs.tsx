'use client';
import { useT } from '@/lib/i18n';
import type { Units } from '@/lib/api/types';
import { TextField } from './ui';

/** Height input: cm (metric) or feet + inches (imperial). Values are strings as typed. */
export function HeightInput({ units, label, cm, ft, inch, onChange, error, testid = 'height', required }: { units: Units; label: string; cm: string; ft: string; inch: string; onChange: (v: { cm?: string; ft?: string; inch?: string }) => void; error?: string | null; testid?: string; required?: boolean }) {
  const { t } = useT();
  if (units === 'metric') {
    return <TextField label={`${label} (${t('units.cm')})`} inputMode="decimal" name="height_cm" value={cm} onChange={(e) => onChange({ cm: e.target.value })} error={error} data-testid={`${testid}-cm`} required={required} />;
  }
  return (
    <div className="grid grid-cols-2 gap-2">
      <TextField label={`${label} (${t('units.ft')})`} inputMode="numeric" name="height_ft" value={ft} onChange={(e) => onChange({ ft: e.target.value })} error={error} data-testid={`${testid}-ft`} required={required} />
      <TextField label={`${label} (${t('units.in')})`} inputMode="decimal" name="height_in" value={inch} onChange={(e) => onChange({ inch: e.target.value })} data-testid={`${testid}-in`} />
    </div>
  );
}
