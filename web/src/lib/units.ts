/** Unit conversion. The API stores everything metric; the UI converts at the edges. */
import type { Units } from './api/types';
export { parseDecimal } from './parse';

export const KG_PER_LB = 0.45359237;
export const CM_PER_IN = 2.54;
export const ML_PER_FLOZ = 29.5735295625;

export const kgToLb = (kg: number) => kg / KG_PER_LB;
export const lbToKg = (lb: number) => lb * KG_PER_LB;
export const cmToIn = (cm: number) => cm / CM_PER_IN;
export const inToCm = (inch: number) => inch * CM_PER_IN;
export const mlToFlOz = (ml: number) => ml / ML_PER_FLOZ;
export const flOzToMl = (oz: number) => oz * ML_PER_FLOZ;

/** 180 cm -> { ft: 5, in: 10.9 } (inches rounded to 0.1, carrying 12 in into a foot). */
export function cmToFtIn(cm: number): { ft: number; in: number } {
  const total = Math.round(cmToIn(cm) * 10) / 10;
  let ft = Math.floor(total / 12);
  let inch = Math.round((total - ft * 12) * 10) / 10;
  if (inch >= 12) {
    ft += 1;
    inch -= 12;
  }
  return { ft, in: inch };
}

export const ftInToCm = (ft: number, inch: number) => inToCm(ft * 12 + inch);

export function round(v: number, digits = 1): number {
  const f = Math.pow(10, digits);
  return Math.round(v * f) / f;
}

export type Quantity = 'weight' | 'length' | 'volume';

/** Metric value -> number shown in the user's units. */
export function toDisplay(q: Quantity, metric: number, units: Units): number {
  if (units === 'metric') return metric;
  return q === 'weight' ? kgToLb(metric) : q === 'length' ? cmToIn(metric) : mlToFlOz(metric);
}

/** Number typed in the user's units -> metric value for the API. */
export function fromDisplay(q: Quantity, value: number, units: Units): number {
  if (units === 'metric') return value;
  return q === 'weight' ? lbToKg(value) : q === 'length' ? inToCm(value) : flOzToMl(value);
}

export function unitLabel(q: Quantity, units: Units): string {
  if (q === 'weight') return units === 'metric' ? 'kg' : 'lb';
  if (q === 'length') return units === 'metric' ? 'cm' : 'in';
  return units === 'metric' ? 'ml' : 'fl oz';
}


export const G_PER_OZ = 28.349523125;

/** Grocery amounts: g/kg (metric) or oz/lb (imperial), rounded for shopping. */
export function massParts(grams: number, units: Units): { value: number; unit: 'g' | 'kg' | 'oz' | 'lb' } {
  if (units === 'metric') return grams >= 1000 ? { value: round(grams / 1000, 2), unit: 'kg' } : { value: Math.round(grams), unit: 'g' };
  const oz = grams / G_PER_OZ;
  return oz >= 16 ? { value: round(oz / 16, 2), unit: 'lb' } : { value: round(oz, 1), unit: 'oz' };
}
