'use client';
import { defineNs, useT } from '@/lib/i18n';
import nfEn from '@/i18n/en/notFound.json';
import { useTitle } from '@/lib/useTitle';
import { A as Link } from '@/components/A';

const NS = defineNs('notFound', nfEn);

export function NotFoundView() {
  const { t } = useT(NS);
  useTitle(t('notFound.title'));
  return (
    <div className="mx-auto flex max-w-md flex-col items-center py-16 text-center" data-testid="not-found-page">
      <p className="tabular text-6xl font-black text-brand" aria-hidden="true">
        404
      </p>
      <h1 className="mt-4 text-2xl font-bold">{t('notFound.title')}</h1>
      <p className="mt-2 text-muted">{t('notFound.text')}</p>
      <Link href="/" className="mt-6 inline-flex min-h-11 items-center rounded-lg bg-brand px-5 font-semibold text-on-brand hover:bg-brand-strong" data-testid="not-found-home">
        {t('notFound.home')}
      </Link>
    </div>
  );
}
