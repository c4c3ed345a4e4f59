'use client';
import { ErrorState } from '@/components/ui';

/** Error boundary for every page (render errors, a view chunk that failed to load). */
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <ErrorState error={error} onRetry={reset} className="mx-auto mt-8 max-w-md" />;
}
