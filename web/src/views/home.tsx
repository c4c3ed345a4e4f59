'use client';
import { Suspense } from 'react';
import { A as Link } from '@/components/A';
import { DashboardSkeleton } from '@/components/DashboardSkeleton';
import { useAuth } from '@/lib/auth';
import { hasSession } from '@/lib/api';
import { defineNs, useT } from '@/lib/i18n';
import { lazyWithPreload } from '@/lib/lazy';
import homeEn from '@/i18n/en/home.json';

const NS = [defineNs('home', homeEn)];

// The dashboard's code (charts, normalizers) is only fetched for signed-in visitors,
// starting as soon as this module runs, in parallel with hydration.
const DashboardView = lazyWithPreload(() => import('./dashboard').then((m) => m.DashboardView));
if (typeof window !== 'undefined' && hasSession()) void DashboardView.preload();

export function HomeView() {
  const { status } = useAuth();
  if (status === 'authed')
    return (
      <Suspense fallback={<DashboardSkeleton />}>
        <DashboardView />
      </Suspense>
    );
  if (status === 'guest') return <Landing />;
  // Before we know (prerender + hydration): CSS picks the variant from the boot script's class.
  return (
    <>
      <div className="only-guest">
        <Landing />
      </div>
      <div className="only-authed">
        <DashboardSkeleton />
      </div>
    </>
  );
}

function Landing() {
  const { t } = useT(...NS);
  const features = [
    ['home.feature1Title', 'home.feature1Text'],
    ['home.feature2Title', 'home.feature2Text'],
    ['home.feature3Title', 'home.feature3Text'],
  ] as const;
  return (
    <div data-testid="landing">
      <section className="rounded-3xl bg-brand-soft px-5 py-10 sm:px-10 sm:py-14">
        <h1 className="max-w-2xl text-3xl font-bold tracking-tight sm:text-5xl">{t('home.heroTitle')}</h1>
        <p className="mt-4 max-w-2xl text-lg text-muted">{t('home.heroLead')}</p>
        <div className="mt-6 flex flex-wrap gap-3">
          <Link href="/calculator/" data-testid="cta-calculator" className="inline-flex min-h-11 items-center rounded-lg bg-brand px-5 font-semibold text-on-brand hover:bg-brand-strong">
            {t('home.ctaCalculator')}
          </Link>
          <Link href="/signup/" data-testid="cta-signup" className="inline-flex min-h-11 items-center rounded-lg border border-line bg-card px-5 font-semibold hover:bg-soft">
            {t('home.ctaSignUp')}
          </Link>
        </div>
      </section>
      <ul className="mt-6 grid gap-4 sm:grid-cols-3">
        {features.map(([title, text]) => (
          <li key={title} className="rounded-2xl border border-line bg-card p-5">
            <h2 className="font-semibold">{t(title)}</h2>
            <p className="mt-1 text-sm text-muted">{t(text)}</p>
          </li>
        ))}
      </ul>
    </div>
  );
}


