import type { Metadata } from 'next';
import { MealsPage } from '@/views/meals-page';

export const metadata: Metadata = { title: 'Meal plans' };

export default function Page() {
  return <MealsPage />;
}
