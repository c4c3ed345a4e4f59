import type { Metadata } from 'next';
import { Suspense } from 'react';
import { RecipesFallback, RecipesHeader, RecipesList } from '@/views/recipes';

export const metadata: Metadata = { title: 'Recipes' };

export default function Page() {
  return (
    <>
      <RecipesHeader />
      <Suspense fallback={<RecipesFallback />}>
        <RecipesList />
      </Suspense>
    </>
  );
}
