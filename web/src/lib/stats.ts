/** Day number (days since 1970-01-01) of the calendar date part of "YYYY-MM-DD[...]". */
export function dayNumber(date: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  if (!m) return null;
  return Math.round(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / 86400000);
}

/**
 * Trailing moving average over a calendar window: the value at a point is the mean of all
 * points whose date lies within the `windowDays` days ending on that point's date (inclusive).
 * Gaps in logging therefore shrink the sample instead of stretching the window.
 * Input must be sorted by date ascending. Points without a parseable date fall back to a
 * count-based window.
 */
export function movingAverage(points: { date: string; value: number }[], windowDays = 7): number[] {
  const days = points.map((p) => dayNumber(p.date));
  const out: number[] = [];
  let lo = 0;
  let sum = 0;
  for (let i = 0; i < points.length; i++) {
    sum += points[i].value;
    const di = days[i];
    if (di === null) {
      while (i - lo + 1 > windowDays) sum -= points[lo++].value;
    } else {
      while (lo < i && (days[lo] === null || di - (days[lo] as number) >= windowDays)) sum -= points[lo++].value;
    }
    out.push(sum / (i - lo + 1));
  }
  return out;
}

export function clamp(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, v));
}

/** Share of a goal reached, 0..1 (0 when the goal is unknown). */
export function ratio(value: number, goal: number): number {
  return goal > 0 ? clamp(value / goal, 0, 1) : 0;
}

/** "Nice" upper bound and tick step for a chart axis. */
export function niceScale(min: number, max: number, ticks = 4): { min: number; max: number; step: number } {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return { min: 0, max: 1, step: 0.25 };
  if (max === min) {
    const pad = Math.abs(max) * 0.05 || 1;
    min -= pad;
    max += pad;
  }
  const raw = (max - min) / ticks;
  const mag = Math.pow(10, Math.floor(Math.log10(raw)));
  const norm = raw / mag;
  const step = (norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 2.5 ? 2.5 : norm <= 5 ? 5 : 10) * mag;
  return { min: Math.floor(min / step) * step, max: Math.ceil(max / step) * step, step };
}
