import { describe, expect, it } from 'vitest';
import { act, render, screen } from '@testing-library/react';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import en from '../messages/en.json';
import ar from '../messages/ar.json';
import { I18nProvider, defineNs, dirFor, flatten, makeTranslator, useT } from '@/lib/i18n';
import type { MsgKey } from '@/lib/i18n';

const flat = (o: unknown) => Object.fromEntries(flatten(o));
const fe = flat(en);
const fa = flat(ar);

describe('message files', () => {
  it('have exactly the same keys', () => {
    expect(Object.keys(fa).sort()).toEqual(Object.keys(fe).sort());
  });

  it('have no empty strings', () => {
    for (const [k, v] of [...Object.entries(fe), ...Object.entries(fa)]) expect(v.trim(), k).not.toBe('');
  });

  it('use the same placeholders (plural forms may spell the number out)', () => {
    const ph = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const k of Object.keys(fe)) if (!/\.(zero|one|two|few|many)$/.test(k)) expect(ph(fa[k]), k).toEqual(ph(fe[k]));
  });

  it('give Arabic plurals every form Arabic needs', () => {
    const plurals = Object.keys(fe)
      .filter((k) => k.endsWith('.other'))
      .map((k) => k.slice(0, -'.other'.length))
      .filter((p) => `${p}.one` in fe);
    expect(plurals.length).toBeGreaterThan(3);
    for (const p of plurals) for (const form of ['zero', 'one', 'two', 'few', 'many', 'other']) expect(fa[`${p}.${form}`], `${p}.${form}`).toBeTruthy();
  });

  it('Arabic is really Arabic', () => {
    const arabic = Object.values(fa).filter((v) => /[\u0600-\u06FF]/.test(v)).length;
    expect(arabic / Object.values(fa).length).toBeGreaterThan(0.9);
  });
});

describe('translator', () => {
  const enT = makeTranslator('en', flatten(en));
  const arT = makeTranslator('ar', flatten(ar), flatten(en));

  it('interpolates and formats numbers', () => {
    expect(enT.t('common.page', { page: 2, count: 9 })).toBe('Page 2 of 9');
    expect(enT.num(12345.678, 1)).toBe('12,345.7');
    expect(arT.num(1234)).toBe('1,234'); // Latin digits in Arabic, matching what people type
  });

  it('picks Arabic plural forms', () => {
    expect(arT.tn('common.results', 0)).toBe('لا توجد نتائج');
    expect(arT.tn('common.results', 1)).toBe('نتيجة واحدة');
    expect(arT.tn('common.results', 2)).toBe('نتيجتان');
    expect(arT.tn('common.results', 5)).toBe('5 نتائج');
    expect(arT.tn('common.results', 11)).toBe('11 نتيجة');
    expect(arT.tn('common.results', 100)).toBe('100 نتيجة');
    expect(enT.tn('common.results', 1)).toBe('1 result');
    expect(enT.tn('common.results', 3)).toBe('3 results');
  });

  it('labels enum values and humanises unknown ones', () => {
    expect(enT.te('muscle', 'lower back')).toBe('Lower back');
    expect(arT.te('diet', 'vegan')).toBe('نباتي صرف');
    expect(enT.te('muscle', 'serratus_anterior')).toBe('Serratus anterior');
  });

  it('falls back to English, then to the key', () => {
    const partial = makeTranslator('ar', new Map([['common.save', 'حفظ']]), flatten(en));
    expect(partial.t('common.save')).toBe('حفظ');
    expect(partial.t('common.cancel')).toBe('Cancel');
    expect(partial.t('nope.missing' as MsgKey)).toBe('nope.missing');
  });

  it('maps language to direction', () => {
    expect(dirFor('ar')).toBe('rtl');
    expect(dirFor('en')).toBe('ltr');
  });
});

const NS = defineNs('auth', (en as Record<string, unknown>).auth ? { auth: en.auth } : {});

function Probe() {
  const { t, lang, dir, setLang } = useT(NS);
  return (
    <div>
      <p data-testid="text">{t('auth.signInTitle')}</p>
      <p data-testid="state">
        {lang}/{dir}
      </p>
      <button onClick={() => setLang(lang === 'ar' ? 'en' : 'ar')}>toggle</button>
    </div>
  );
}

