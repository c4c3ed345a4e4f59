'use client';
import { Suspense, type ComponentType, type ReactNode } from 'react';
import { RequireAuth } from '@/lib/auth';
import { hasSession } from '@/lib/api';
import { lazyWithPreload } from '@/lib/lazy';
import { PageHeader } from './ui';

/**
 * Shell of a signed-in page: the header is prerendered, guests are sent to sign-in, and the
 * view's code is a separate chunk that starts downloading at once for signed-in visitors.
 */
export function authedView<P extends object>(load: () => Promise<ComponentType<P>>) {
  const View = lazyWithPreload(load);
  if (typeof window !== 'undefined' && hasSession()) void View.preload();
  return View;
}

export function AuthedPage({ title, lead, action, skeleton, children }: { title: string; lead?: string; action?: ReactNode; skeleton: ReactNode; children: ReactNode }) {
  return (
    <>
      <PageHeader title={title} lead={lead} action={action} />
      <RequireAuth fallback={skeleton}>
        <Suspense fallback={skeleton}>{children}</Suspense>
      </RequireAuth>
    </>
  );
}
