'use client';
import { defineNs, useT } from '@/lib/i18n';
import profileEn from '@/i18n/en/profile.json';
import { useTitle } from '@/lib/useTitle';
import { AuthedPage, authedView } from '@/components/AuthedPage';
import { SkeletonCard } from '@/components/ui';

const NS = defineNs('profile', profileEn);
const ProfileView = authedView(() => import('./profile').then((m) => m.ProfileView));

function Skeleton() {
  return (
    <div className="space-y-6" aria-busy="true">
      <SkeletonCard lines={8} className="h-[26rem]" />
      <SkeletonCard lines={10} className="h-[32rem]" />
    </div>
  );
}

export function ProfilePage() {
  const { t } = useT(NS);
  useTitle(t('profile.title'));
  return (
    <AuthedPage title={t('profile.title')} skeleton={<Skeleton />}>
      <ProfileView />
    </AuthedPage>
  );
}
