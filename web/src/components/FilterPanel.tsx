'use client';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useT } from '@/lib/i18n';
import { Button, cx } from './ui';

/** Search box + collapsible filters (collapsed on phones, always open on large screens). */
export function FilterPanel({ searchLabel, placeholder, q, onQ, onSubmit, onReset, children, active }: { searchLabel: string; placeholder: string; q: string; onQ: (v: string) => void; onSubmit: () => void; onReset: () => void; children: ReactNode; active: number }) {
  const { t, num } = useT();
  const [open, setOpen] = useState(false);
  function submit(e: FormEvent) {
    e.preventDefault();
    onSubmit();
  }
  return (
    <form role="search" onSubmit={submit} className="space-y-3" data-testid="filters">
      <div className="flex gap-2">
        <div className="min-w-0 flex-1">
          <label htmlFor="q" className="sr-only">
            {searchLabel}
          </label>
          <input
            id="q"
            name="q"
            type="search"
            value={q}
            onChange={(e) => onQ(e.target.value)}
            placeholder={placeholder}
            aria-label={searchLabel}
            data-testid="search-input"
            className="block min-h-11 w-full rounded-lg border border-line bg-card px-3 text-base focus:border-brand focus:outline-none focus:ring-2 focus:ring-brand/30"
          />
        </div>
        <Button type="submit" data-testid="search-submit">
          {t('common.search')}
        </Button>
      </div>
      <button type="button" aria-expanded={open} aria-controls="filter-fields" onClick={() => setOpen((o) => !o)} data-testid="filters-toggle" className="flex min-h-10 items-center gap-2 rounded-lg px-2 text-sm font-medium hover:bg-soft lg:hidden">
        <svg aria-hidden="true" viewBox="0 0 20 20" className="size-4" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round">
          <path d="M3 5h14M6 10h8M8 15h4" />
        </svg>
        {t('common.filters')}
        {active > 0 && <span className="rounded-full bg-brand px-2 text-xs text-on-brand">{num(active)}</span>}
      </button>
      <div id="filter-fields" className={cx('space-y-3 rounded-2xl border border-line bg-card p-4 lg:block', !open && 'hidden')}>
        {children}
        <div className="flex flex-wrap gap-2 pt-1">
          <Button type="submit" data-testid="filters-apply">
            {t('common.apply')}
          </Button>
          <Button variant="ghost" onClick={onReset} data-testid="filters-reset">
            {t('common.reset')}
          </Button>
        </div>
      </div>
    </form>
  );
}
