import type { Metadata } from 'next';
import { HealthPage } from '@/views/health-page';

export const metadata: Metadata = { title: 'Health log' };

export default function Page() {
  return <HealthPage />;
}
