'use client';
import { useRouter } from 'next/navigation';
import { useEffect, useState, type FormEvent } from 'react';
import { defineNs, useT } from '@/lib/i18n';
import authEn from '@/i18n/en/auth.json';
import { login, register } from '@/lib/api/auth';
import { getProfile, updateProfile } from '@/lib/api/profile';
import { storeUnits } from '@/lib/prefs';
import { safeNext, useAuth } from '@/lib/auth';
import { NO_ERRORS, toFormErrors, type FormErrors } from '@/lib/errors';
import { useTitle } from '@/lib/useTitle';
import { Button, Card, FormError, Notice, TextField } from '@/components/ui';
import { A as Link } from '@/components/A';

const NS = defineNs('auth', authEn);
const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function AuthView({ mode }: { mode: 'signin' | 'signup' }) {
  const { t, setLang, lang } = useT(NS);
  const router = useRouter();
  const { setUser } = useAuth();
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [expired, setExpired] = useState(false);
  const signup = mode === 'signup';
  // sent here by the API client after a refused refresh: say why
  useEffect(() => setExpired(!signup && new URLSearchParams(window.location.search).has('next')), [signup]);
  useTitle(signup ? t('nav.signUp') : t('nav.signIn'));

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const fd = new FormData(e.currentTarget);
    const email = String(fd.get('email') || '').trim();
    const password = String(fd.get('password') || '');
    const name = String(fd.get('name') || '').trim();
    const fields: Record<string, string> = {};
    if (signup && !name) fields.name = t('errors.required');
    if (!EMAIL_RE.test(email)) fields.email = t('errors.email');
    if (!password) fields.password = t('errors.required');
    else if (signup && password.length < 10) fields.password = t('errors.passwordShort');
    if (Object.keys(fields).length) {
      setErrors({ fields, form: null });
      return;
    }
    setBusy(true);
    setErrors(NO_ERRORS);
    try {
      const res = signup ? await register({ email, password, name }) : await login({ email, password });
      setUser(res.user);
      try {
        if (signup) {
          // A new account starts with this device's language and time zone.
          await updateProfile({ language: lang, timezone: Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC' });
        } else {
          // Signing in brings the saved language and units to this device.
          const p = await getProfile();
          if (p.units) storeUnits(p.units);
          if (p.language && p.language !== lang) await setLang(p.language);
        }
      } catch {
        /* not fatal */
      }
      const next = new URLSearchParams(window.location.search).get('next');
      router.replace(signup ? '/profile/?welcome=1' : safeNext(next));
    } catch (err) {
      setErrors(toFormErrors(err, t, ['email', 'password', 'name']));
      setBusy(false);
    }
  }

  return (
    <div className="mx-auto max-w-md">
      <Card testid={signup ? 'signup-card' : 'signin-card'}>
        <h1 className="text-2xl font-bold tracking-tight">{signup ? t('auth.signUpTitle') : t('auth.signInTitle')}</h1>
        <p className="mb-5 mt-1 text-muted">{signup ? t('auth.signUpLead') : t('auth.signInLead')}</p>
        {expired && (
          <div className="mb-4">
            <Notice testid="session-expired">{t('auth.sessionExpired')}</Notice>
          </div>
        )}
        <form noValidate onSubmit={onSubmit} className="space-y-4" data-testid={signup ? 'signup-form' : 'signin-form'}>
          {signup && <TextField label={t('auth.name')} name="name" autoComplete="name" required maxLength={100} error={errors.fields.name} data-testid="name" />}
          <TextField label={t('auth.email')} name="email" type="email" autoComplete="email" inputMode="email" required error={errors.fields.email} data-testid="email" dir="ltr" />
          <TextField
            label={t('auth.password')}
            name="password"
            type="password"
            autoComplete={signup ? 'new-password' : 'current-password'}
            required
            minLength={signup ? 10 : undefined}
            hint={signup ? t('auth.passwordHint') : undefined}
            error={errors.fields.password}
            data-testid="password"
            dir="ltr"
          />
          <FormError message={errors.form} />
          <Button type="submit" busy={busy} className="w-full" data-testid="submit">
            {busy ? t('auth.submitting') : signup ? t('auth.submitSignUp') : t('auth.submitSignIn')}
          </Button>
        </form>
        <p className="mt-5 text-center text-sm text-muted">
          {signup ? t('auth.haveAccount') : t('auth.noAccount')}{' '}
          <Link href={signup ? '/signin/' : '/signup/'} className="font-medium text-brand underline">
            {signup ? t('auth.signInInstead') : t('auth.createOne')}
          </Link>
        </p>
      </Card>
    </div>
  );
}
