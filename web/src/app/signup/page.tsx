import type { Metadata } from 'next';
import { AuthView } from '@/views/auth';

export const metadata: Metadata = { title: 'Sign up' };

export default function Page() {
  return <AuthView mode="signup" />;
}
