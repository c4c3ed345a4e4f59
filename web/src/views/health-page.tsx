'use client';
import { defineNs, useT } from '@/lib/i18n';
import healthEn from '@/i18n/en/health.json';
import { useTitle } from '@/lib/useTitle';
import { AuthedPage, authedView } from '@/components/AuthedPage';
import { Skeleton } from '@/components/ui';

const NS = defineNs('health', healthEn);
const HealthView = authedView(() => import('./health').then((m) => m.HealthView));

function Loading() {
  return (
    <div className="grid gap-4 md:grid-cols-2 xl:grid-cols-3" aria-busy="true">
      {Array.from({ length: 6 }, (_, i) => (
        <Skeleton key={i} className="h-72 rounded-2xl" />
      ))}
    </div>
  );
}

export function HealthPage() {
  const { t } = useT(NS);
  useTitle(t('health.title'));
  return (
    <AuthedPage title={t('health.title')} lead={t('health.lead')} skeleton={<Loading />}>
      <HealthView />
    </AuthedPage>
  );
}
