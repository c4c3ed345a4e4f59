'use client';
/**
 * In-house i18n: React context + useT(). Strings come from messages/{en,ar}.json, split per
 * namespace by scripts/split-messages.mjs (src/i18n/<lang>/<ns>.json) so a page ships only
 * what it uses.
 *
 * - A module that renders strings declares its namespaces with defineNs(), which registers the
 *   English strings at import time (they are what the static HTML is prerendered in).
 * - Arabic namespaces are lazy chunks. setLang('ar') loads every namespace registered so far
 *   before switching; a page reached later suspends in useT() until its namespace is in.
 * - The choice lives in localStorage ("th.lang"); the inline boot script in <head> applies
 *   lang/dir before first paint; this provider keeps <html lang dir> in sync afterwards.
 */
import { createContext, use, useCallback, useContext, useLayoutEffect, useMemo, useState, type ReactNode } from 'react';
import shellEn from '../i18n/en/shell.json';
import type { Lang } from './api/types';
import { dirFor, flatten, LANG_KEY, makeTranslator, setCurrentLang, type Flat, type Translator } from './i18n-core';

export * from './i18n-core';

export type Ns = 'shell' | 'home' | 'dashboard' | 'auth' | 'calculator' | 'recipes' | 'workouts' | 'meals' | 'health' | 'profile' | 'notFound' | 'enumFood' | 'enumFit' | 'enumBody';

const store: Record<Lang, Flat> = { en: new Map(), ar: new Map() };
const have: Record<Lang, Set<Ns>> = { en: new Set(), ar: new Set() };

const AR: Record<Ns, () => Promise<{ default: unknown }>> = {
  shell: () => import('../i18n/ar/shell.json'),
  home: () => import('../i18n/ar/home.json'),
  dashboard: () => import('../i18n/ar/dashboard.json'),
  auth: () => import('../i18n/ar/auth.json'),
  calculator: () => import('../i18n/ar/calculator.json'),
  recipes: () => import('../i18n/ar/recipes.json'),
  workouts: () => import('../i18n/ar/workouts.json'),
  meals: () => import('../i18n/ar/meals.json'),
  health: () => import('../i18n/ar/health.json'),
  profile: () => import('../i18n/ar/profile.json'),
  notFound: () => import('../i18n/ar/notFound.json'),
  enumFood: () => import('../i18n/ar/enumFood.json'),
  enumFit: () => import('../i18n/ar/enumFit.json'),
  enumBody: () => import('../i18n/ar/enumBody.json'),
};

/** Register a namespace's English strings (call at module top level). Returns the name for useT(). */
export function defineNs<N extends Ns>(ns: N, en: unknown): N {
  if (!have.en.has(ns)) {
    flatten(en, '', store.en);
    have.en.add(ns);
  }
  return ns;
}

defineNs('shell', shellEn);

const loading = new Map<Ns, Promise<void>>();
function loadAr(ns: Ns): Promise<void> {
  let p = loading.get(ns);
  if (!p) {
    p = AR[ns]().then((m) => {
      flatten(m.default, '', store.ar);
      have.ar.add(ns);
    });
    p.catch(() => loading.delete(ns));
    loading.set(ns, p);
  }
  return p;
}

// An already-fulfilled thenable in the shape React's use() reads synchronously.
const LOADED = Object.assign(Promise.resolve(), { status: 'fulfilled' as const, value: undefined });

const many = new Map<string, Promise<unknown>>();
/** One stable promise per set of namespaces, as use() requires. */
function loadMany(list: Ns[]): Promise<unknown> {
  const key = list.join(',');
  let p = many.get(key);
  if (!p) many.set(key, (p = Promise.all(list.map(loadAr))));
  return p;
}

/** Test hook: register Arabic strings without the dynamic import. */
export function __registerForTests(lang: Lang, ns: Ns, msgs: unknown) {
  flatten(msgs, '', store[lang]);
  have[lang].add(ns);
}

export function readStoredLang(): Lang {
  try {
    return localStorage.getItem(LANG_KEY) === 'ar' ? 'ar' : 'en';
  } catch {
    return 'en';
  }
}

export function applyLangToDocument(lang: Lang) {
  setCurrentLang(lang);
  const el = document.documentElement;
  el.lang = lang;
  el.dir = dirFor(lang);
  el.classList.remove('lang-pending');
}

interface I18nValue extends Translator {
  lang: Lang;
  dir: 'ltr' | 'rtl';
  setLang: (lang: Lang) => Promise<void>;
}

const Ctx = createContext<I18nValue | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>('en');

  const setLang = useCallback(async (next: Lang) => {
    if (next !== 'en') await Promise.all([...have.en].map(loadAr));
    try {
      localStorage.setItem(LANG_KEY, next);
    } catch {
      /* private mode: the choice lasts for this page only */
    }
    setLangState(next);
    applyLangToDocument(next);
  }, []);

  // After hydration, before paint: switch to the stored language (the static HTML is English).
  useLayoutEffect(() => {
    if (readStoredLang() === 'ar') void setLang('ar').catch(() => applyLangToDocument('en'));
    else applyLangToDocument('en');
  }, [setLang]);

  const value = useMemo<I18nValue>(
    () => ({ ...makeTranslator(lang, store[lang], store.en), lang, dir: dirFor(lang), setLang }),
    [lang, setLang],
  );
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

/** Translator for the current language; suspends until the listed namespaces are loaded. */
export function useT(...ns: Ns[]): I18nValue {
  const v = useContext(Ctx);
  if (!v) throw new Error('useT() outside <I18nProvider>');
  if (v.lang !== 'en') {
    const missing = ns.filter((n) => !have[v.lang].has(n));
    // Always call use(), also once everything is loaded: a use() that suspends
    // the first render but is skipped on the replay makes React replay the
    // mount with the update dispatcher (React error #467).
    use(missing.length ? loadMany(missing) : LOADED);
  }
  return v;
}
