import type { Metadata } from 'next';
import { Suspense } from 'react';
import { RecipePage } from '@/views/recipe-page';
import { RecipeSkeleton } from '@/components/DetailSkeletons';

export const metadata: Metadata = { title: 'Recipe' };

export default function Page() {
  return (
    <Suspense fallback={<RecipeSkeleton />}>
      <RecipePage />
    </Suspense>
  );
}
