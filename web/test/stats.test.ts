import { describe, expect, it } from 'vitest';
import { dayNumber, movingAverage, niceScale, ratio } from '@/lib/stats';

describe('moving average', () => {
  it('averages the trailing 7 calendar days', () => {
    const pts = [70, 71, 72, 73, 74, 75, 76, 77].map((v, i) => ({ date: `2026-03-0${i + 1}`, value: v }));
    const ma = movingAverage(pts, 7);
    expect(ma[0]).toBe(70);
    expect(ma[1]).toBe(70.5);
    expect(ma[6]).toBe(73); // mean of 70..76
    expect(ma[7]).toBe(74); // 71..77: the 1st fell out of the window
  });

  it('uses dates, not point counts, when days are missing', () => {
    const pts = [
      { date: '2026-01-01', value: 80 },
      { date: '2026-01-05', value: 78 },
      { date: '2026-01-08', value: 76 }, // window 02..08: 01 is out
      { date: '2026-01-20', value: 70 }, // alone in its window
    ];
    expect(movingAverage(pts, 7)).toEqual([80, 79, 77, 70]);
  });

  it('accepts full ISO timestamps and crosses month ends', () => {
    const pts = [
      { date: '2026-01-30T07:00:00+01:00', value: 60 },
      { date: '2026-02-02T07:00:00+01:00', value: 62 },
    ];
    expect(movingAverage(pts, 7)).toEqual([60, 61]);
    expect(dayNumber('2026-02-02T23:59:00Z')! - dayNumber('2026-01-30')!).toBe(3);
  });

  it('falls back to a count window without dates', () => {
    const pts = [1, 2, 3, 4].map((v) => ({ date: 'x', value: v }));
    expect(movingAverage(pts, 2)).toEqual([1, 1.5, 2.5, 3.5]);
  });

  it('returns nothing for nothing', () => {
    expect(movingAverage([], 7)).toEqual([]);
  });
});

describe('chart helpers', () => {
  it('picks round axis bounds that contain the data', () => {
    const s = niceScale(71.3, 74.8, 4);
    expect(s.min).toBeLessThanOrEqual(71.3);
    expect(s.max).toBeGreaterThanOrEqual(74.8);
    expect([0.5, 1, 2]).toContain(s.step);
    expect(niceScale(0, 2350, 4)).toEqual({ min: 0, max: 3000, step: 1000 });
    expect(niceScale(0, 1900, 4)).toEqual({ min: 0, max: 2000, step: 500 });
    const flat = niceScale(70, 70);
    expect(flat.min).toBeLessThan(70);
    expect(flat.max).toBeGreaterThan(70);
  });

  it('clamps progress to 0..1 and handles unknown goals', () => {
    expect(ratio(500, 2000)).toBe(0.25);
    expect(ratio(3000, 2000)).toBe(1);
    expect(ratio(10, 0)).toBe(0);
  });
});