describe('I18nProvider', () => {
  it('switches <html lang dir>, strings and the stored choice', async () => {
    render(
      <I18nProvider>
        <Probe />
      </I18nProvider>,
    );
    expect(screen.getByTestId('text').textContent).toBe('Welcome back');
    expect(document.documentElement.dir).toBe('ltr');

    await act(async () => screen.getByText('toggle').click());
    expect(await screen.findByText('مرحبًا بعودتك')).toBeTruthy();
    expect(screen.getByTestId('state').textContent).toBe('ar/rtl');
    expect(document.documentElement.dir).toBe('rtl');
    expect(document.documentElement.lang).toBe('ar');
    expect(localStorage.getItem('th.lang')).toBe('ar');

    await act(async () => screen.getByText('toggle').click());
    expect(screen.getByTestId('text').textContent).toBe('Welcome back');
    expect(document.documentElement.dir).toBe('ltr');
    expect(localStorage.getItem('th.lang')).toBe('en');
  });

  it('starts in the stored language and lifts the pre-paint guard', async () => {
    localStorage.setItem('th.lang', 'ar');
    document.documentElement.classList.add('lang-pending');
    render(
      <I18nProvider>
        <Probe />
      </I18nProvider>,
    );
    expect(await screen.findByText('مرحبًا بعودتك')).toBeTruthy();
    expect(document.documentElement.dir).toBe('rtl');
    expect(document.documentElement.classList.contains('lang-pending')).toBe(false);
  });
});

describe('source uses messages correctly', () => {
  // Each module must register (defineNs) the namespace of every key it uses, or the string
  // would be missing in production. Shell keys are always registered.
  const NAMESPACE_OF: Record<string, string> = {};
  const split = readFileSync(join(__dirname, '../scripts/split-messages.mjs'), 'utf8');
  const block = split.slice(split.indexOf('export const NAMESPACES'), split.indexOf('};', split.indexOf('export const NAMESPACES')));
  for (const m of block.matchAll(/(\w+): \[([^\]]*)\]/g)) for (const k of m[2].matchAll(/'([\w.]+)'/g)) NAMESPACE_OF[k[1]] = m[1];
  const nsOfKey = (key: string) => NAMESPACE_OF[key.split('.').slice(0, 2).join('.')] ?? NAMESPACE_OF[key.split('.')[0]];
  const enumGroupNs = (group: string) => NAMESPACE_OF[`enum.${group}`];

  const files: string[] = [];
  const walk = (d: string) => {
    for (const n of readdirSync(d)) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else if (p.endsWith('.tsx')) files.push(p);
    }
  };
  walk(join(__dirname, '../src/views'));
  walk(join(__dirname, '../src/components'));

  it.each(files.map((f) => [f.split('/src/')[1], f]))('%s registers what it uses', (_name, file) => {
    const src = readFileSync(file, 'utf8');
    const registered = new Set([...src.matchAll(/defineNs\('(\w+)'/g)].map((m) => m[1]));
    registered.add('shell');
    const needed = new Set<string>();
    for (const m of src.matchAll(/\bt[n]?\(\s*'([\w.]+)'/g)) {
      const ns = nsOfKey(m[1]);
      expect(ns, `unknown key ${m[1]}`).toBeTruthy();
      expect(m[1] in fe || `${m[1]}.other` in fe, `key ${m[1]} not in en.json`).toBe(true);
      needed.add(ns);
    }
    for (const m of src.matchAll(/\bte\(\s*'(\w+)'/g)) needed.add(enumGroupNs(m[1]));
    for (const ns of needed) expect(registered.has(ns), `needs defineNs('${ns}')`).toBe(true);
  });
});

describe('error messages', () => {
  it('show the server message in English and a translated one in Arabic', async () => {
    const { ApiError } = await import('@/lib/api');
    const { errorMessage, toFormErrors } = await import('@/lib/errors');
    const { setCurrentLang } = await import('@/lib/i18n-core');
    const enT = makeTranslator('en', flatten(en));
    const arT = makeTranslator('ar', flatten(ar), flatten(en));
    const e = new ApiError(422, { code: 'invalid', message: 'weight_kg must be between 20 and 400', field: 'weight_kg' });
    setCurrentLang('en');
    expect(errorMessage(e, enT.t)).toBe('Weight_kg must be between 20 and 400.');
    expect(toFormErrors(e, enT.t, ['weight_kg'])).toEqual({ fields: { weight_kg: 'Weight_kg must be between 20 and 400.' }, form: null });
    expect(toFormErrors(e, enT.t, ['name'])).toEqual({ fields: {}, form: 'Weight_kg must be between 20 and 400.' });
    setCurrentLang('ar');
    expect(errorMessage(e, arT.t)).toBe('هذه القيمة غير صالحة.');
    expect(errorMessage(new ApiError(429, { code: 'rate_limited', message: 'too many' }, 30), arT.t)).toBe('محاولات كثيرة جدًا. أعد المحاولة بعد 30 ثانية.');
    expect(errorMessage(new ApiError(0, null), arT.t)).toContain('تعذّر الوصول إلى الخادم');
    setCurrentLang('en');
  });
});
