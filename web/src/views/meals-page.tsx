'use client';
import { defineNs, useT } from '@/lib/i18n';
import mealsEn from '@/i18n/en/meals.json';
import { useTitle } from '@/lib/useTitle';
import { AuthedPage, authedView } from '@/components/AuthedPage';
import { SkeletonCard } from '@/components/ui';

const NS = defineNs('meals', mealsEn);
const MealsView = authedView(() => import('./meals').then((m) => m.MealsView));

function Skeleton() {
  return (
    <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,5fr)_minmax(0,7fr)]" aria-busy="true">
      <SkeletonCard lines={10} className="h-[40rem]" />
      <SkeletonCard lines={12} className="h-[36rem]" />
    </div>
  );
}

export function MealsPage() {
  const { t } = useT(NS);
  useTitle(t('meals.title'));
  return (
    <AuthedPage title={t('meals.title')} lead={t('meals.lead')} skeleton={<Skeleton />}>
      <MealsView />
    </AuthedPage>
  );
}
