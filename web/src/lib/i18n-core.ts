/** Framework-free i18n core: message lookup, interpolation, plurals, direction. */
import type en from '../../messages/en.json';
import type { Lang } from './api/types';
import { formatNumber } from './number-format';

export type Messages = typeof en;

type PluralForms = { other: string };
type Join<P extends string, K extends string> = P extends '' ? K : `${P}.${K}`;

/** Every dotted path to a plain string in en.json. */
export type MsgKey<T = Messages, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? Join<P, K> : T[K] extends PluralForms ? never : MsgKey<T[K], Join<P, K>>;
}[keyof T & string];

/** Every dotted path to a plural object ({zero?, one, two?, few?, many?, other}). */
export type PluralKey<T = Messages, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? never : T[K] extends PluralForms ? Join<P, K> : PluralKey<T[K], Join<P, K>>;
}[keyof T & string];

export type EnumGroup = keyof Messages['enum'];

export type Vars = Record<string, string | number>;
export type Flat = Map<string, string>;

export const LANGS: readonly Lang[] = ['en', 'ar'];

let current: Lang = 'en';
/** The language on screen, for code outside React (error messages). Set by the provider. */
export function getCurrentLang(): Lang {
  return current;
}
export function setCurrentLang(lang: Lang) {
  current = lang;
}
export const LANG_KEY = 'th.lang';

export function dirFor(lang: Lang): 'ltr' | 'rtl' {
  return lang === 'ar' ? 'rtl' : 'ltr';
}

/** Locale used for Intl formatting: Arabic with Latin digits so numbers match what people type. */
export function intlLocale(lang: Lang): string {
  return lang === 'ar' ? 'ar-u-nu-latn' : 'en';
}

export function flatten(obj: unknown, prefix = '', out: Flat = new Map()): Flat {
  if (obj && typeof obj === 'object') {
    for (const [k, v] of Object.entries(obj as Record<string, unknown>)) {
      const key = prefix ? `${prefix}.${k}` : k;
      if (typeof v === 'string') out.set(key, v);
      else flatten(v, key, out);
    }
  }
  return out;
}

export function interpolate(s: string, vars?: Vars): string {
  if (!vars) return s;
  return s.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}

export interface Translator {
  t: (key: MsgKey, vars?: Vars) => string;
  tn: (key: PluralKey, count: number, vars?: Vars) => string;
  /** Enum value label (diets, muscles, …); falls back to the value made readable. */
  te: (group: EnumGroup, value: string | null | undefined) => string;
  num: (v: number | null | undefined, maxFraction?: number) => string;
}

export function humanize(v: string): string {
  const s = v.replace(/_/g, ' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export function makeTranslator(lang: Lang, msgs: Flat, fallback?: Flat): Translator {
  const plural = new Intl.PluralRules(lang);
  const locale = intlLocale(lang);
  // Maps are read at call time: namespaces loaded later are picked up on the next render.
  const get = (k: string) => msgs.get(k) ?? fallback?.get(k);
  // formatNumber writes what Intl.NumberFormat would, without its 16-27 ms first construction.
  const num = (v: number | null | undefined, maxFraction = 0) => {
    if (v === null || v === undefined || !Number.isFinite(v)) return get('common.unknown') ?? '—';
    return formatNumber(v, maxFraction, locale);
  };
  return {
    t: (key, vars) => interpolate(get(key) ?? key, vars),
    tn: (key, count, vars) => {
      const exact = count === 0 ? get(`${key}.zero`) : undefined;
      const form = exact ?? get(`${key}.${plural.select(count)}`) ?? get(`${key}.other`) ?? key;
      return interpolate(form, { count: num(count), ...vars });
    },
    te: (group, value) => (value ? (get(`enum.${group}.${value}`) ?? humanize(value)) : ''),
    num,
  };
}
