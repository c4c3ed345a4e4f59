import { describe, expect, it } from 'vitest';
import { formatNumber } from '@/lib/number-format';

const LOCALES = ['en', 'ar-u-nu-latn'];

// A fixed pseudo-random sequence, so a failure can be reproduced.
function* numbers(count: number): Generator<number> {
  let x = 0x2545f491;
  const next = () => ((x = (Math.imul(x, 1103515245) + 12345) >>> 0), x / 2 ** 32);
  for (let i = 0; i < count; i++) {
    const magnitude = 10 ** Math.floor(next() * 12 - 4); // 1e-4 .. 1e7
    const v = next() * magnitude * (next() < 0.3 ? -1 : 1);
    yield v;
    yield Math.round(v * 100) / 100; // two decimals, where half-way cases live
    yield Math.round(v * 2) / 2;
  }
}

describe('formatNumber matches Intl.NumberFormat', () => {
  const edges = [0, -0, 0.5, -0.5, 1.5, 2.5, -2.5, 0.05, 0.15, 1.005, 1.0049999, 9.995, 99.95, 999.5, 999999.5, 1234567.891, -1234.56, 0.000001, 1e-7, 1e21, 123456789012345680000, 12, 100, 1000, 10000, 100000, 1e6, 0.1 + 0.2, 2 ** 53, Number.MAX_SAFE_INTEGER, Number.MIN_VALUE];
  for (const locale of LOCALES)
    for (const maxFraction of [0, 1, 2, 3]) {
      const intl = new Intl.NumberFormat(locale, { maximumFractionDigits: maxFraction });
      it(`${locale}, at most ${maxFraction} decimals`, () => {
        for (const v of edges) expect(formatNumber(v, maxFraction, locale), String(v)).toBe(intl.format(v));
        for (const v of numbers(3000)) expect(formatNumber(v, maxFraction, locale), String(v)).toBe(intl.format(v));
      });
    }
});
