'use client';
import { useId, type ButtonHTMLAttributes, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes } from 'react';
import { useT } from '@/lib/i18n';
import { errorMessage } from '@/lib/errors';

export function cx(...c: (string | false | null | undefined)[]): string {
  return c.filter(Boolean).join(' ');
}

type Variant = 'primary' | 'secondary' | 'ghost' | 'danger';
const VARIANTS: Record<Variant, string> = {
  primary: 'bg-brand text-on-brand hover:bg-brand-strong border-transparent',
  secondary: 'bg-card text-ink border-line hover:bg-soft',
  ghost: 'bg-transparent text-ink border-transparent hover:bg-soft',
  danger: 'bg-danger text-white border-transparent hover:opacity-90',
};

export function Button({ variant = 'primary', className, busy, children, ...rest }: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: Variant; busy?: boolean }) {
  return (
    <button
      type="button"
      {...rest}
      aria-busy={busy || undefined}
      disabled={rest.disabled || busy}
      className={cx(
        'inline-flex min-h-10 items-center justify-center gap-2 rounded-lg border px-4 py-2 text-sm font-semibold transition-colors disabled:cursor-not-allowed disabled:opacity-60',
        VARIANTS[variant],
        className,
      )}
    >
      {children}
    </button>
  );
}

export function Card({ title, action, children, className, testid, as: As = 'section' }: { title?: ReactNode; action?: ReactNode; children: ReactNode; className?: string; testid?: string; as?: 'section' | 'div' | 'article' }) {
  const id = useId();
  return (
    <As aria-labelledby={title ? id : undefined} data-testid={testid} className={cx('print-plain rounded-2xl border border-line bg-card p-4 shadow-sm sm:p-5', className)}>
      {(title || action) && (
        <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
          {title && (
            <h2 id={id} className="text-base font-semibold">
              {title}
            </h2>
          )}
          {action}
        </div>
      )}
      {children}
    </As>
  );
}

const inputCls =
  'block w-full min-h-10 rounded-lg border border-line bg-card px-3 py-2 text-base text-ink placeholder:text-muted focus:border-brand focus:outline-none focus:ring-2 focus:ring-brand/30 aria-[invalid=true]:border-danger sm:text-sm';

interface FieldShell {
  label: ReactNode;
  error?: string | null;
  hint?: ReactNode;
  className?: string;
  optional?: boolean;
}

