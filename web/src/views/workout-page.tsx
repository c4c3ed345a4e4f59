'use client';
import { Suspense } from 'react';
import { useSearchParams } from 'next/navigation';
import { lazyWithPreload } from '@/lib/lazy';
import { WorkoutSkeleton } from '@/components/DetailSkeletons';

// The detail view (and its API code) is its own chunk, fetched while the page hydrates.
const View = lazyWithPreload(() => import('./workout').then((m) => m.WorkoutView));
if (typeof window !== 'undefined') void View.preload();

export function WorkoutPage() {
  useSearchParams(); // client-only from here: the prerendered HTML is the skeleton
  return (
    <Suspense fallback={<WorkoutSkeleton />}>
      <View />
    </Suspense>
  );
}
