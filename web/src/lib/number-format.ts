/**
 * Numbers as Intl.NumberFormat(locale, { maximumFractionDigits }) writes them for our two
 * locales, "en" and "ar-u-nu-latn" (Arabic with Latin digits), without constructing one.
 *
 * Why: the first Intl.NumberFormat in a page loads ICU's number data, 16-27 ms on this machine
 * and four times that on a mid-range phone, in the middle of the first render of every page that
 * shows a number (measured in Chromium 156). Both locales write Latin digits, "," between groups
 * of three and "." before the fraction; Arabic puts a left-to-right mark before the minus sign.
 * ICU rounds the shortest decimal that reads back as the same double (what String(v) gives),
 * half away from zero, so 1.005 is "1.01"; this does the same on that string. Anything String()
 * writes in exponent form (below 1e-6 or from 1e21) goes to Intl. test/number-format.test.ts
 * checks the output against Intl itself.
 */

const intlCache = new Map<string, Intl.NumberFormat>();

function viaIntl(v: number, maxFraction: number, locale: string): string {
  const key = `${locale}|${maxFraction}`;
  let f = intlCache.get(key);
  if (!f) intlCache.set(key, (f = new Intl.NumberFormat(locale, { maximumFractionDigits: maxFraction })));
  return f.format(v);
}

/** "1234567" -> "1,234,567". */
function group(int: string): string {
  let out = '';
  for (let i = 0; i < int.length; i++) {
    if (i > 0 && (int.length - i) % 3 === 0) out += ',';
    out += int[i];
  }
  return out;
}

/** Adds one to the last digit of a string of decimal digits ("199" -> "200", "99" -> "100"). */
function increment(digits: string): string {
  const d = digits.split('');
  let i = d.length - 1;
  for (; i >= 0 && d[i] === '9'; i--) d[i] = '0';
  if (i < 0) d.unshift('1');
  else d[i] = String.fromCharCode(d[i].charCodeAt(0) + 1);
  return d.join('');
}

/** v must be finite; maxFraction 0-20 as Intl allows. locale is "en" or "ar-u-nu-latn". */
export function formatNumber(v: number, maxFraction: number, locale: string): string {
  const shortest = String(Math.abs(v));
  if (shortest.includes('e')) return viaIntl(v, maxFraction, locale);
  const dot = shortest.indexOf('.');
  let int = dot < 0 ? shortest : shortest.slice(0, dot);
  let frac = dot < 0 ? '' : shortest.slice(dot + 1);
  if (frac.length > maxFraction) {
    const up = frac.charCodeAt(maxFraction) >= 53; // '5'
    frac = frac.slice(0, maxFraction);
    if (up) {
      const all = increment(int + frac);
      int = all.slice(0, all.length - frac.length);
      frac = all.slice(all.length - frac.length);
    }
  }
  frac = frac.replace(/0+$/, '');
  const negative = v < 0 || Object.is(v, -0);
  const sign = negative ? (locale.startsWith('ar') ? '\u200e-' : '-') : '';
  return sign + group(int) + (frac ? '.' + frac : '');
}
