'use client';
import { useT } from '@/lib/i18n';
import { Skeleton } from './ui';

/**
 * Stand-in for a page of catalog cards: same grid and card height as the real list.
 * `earlySlot` marks the prerendered copy (and only that one: React's own renders never carry
 * the mark) as where the document may draw the first page before the framework loads
 * (scripts/early-recipes.mjs). The mark must not reach a node React owns, since the drawing
 * replaces the node.
 */
export function GridSkeleton({ earlySlot = false }: { earlySlot?: boolean }) {
  const { t } = useT();
  return (
    <div role="status" data-testid="skeleton" data-early-slot={earlySlot && typeof window === 'undefined' ? '' : undefined}>
      <span className="sr-only">{t('common.loading')}</span>
      <Skeleton className="mb-3 h-5 w-24" />
      <ul className="grid gap-3 sm:grid-cols-2 xl:grid-cols-3">
        {Array.from({ length: 6 }, (_, i) => (
          <li key={i} className="h-40 rounded-2xl border border-line bg-card p-4">
            <Skeleton className="mb-2 h-5 w-3/4" />
            <Skeleton className="h-4 w-1/2" />
          </li>
        ))}
      </ul>
    </div>
  );
}
