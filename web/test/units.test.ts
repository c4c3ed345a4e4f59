import { describe, expect, it } from 'vitest';
import { cmToFtIn, cmToIn, flOzToMl, fromDisplay, ftInToCm, kgToLb, lbToKg, massParts, mlToFlOz, round, toDisplay, unitLabel } from '@/lib/units';
import { parseDecimal } from '@/lib/parse';

describe('unit conversion', () => {
  it('converts weight, length and volume exactly', () => {
    expect(kgToLb(1)).toBeCloseTo(2.20462, 5);
    expect(lbToKg(100)).toBeCloseTo(45.359237, 6);
    expect(cmToIn(2.54)).toBe(1);
    expect(mlToFlOz(29.5735295625)).toBeCloseTo(1, 10);
    expect(flOzToMl(8)).toBeCloseTo(236.588, 3);
  });

  it('round-trips display values through metric', () => {
    for (const v of [0.5, 70, 123.4, 400]) {
      expect(fromDisplay('weight', toDisplay('weight', v, 'imperial'), 'imperial')).toBeCloseTo(v, 9);
      expect(fromDisplay('length', toDisplay('length', v, 'imperial'), 'imperial')).toBeCloseTo(v, 9);
      expect(fromDisplay('volume', toDisplay('volume', v, 'imperial'), 'imperial')).toBeCloseTo(v, 9);
      expect(toDisplay('weight', v, 'metric')).toBe(v);
    }
  });

  it('splits centimetres into feet and inches, carrying 12 inches', () => {
    expect(cmToFtIn(180)).toEqual({ ft: 5, in: 10.9 });
    expect(cmToFtIn(182.88)).toEqual({ ft: 6, in: 0 });
    expect(cmToFtIn(182.8)).toEqual({ ft: 6, in: 0 }); // 71.97 in rounds to 72.0 -> 6 ft 0 in, never "5 ft 12 in"
    expect(round(ftInToCm(5, 10), 2)).toBe(177.8);
  });

  it('labels units per system', () => {
    expect(unitLabel('weight', 'metric')).toBe('kg');
    expect(unitLabel('weight', 'imperial')).toBe('lb');
    expect(unitLabel('length', 'imperial')).toBe('in');
    expect(unitLabel('volume', 'imperial')).toBe('fl oz');
  });

  it('formats grocery masses for shopping', () => {
    expect(massParts(250, 'metric')).toEqual({ value: 250, unit: 'g' });
    expect(massParts(1250, 'metric')).toEqual({ value: 1.25, unit: 'kg' });
    expect(massParts(100, 'imperial')).toEqual({ value: 3.5, unit: 'oz' });
    expect(massParts(907.18474, 'imperial')).toEqual({ value: 2, unit: 'lb' });
  });

  it('parses what people type, in either language', () => {
    expect(parseDecimal('72.5')).toBe(72.5);
    expect(parseDecimal(' 72,5 ')).toBe(72.5);
    expect(parseDecimal('٧٢٫٥')).toBe(72.5);
    expect(parseDecimal('۱۸۰')).toBe(180);
    expect(parseDecimal('')).toBeNull();
    expect(parseDecimal('12abc')).toBeNull();
    expect(parseDecimal('1e3')).toBeNull();
  });
});
