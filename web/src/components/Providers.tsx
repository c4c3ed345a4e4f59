'use client';
import type { ReactNode } from 'react';
import { I18nProvider, useT } from '@/lib/i18n';
import { AuthProvider } from '@/lib/auth';
import { Nav } from './Nav';

function Shell({ children }: { children: ReactNode }) {
  const { t } = useT();
  return (
    <>
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:start-2 focus:top-2 focus:z-50 focus:rounded-lg focus:bg-card focus:px-3 focus:py-2">
        {t('app.skipToContent')}
      </a>
      <Nav />
      <main id="main" className="mx-auto w-full max-w-6xl px-4 py-6 sm:py-8">
        {children}
      </main>
    </>
  );
}

export function Providers({ children }: { children: ReactNode }) {
  return (
    <I18nProvider>
      <AuthProvider>
        <Shell>{children}</Shell>
      </AuthProvider>
    </I18nProvider>
  );
}