function FieldFrame({ id, label, error, hint, className, optional, children }: FieldShell & { id: string; children: ReactNode }) {
  const { t } = useT();
  return (
    <div className={cx('min-w-0', className)}>
      <label htmlFor={id} className="mb-1 block text-sm font-medium">
        {label}
        {optional && <span className="ms-1 font-normal text-muted">({t('common.optional')})</span>}
      </label>
      {children}
      {hint && !error && (
        <p id={`${id}-hint`} className="mt-1 text-xs text-muted">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} data-testid="field-error" className="mt-1 text-sm text-danger" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

export function TextField({ label, error, hint, className, optional, id: idProp, ...input }: FieldShell & InputHTMLAttributes<HTMLInputElement>) {
  const auto = useId();
  const id = idProp || auto;
  const describedBy = error ? `${id}-error` : hint ? `${id}-hint` : undefined;
  return (
    <FieldFrame id={id} label={label} error={error} hint={hint} className={className} optional={optional}>
      <input id={id} aria-invalid={error ? true : undefined} aria-describedby={describedBy} className={inputCls} {...input} />
    </FieldFrame>
  );
}

export interface Option {
  value: string;
  label: string;
}

export function SelectField({ label, error, hint, className, optional, options, placeholder, id: idProp, ...sel }: FieldShell & SelectHTMLAttributes<HTMLSelectElement> & { options: Option[]; placeholder?: string }) {
  const auto = useId();
  const id = idProp || auto;
  return (
    <FieldFrame id={id} label={label} error={error} hint={hint} className={className} optional={optional}>
      <select id={id} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : hint ? `${id}-hint` : undefined} className={inputCls} {...sel}>
        {placeholder !== undefined && <option value="">{placeholder}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

export function CheckboxGroup({ legend, options, value, onChange, name, error, testid, columns = 2 }: { legend: ReactNode; options: Option[]; value: string[]; onChange: (v: string[]) => void; name: string; error?: string | null; testid?: string; columns?: 2 | 3 }) {
  return (
    <fieldset data-testid={testid} className="min-w-0">
      <legend className="mb-1 text-sm font-medium">{legend}</legend>
      <div className={cx('grid gap-x-4 gap-y-1', columns === 3 ? 'grid-cols-2 sm:grid-cols-3' : 'grid-cols-2')}>
        {options.map((o) => {
          const checked = value.includes(o.value);
          return (
            <label key={o.value} className="flex min-h-9 cursor-pointer items-center gap-2 text-sm">
              <input
                type="checkbox"
                name={name}
                value={o.value}
                checked={checked}
                onChange={() => onChange(checked ? value.filter((v) => v !== o.value) : [...value, o.value])}
                className="size-4 accent-brand"
              />
              {o.label}
            </label>
          );
        })}
      </div>
      {error && (
        <p className="mt-1 text-sm text-danger" role="alert" data-testid="field-error">
          {error}
        </p>
      )}
    </fieldset>
  );
}

export function Skeleton({ className }: { className?: string }) {
  return <div aria-hidden="true" className={cx('animate-pulse rounded-lg bg-soft', className)} />;
}

/** A stack of skeleton lines that reserves the space of the content it stands for. */
export function SkeletonCard({ lines = 3, className, chart }: { lines?: number; className?: string; chart?: boolean }) {
  const { t } = useT();
  return (
    <div role="status" aria-live="polite" className={cx('rounded-2xl border border-line bg-card p-4 sm:p-5', className)} data-testid="skeleton">
      <span className="sr-only">{t('common.loading')}</span>
      <Skeleton className="mb-4 h-5 w-1/3" />
      {chart ? <Skeleton className="aspect-[16/7] w-full" /> : Array.from({ length: lines }, (_, i) => <Skeleton key={i} className={cx('mb-2 h-4', i % 2 ? 'w-2/3' : 'w-full')} />)}
    </div>
  );
}

export function ErrorState({ error, onRetry, className }: { error: unknown; onRetry?: () => void; className?: string }) {
  const { t } = useT();
  return (
    <div role="alert" data-testid="error-state" className={cx('flex flex-col items-center gap-3 rounded-2xl border border-danger/30 bg-danger-soft p-6 text-center', className)}>
      <svg aria-hidden="true" viewBox="0 0 24 24" className="size-8 text-danger" fill="none" stroke="currentColor" strokeWidth="2">
        <circle cx="12" cy="12" r="10" />
        <path d="M12 7v6M12 16.5v.5" strokeLinecap="round" />
      </svg>
      <p className="text-sm">{errorMessage(error, t)}</p>
      {onRetry && (
        <Button variant="secondary" onClick={onRetry} data-testid="retry">
          {t('common.retry')}
        </Button>
      )}
    </div>
  );
}

export function EmptyState({ title, hint, action, icon = 'search', testid = 'empty-state' }: { title: ReactNode; hint?: ReactNode; action?: ReactNode; icon?: 'search' | 'list' | 'chart'; testid?: string }) {
  return (
    <div data-testid={testid} className="flex flex-col items-center gap-2 rounded-2xl border border-dashed border-line p-8 text-center">
      <svg aria-hidden="true" viewBox="0 0 24 24" className="size-9 text-muted" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round">
        {icon === 'search' && (
          <>
            <circle cx="11" cy="11" r="6.5" />
            <path d="m16 16 4.5 4.5" />
          </>
        )}
        {icon === 'list' && <path d="M8 6h12M8 12h12M8 18h12M4 6h.01M4 12h.01M4 18h.01" />}
        {icon === 'chart' && <path d="M4 20V4M4 20h16M8 16l3-4 3 2 5-7" />}
      </svg>
      <p className="font-medium">{title}</p>
      {hint && <p className="max-w-sm text-sm text-muted">{hint}</p>}
      {action}
    </div>
  );
}

export function FormError({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <p role="alert" data-testid="form-error" className="rounded-lg bg-danger-soft px-3 py-2 text-sm text-danger">
      {message}
    </p>
  );
}

export function Notice({ children, testid }: { children: ReactNode; testid?: string }) {
  return (
    <p role="status" data-testid={testid} className="rounded-lg bg-brand-soft px-3 py-2 text-sm text-ink">
      {children}
    </p>
  );
}

export function PageHeader({ title, lead, action }: { title: ReactNode; lead?: ReactNode; action?: ReactNode }) {
  return (
    <div className="mb-5 flex flex-wrap items-end justify-between gap-3">
      <div className="min-w-0">
        <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">{title}</h1>
        {lead && <p className="mt-1 text-muted">{lead}</p>}
      </div>
      {action}
    </div>
  );
}

export function Tag({ children, tone = 'soft' }: { children: ReactNode; tone?: 'soft' | 'brand' | 'danger' }) {
  return (
    <span
      className={cx(
        'inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium',
        tone === 'soft' && 'bg-soft text-ink',
        tone === 'brand' && 'bg-brand-soft text-ink',
        tone === 'danger' && 'bg-danger-soft text-danger',
      )}
    >
      {children}
    </span>
  );
}
