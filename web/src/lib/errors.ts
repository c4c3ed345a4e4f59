import { ApiError } from './api';
import { getCurrentLang, type MsgKey, type Translator } from './i18n-core';

/** Server messages are plain English ("email or password is incorrect"): tidy them for display. */
function sentence(s: string): string {
  const t = s.trim();
  if (!t) return t;
  return t.charAt(0).toUpperCase() + t.slice(1) + (/[.!?]$/.test(t) ? '' : '.');
}

/** Human message for any thrown value, in the current language where we can. */
export function errorMessage(e: unknown, t: Translator['t']): string {
  if (e instanceof ApiError) {
    if (e.status === 0) return t('errors.network');
    if (e.status === 429) return e.retryAfter ? t('errors.throttled', { seconds: e.retryAfter }) : t('errors.throttledShort');
    if (e.status >= 500) return t('errors.server');
    // In English the server's own message is the most precise; other languages get a
    // translated message for the error code.
    if (getCurrentLang() !== 'en' || !e.message || e.message === `HTTP ${e.status}`) {
      const key = `errors.code.${e.code}` as MsgKey;
      const msg = t(key);
      return msg === key ? t('errors.loadFailed') : msg;
    }
    return sentence(e.message);
  }
  return t('errors.loadFailed');
}

export interface FormErrors {
  fields: Record<string, string>;
  form: string | null;
}

export const NO_ERRORS: FormErrors = { fields: {}, form: null };

/** Server error -> message next to the named field (if the form has it), else a form-level message. */
export function toFormErrors(e: unknown, t: Translator['t'], knownFields: readonly string[]): FormErrors {
  const msg = errorMessage(e, t);
  if (e instanceof ApiError && e.field) {
    // "macros.protein_pct" -> try the full path, then the first segment
    const f = knownFields.includes(e.field) ? e.field : knownFields.find((k) => e.field!.split(/[.[]/)[0] === k);
    if (f) return { fields: { [f]: msg }, form: null };
  }
  return { fields: {}, form: msg };
}
