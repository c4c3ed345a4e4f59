'use client';
import { Skeleton, SkeletonCard } from './ui';

/** Same grid and heights as the dashboard, so nothing moves when data arrives. */
export function DashboardSkeleton() {
  return (
    <div data-testid="dashboard-loading" aria-busy="true">
      <Skeleton className="mb-5 h-9 w-48" />
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        {Array.from({ length: 4 }, (_, i) => (
          <Skeleton key={i} className="h-[188px] rounded-2xl" />
        ))}
      </div>
      <div className="mt-4 grid gap-4 lg:grid-cols-2">
        <SkeletonCard chart className="h-[342px]" />
        <SkeletonCard chart className="h-[342px]" />
      </div>
    </div>
  );
}
