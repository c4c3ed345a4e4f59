import type { Metadata } from 'next';
import { Suspense } from 'react';
import { WorkoutPage } from '@/views/workout-page';
import { WorkoutSkeleton } from '@/components/DetailSkeletons';

export const metadata: Metadata = { title: 'Workout' };

export default function Page() {
  return (
    <Suspense fallback={<WorkoutSkeleton />}>
      <WorkoutPage />
    </Suspense>
  );
}
