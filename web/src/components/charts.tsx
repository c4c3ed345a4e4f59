'use client';
/**
 * Hand-written SVG charts (no charting library). Every chart reserves its height up front
 * (no layout shift), measures its width to keep text crisp at phone sizes, and mirrors its
 * x axis in right-to-left languages so time runs right -> left in Arabic.
 */
import { useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { useT } from '@/lib/i18n';
import { intlLocale } from '@/lib/i18n-core';
import { clamp, dayNumber, niceScale, ratio } from '@/lib/stats';
import { cx } from './ui';

const useIsoLayoutEffect = typeof window === 'undefined' ? useEffect : useLayoutEffect;

function useWidth<T extends HTMLElement>(): [React.RefObject<T | null>, number] {
  const ref = useRef<T>(null);
  const [w, setW] = useState(0);
  useIsoLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    setW(el.clientWidth);
    if (typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver((entries) => setW(Math.round(entries[0].contentRect.width)));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  return [ref, w];
}

/** Map a fraction 0..1 along the x axis to a pixel, mirrored for RTL. */
export function xMapper(width: number, padStart: number, padEnd: number, rtl: boolean) {
  const plot = Math.max(1, width - padStart - padEnd);
  return (f: number) => (rtl ? width - padStart - f * plot : padStart + f * plot);
}

const dateFmtCache = new Map<string, Intl.DateTimeFormat>();
export function shortDate(date: string, lang: 'en' | 'ar'): string {
  const dn = dayNumber(date);
  if (dn === null) return date;
  const key = lang;
  let f = dateFmtCache.get(key);
  if (!f) dateFmtCache.set(key, (f = new Intl.DateTimeFormat(intlLocale(lang), { month: 'short', day: 'numeric', timeZone: 'UTC' })));
  return f.format(new Date(dn * 86400000));
}

export interface LineSeries {
  name: string;
  color: string;
  points: { date: string; value: number | null }[];
  dashed?: boolean;
  dots?: boolean;
  strokeWidth?: number;
}

function Legend({ items }: { items: { name: string; color: string; dashed?: boolean }[] }) {
  return (
    <ul className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-xs text-muted">
      {items.map((s) => (
        <li key={s.name} className="flex items-center gap-1.5">
          <svg aria-hidden="true" width="18" height="6">
            <line x1="0" y1="3" x2="18" y2="3" stroke={s.color} strokeWidth="3" strokeDasharray={s.dashed ? '4 3' : undefined} />
          </svg>
          {s.name}
        </li>
      ))}
    </ul>
  );
}

export function LineChart({ series, height = 220, format, label, testid }: { series: LineSeries[]; height?: number; format: (v: number) => string; label: string; testid?: string }) {
  const { lang, dir } = useT();
  const rtl = dir === 'rtl';
  const [ref, width] = useWidth<HTMLDivElement>();
  const all = series.flatMap((s) => s.points.filter((p) => p.value !== null && dayNumber(p.date) !== null));
  const days = all.map((p) => dayNumber(p.date) as number);
  const vals = all.map((p) => p.value as number);
  const d0 = Math.min(...days);
  const d1 = Math.max(...days);
  const scale = niceScale(Math.min(...vals), Math.max(...vals), 4);
  const padTop = 10;
  const padBottom = 26;
  const padStart = 44;
  const padEnd = 14;
  const plotH = height - padTop - padBottom;
  const X = xMapper(width, padStart, padEnd, rtl);
  const fx = (d: number) => (d1 === d0 ? 0.5 : (d - d0) / (d1 - d0));
  const Y = (v: number) => padTop + (1 - (v - scale.min) / (scale.max - scale.min || 1)) * plotH;
  const ticks: number[] = [];
  for (let v = scale.min; v <= scale.max + scale.step / 2; v += scale.step) ticks.push(Number(v.toFixed(6)));
  const xTicks = d1 === d0 ? [d0] : [d0, Math.round((d0 + d1) / 2), d1];
  const iso = (dn: number) => new Date(dn * 86400000).toISOString().slice(0, 10);

  return (
    <figure data-testid={testid} className="m-0">
      <div ref={ref} style={{ height }} className="w-full">
        {width > 0 && all.length > 0 && (
          <svg role="img" aria-label={label} width={width} height={height} viewBox={`0 0 ${width} ${height}`} direction="ltr" className="block overflow-visible text-muted">
            {ticks.map((v) => (
              <g key={v}>
                <line x1={X(0)} x2={X(1)} y1={Y(v)} y2={Y(v)} stroke="var(--color-line)" strokeWidth="1" />
                <text x={rtl ? width - padStart + 6 : padStart - 6} y={Y(v)} dy="0.32em" textAnchor={rtl ? 'start' : 'end'} fontSize="11" fill="currentColor">
                  {format(v)}
                </text>
              </g>
            ))}
            {xTicks.map((d, i) => (
              <text key={d} x={X(fx(d))} y={height - 6} fontSize="11" fill="currentColor" textAnchor={xTicks.length === 1 ? 'middle' : i === 0 ? (rtl ? 'end' : 'start') : i === xTicks.length - 1 ? (rtl ? 'start' : 'end') : 'middle'}>
                {shortDate(iso(d), lang)}
              </text>
            ))}
            {series.map((s) => {
              const pts = s.points.filter((p) => p.value !== null && dayNumber(p.date) !== null).map((p) => [X(fx(dayNumber(p.date) as number)), Y(p.value as number)] as const);
              if (!pts.length) return null;
              const d = pts.map(([x, y], i) => `${i ? 'L' : 'M'}${x.toFixed(1)},${y.toFixed(1)}`).join('');
              return (
                <g key={s.name} data-series={s.name}>
                  {pts.length > 1 && <path d={d} fill="none" stroke={s.color} strokeWidth={s.strokeWidth ?? 2} strokeLinejoin="round" strokeLinecap="round" strokeDasharray={s.dashed ? '5 4' : undefined} />}
                  {(s.dots || pts.length === 1) && pts.map(([x, y], i) => <circle key={i} cx={x} cy={y} r="3" fill={s.color} />)}
                </g>
              );
            })}
          </svg>
        )}
      </div>
      <Legend items={series} />
    </figure>
  );
}

export interface BarDatum {
  key: string;
  label: string;
  segments: { value: number; color: string; name: string }[];
}

export function BarChart({ data, height = 200, format, label, target, testid, legend }: { data: BarDatum[]; height?: number; format: (v: number) => string; label: string; target?: number | null; testid?: string; legend?: { name: string; color: string }[] }) {
  const { dir } = useT();
  const rtl = dir === 'rtl';
  const [ref, width] = useWidth<HTMLDivElement>();
  const totals = data.map((d) => d.segments.reduce((a, s) => a + Math.max(0, s.value), 0));
  const scale = niceScale(0, Math.max(target ?? 0, ...totals, 1), 4);
  const padTop = 10;
  const padBottom = 24;
  const padStart = 44;
  const padEnd = 8;
  const plotH = height - padTop - padBottom;
  const X = xMapper(width, padStart, padEnd, rtl);
  const n = Math.max(1, data.length);
  const slot = (width - padStart - padEnd) / n;
  const barW = clamp(slot * 0.62, 4, 40);
  const Y = (v: number) => padTop + (1 - v / (scale.max || 1)) * plotH;
  const ticks: number[] = [];
  for (let v = 0; v <= scale.max + scale.step / 2; v += scale.step) ticks.push(Number(v.toFixed(6)));
  const labelEvery = Math.ceil(n / Math.max(1, Math.floor((width - padStart) / 44)));

  return (
    <figure data-testid={testid} className="m-0">
      <div ref={ref} style={{ height }} className="w-full">
        {width > 0 && (
          <svg role="img" aria-label={label} width={width} height={height} viewBox={`0 0 ${width} ${height}`} direction="ltr" className="block text-muted">
            {ticks.map((v) => (
              <g key={v}>
                <line x1={X(0)} x2={X(1)} y1={Y(v)} y2={Y(v)} stroke="var(--color-line)" />
                <text x={rtl ? width - padStart + 6 : padStart - 6} y={Y(v)} dy="0.32em" textAnchor={rtl ? 'start' : 'end'} fontSize="11" fill="currentColor">
                  {format(v)}
                </text>
              </g>
            ))}
            {data.map((d, i) => {
              const cx = X((i + 0.5) / n);
              let acc = 0;
              return (
                <g key={d.key} data-bar={d.key}>
                  {d.segments.map((s) => {
                    const v = Math.max(0, s.value);
                    const y = Y(acc + v);
                    const h = Y(acc) - y;
                    acc += v;
                    return h > 0 ? <rect key={s.name} x={cx - barW / 2} y={y} width={barW} height={h} rx="2" fill={s.color} /> : null;
                  })}
                  {i % labelEvery === 0 && (
                    <text x={cx} y={height - 6} fontSize="11" textAnchor="middle" fill="currentColor">
                      {d.label}
                    </text>
                  )}
                </g>
              );
            })}
            {target ? <line x1={X(0)} x2={X(1)} y1={Y(target)} y2={Y(target)} stroke="var(--color-ink)" strokeDasharray="4 4" strokeWidth="1.5" /> : null}
          </svg>
        )}
      </div>
      {legend && <Legend items={legend} />}
    </figure>
  );
}

/** Circular progress. Fills clockwise in LTR and counter-clockwise in RTL. */
export function Ring({ value, goal, color, children, label, testid, size = 112 }: { value: number; goal: number; color: string; children?: ReactNode; label: string; testid?: string; size?: number }) {
  const { dir } = useT();
  const r = 46;
  const c = 2 * Math.PI * r;
  const f = ratio(value, goal);
  return (
    <div data-testid={testid} className="relative shrink-0" style={{ width: size, height: size }}>
      <svg role="img" aria-label={label} viewBox="0 0 112 112" width={size} height={size}>
        <circle cx="56" cy="56" r={r} fill="none" stroke="var(--color-soft)" strokeWidth="10" />
        <circle
          cx="56"
          cy="56"
          r={r}
          fill="none"
          stroke={color}
          strokeWidth="10"
          strokeLinecap="round"
          strokeDasharray={`${(f * c).toFixed(2)} ${c.toFixed(2)}`}
          transform={dir === 'rtl' ? 'translate(112 0) scale(-1 1) rotate(-90 56 56)' : 'rotate(-90 56 56)'}
        />
      </svg>
      <div className="absolute inset-0 flex flex-col items-center justify-center text-center leading-tight">{children}</div>
    </div>
  );
}

/** Horizontal progress bar; grows from the inline start, so it mirrors in RTL for free. */
export function ProgressBar({ value, goal, color, label, testid }: { value: number; goal: number; color: string; label: string; testid?: string }) {
  const f = ratio(value, goal);
  const over = goal > 0 && value > goal * 1.05;
  return (
    <div
      data-testid={testid}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={goal || 100}
      aria-valuenow={Math.round(value)}
      className="h-2.5 w-full overflow-hidden rounded-full bg-soft"
    >
      <div className={cx('h-full rounded-full transition-[width]', over && 'opacity-70')} style={{ width: `${(f * 100).toFixed(1)}%`, background: color }} />
    </div>
  );
}

/** Labelled horizontal bars (e.g. workouts by muscle group). */
export function HBarList({ items, color, format, testid }: { items: { key: string; label: string; value: number }[]; color: string; format: (v: number) => string; testid?: string }) {
  const max = Math.max(1, ...items.map((i) => i.value));
  return (
    <ul data-testid={testid} className="space-y-2">
      {items.map((i) => (
        <li key={i.key} className="grid grid-cols-[7rem_1fr_auto] items-center gap-2 text-sm sm:grid-cols-[9rem_1fr_auto]">
          <span className="truncate">{i.label}</span>
          <span className="h-2.5 overflow-hidden rounded-full bg-soft">
            <span className="block h-full rounded-full" style={{ width: `${((i.value / max) * 100).toFixed(1)}%`, background: color }} />
          </span>
          <span className="tabular text-muted">{format(i.value)}</span>
        </li>
      ))}
    </ul>
  );
}
