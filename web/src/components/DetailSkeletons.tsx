'use client';
import { Skeleton } from './ui';

export function RecipeSkeleton() {
  return (
    <div data-testid="recipe-loading" aria-busy="true">
      <Skeleton className="mb-2 h-5 w-28" />
      <Skeleton className="mb-2 h-9 w-2/3" />
      <Skeleton className="mb-6 h-5 w-1/2" />
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <Skeleton className="h-96 rounded-2xl" />
        <Skeleton className="h-[30rem] rounded-2xl" />
      </div>
    </div>
  );
}

export function WorkoutSkeleton() {
  return (
    <div data-testid="workout-loading" aria-busy="true">
      <Skeleton className="mb-2 h-5 w-28" />
      <Skeleton className="mb-2 h-9 w-2/3" />
      <Skeleton className="mb-6 h-5 w-1/2" />
      <Skeleton className="h-96 rounded-2xl" />
    </div>
  );
}
