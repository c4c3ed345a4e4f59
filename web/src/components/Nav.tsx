'use client';
import { A as Link } from '@/components/A';
import { usePathname, useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import { useT } from '@/lib/i18n';
import type { MsgKey } from '@/lib/i18n-core';
import { logout } from '@/lib/api/auth';
import { updateProfile } from '@/lib/api/profile';
import { hasSession } from '@/lib/api';
import { cx } from './ui';

interface Item {
  href: string;
  key: MsgKey;
  testid: string;
  who: 'authed' | 'guest' | 'all';
}

const ITEMS: Item[] = [
  { href: '/', key: 'nav.dashboard', testid: 'nav-dashboard', who: 'authed' },
  { href: '/recipes/', key: 'nav.recipes', testid: 'nav-recipes', who: 'all' },
  { href: '/workouts/', key: 'nav.workouts', testid: 'nav-workouts', who: 'all' },
  { href: '/meals/', key: 'nav.meals', testid: 'nav-meals', who: 'authed' },
  { href: '/health/', key: 'nav.health', testid: 'nav-health', who: 'authed' },
  { href: '/calculator/', key: 'nav.calculator', testid: 'nav-calculator', who: 'all' },
  { href: '/profile/', key: 'nav.profile', testid: 'nav-profile', who: 'authed' },
];

function isActive(path: string, href: string) {
  const p = path.endsWith('/') ? path : `${path}/`;
  return href === '/' ? p === '/' : p.startsWith(href);
}

export function LangToggle({ className }: { className?: string }) {
  const { t, lang, setLang } = useT();
  const next = lang === 'ar' ? 'en' : 'ar';
  return (
    <button
      type="button"
      data-testid="lang-toggle"
      lang={next}
      aria-label={t('nav.switchLanguageLabel')}
      onClick={() => {
        void setLang(next);
        if (hasSession()) updateProfile({ language: next }).catch(() => {});
      }}
      className={cx('min-h-10 rounded-lg px-3 text-sm font-medium hover:bg-soft', className)}
    >
      {t('nav.switchLanguage')}
    </button>
  );
}

export function Nav() {
  const { t } = useT();
  const path = usePathname() || '/';
  const router = useRouter();
  const [open, setOpen] = useState(false);

  useEffect(() => setOpen(false), [path]);

  async function signOut() {
    await logout();
    setOpen(false);
    router.push('/');
  }

  const link = (it: Item, mobile: boolean) => (
    <li key={it.href} className={it.who === 'authed' ? 'only-authed' : it.who === 'guest' ? 'only-guest' : undefined}>
      <Link
        href={it.href}
        data-testid={mobile ? `${it.testid}-m` : it.testid}
        aria-current={isActive(path, it.href) ? 'page' : undefined}
        className={cx(
          'flex min-h-10 items-center rounded-lg px-3 text-sm font-medium hover:bg-soft',
          isActive(path, it.href) ? 'bg-brand-soft text-ink' : 'text-muted',
          mobile && 'w-full text-base',
        )}
      >
        {t(it.key)}
      </Link>
    </li>
  );

  const authLinks = (mobile: boolean) => (
    <>
      <li className="only-guest">
        <Link href="/signin/" data-testid={mobile ? 'nav-signin-m' : 'nav-signin'} className={cx('flex min-h-10 items-center rounded-lg px-3 text-sm font-medium hover:bg-soft', mobile && 'text-base')}>
          {t('nav.signIn')}
        </Link>
      </li>
      <li className="only-guest">
        <Link href="/signup/" data-testid={mobile ? 'nav-signup-m' : 'nav-signup'} className={cx('flex min-h-10 items-center rounded-lg bg-brand px-3 text-sm font-semibold text-on-brand hover:bg-brand-strong', mobile && 'text-base')}>
          {t('nav.signUp')}
        </Link>
      </li>
      <li className="only-authed">
        <button type="button" onClick={signOut} data-testid={mobile ? 'nav-signout-m' : 'nav-signout'} className={cx('flex min-h-10 w-full items-center rounded-lg px-3 text-sm font-medium text-muted hover:bg-soft', mobile && 'text-base')}>
          {t('nav.signOut')}
        </button>
      </li>
    </>
  );

  return (
    <header className="sticky top-0 z-30 border-b border-line bg-card/95 backdrop-blur">
      <nav aria-label={t('nav.main')} data-testid="nav" className="mx-auto flex h-14 max-w-6xl items-center gap-2 px-4">
        <Link href="/" className="me-auto flex items-center gap-2 text-lg font-bold tracking-tight" data-testid="nav-home">
          <svg aria-hidden="true" viewBox="0 0 24 24" className="size-6 text-brand" fill="currentColor">
            <path d="M12 21s-7.5-4.6-9.4-9.3C1.3 8.4 3.4 5 6.8 5c2 0 3.5 1.1 4.2 2.4h2C13.7 6.1 15.2 5 17.2 5c3.4 0 5.5 3.4 4.2 6.7C19.5 16.4 12 21 12 21z" />
          </svg>
          <span>{t('app.name')}</span>
        </Link>
        <ul className="hidden items-center gap-1 lg:flex">
          {ITEMS.map((it) => link(it, false))}
          {authLinks(false)}
        </ul>
        <LangToggle />
        <button
          type="button"
          className="inline-flex size-10 items-center justify-center rounded-lg hover:bg-soft lg:hidden"
          aria-expanded={open}
          aria-controls="mobile-menu"
          aria-label={open ? t('nav.closeMenu') : t('nav.menu')}
          data-testid="nav-menu"
          onClick={() => setOpen((o) => !o)}
        >
          <svg aria-hidden="true" viewBox="0 0 24 24" className="size-6" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round">
            {open ? <path d="M6 6l12 12M18 6 6 18" /> : <path d="M4 7h16M4 12h16M4 17h16" />}
          </svg>
        </button>
      </nav>
      <div id="mobile-menu" hidden={!open} className="border-t border-line bg-card lg:hidden">
        <ul className="mx-auto flex max-w-6xl flex-col gap-1 px-4 py-3">
          {ITEMS.map((it) => link(it, true))}
          {authLinks(true)}
        </ul>
      </div>
    </header>
  );
}
