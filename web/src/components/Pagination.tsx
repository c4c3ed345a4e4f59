'use client';
import { useT } from '@/lib/i18n';
import { pageCount, pageWindow } from '@/lib/filters';
import { A as Link } from './A';
import { cx } from './ui';

const base = 'inline-flex min-h-10 min-w-10 items-center justify-center rounded-lg border px-3 text-sm font-medium';

/** Real pagination: every page is a link (deep-linkable), with first/last and a window around the current page. */
export function Pagination({ page, total, limit, hrefFor }: { page: number; total: number; limit: number; hrefFor: (page: number) => string }) {
  const { t, num } = useT();
  const count = pageCount(total, limit);
  if (count <= 1) return null;
  const chevron = (dir: 'prev' | 'next') => (
    <svg aria-hidden="true" viewBox="0 0 20 20" className="size-4 rtl:-scale-x-100" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round">
      <path d={dir === 'prev' ? 'M12 5l-5 5 5 5' : 'M8 5l5 5-5 5'} />
    </svg>
  );
  return (
    <nav aria-label={t('common.pagination')} data-testid="pagination" className="mt-6 flex flex-col items-center gap-2">
      <ul className="flex flex-wrap items-center justify-center gap-1">
        <li>
          {page > 1 ? (
            <Link href={hrefFor(page - 1)} rel="prev" data-testid="pagination-prev" className={cx(base, 'border-line bg-card hover:bg-soft')}>
              {chevron('prev')}
              <span className="max-sm:sr-only">{t('common.previous')}</span>
            </Link>
          ) : (
            <span aria-disabled="true" className={cx(base, 'border-line text-muted opacity-50')}>
              {chevron('prev')}
              <span className="max-sm:sr-only">{t('common.previous')}</span>
            </span>
          )}
        </li>
        {pageWindow(page, count).map((p, i) =>
          p === null ? (
            <li key={`gap${i}`} aria-hidden="true" className="px-1 text-muted">
              …
            </li>
          ) : (
            <li key={p}>
              <Link
                href={hrefFor(p)}
                aria-current={p === page ? 'page' : undefined}
                aria-label={t('common.goToPage', { page: num(p) })}
                data-testid={`page-${p}`}
                className={cx(base, 'tabular', p === page ? 'border-brand bg-brand text-on-brand' : 'border-line bg-card hover:bg-soft')}
              >
                {num(p)}
              </Link>
            </li>
          ),
        )}
        <li>
          {page < count ? (
            <Link href={hrefFor(page + 1)} rel="next" data-testid="pagination-next" className={cx(base, 'border-line bg-card hover:bg-soft')}>
              <span className="max-sm:sr-only">{t('common.next')}</span>
              {chevron('next')}
            </Link>
          ) : (
            <span aria-disabled="true" className={cx(base, 'border-line text-muted opacity-50')}>
              <span className="max-sm:sr-only">{t('common.next')}</span>
              {chevron('next')}
            </span>
          )}
        </li>
      </ul>
      <p className="text-sm text-muted" data-testid="page-status">
        {t('common.page', { page: num(page), count: num(count) })}
      </p>
    </nav>
  );
}
