import type { Metadata } from 'next';
import { Suspense } from 'react';
import { WorkoutsFallback, WorkoutsHeader, WorkoutsList } from '@/views/workouts';

export const metadata: Metadata = { title: 'Workouts' };

export default function Page() {
  return (
    <>
      <WorkoutsHeader />
      <Suspense fallback={<WorkoutsFallback />}>
        <WorkoutsList />
      </Suspense>
    </>
  );
}
