import type { Metadata } from 'next';
import { CalculatorView } from '@/views/calculator';

export const metadata: Metadata = { title: 'Calculator' };

export default function Page() {
  return <CalculatorView />;
}
