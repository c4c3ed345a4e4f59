import { describe, expect, it, vi } from 'vitest';
import { act, render, screen, waitFor, within } from '@testing-library/react';
import type { ReactNode } from 'react';
import { I18nProvider, useT } from '@/lib/i18n';
import { NutritionLabel } from '@/components/NutritionLabel';
import { Pagination } from '@/components/Pagination';
import { LineChart, BarChart, xMapper } from '@/components/charts';

const push = vi.fn();
vi.mock('next/navigation', () => ({
  useRouter: () => ({ push, replace: push, back: vi.fn(), prefetch: vi.fn(), refresh: vi.fn() }),
  usePathname: () => '/',
  useSearchParams: () => new URLSearchParams(),
}));

const wrap = (ui: ReactNode) => render(<I18nProvider>{ui}</I18nProvider>);

function ToArabic() {
  const { setLang } = useT();
  return (
    <button type="button" onClick={() => setLang('ar')}>
      ar
    </button>
  );
}

describe('NutritionLabel', () => {
  const per = { kcal: 412, protein_g: 31.4, fat_g: 14.2, carbs_g: 38.6, fiber_g: 6.1, sugar_g: 4.4, sodium_mg: 512 };

  it('shows FDA-rounded amounts and %DV for the chosen servings', () => {
    wrap(<NutritionLabel perServing={per} servings={2} recipeServings={4} />);
    expect(screen.getByTestId('label-kcal').textContent).toBe('820');
    expect(screen.getByTestId('label-fat-amount').textContent).toBe('28g');
    expect(within(screen.getByTestId('label-fat')).getByText('36%')).toBeTruthy();
    expect(screen.getByTestId('label-sodium-amount').textContent).toBe('1,020mg');
    expect(screen.getByTestId('label-amount-for').textContent).toContain('2');
    expect(screen.getByText('4 servings per recipe')).toBeTruthy();
  });

  it('rescales when servings change', () => {
    const { rerender } = wrap(<NutritionLabel perServing={per} servings={1} recipeServings={4} />);
    expect(screen.getByTestId('label-kcal').textContent).toBe('410');
    rerender(
      <I18nProvider>
        <NutritionLabel perServing={per} servings={0.5} recipeServings={4} />
      </I18nProvider>,
    );
    expect(screen.getByTestId('label-kcal').textContent).toBe('210');
  });
});

describe('Pagination', () => {
  it('links every page, marks the current one and navigates client-side', () => {
    push.mockClear();
    wrap(<Pagination page={5} total={120} limit={12} hrefFor={(p) => `/recipes/?q=oats&page=${p}`} />);
    expect(screen.getByTestId('page-5').getAttribute('aria-current')).toBe('page');
    expect(screen.getByTestId('page-10').getAttribute('href')).toBe('/recipes/?q=oats&page=10');
    expect(screen.getByTestId('pagination-prev').getAttribute('href')).toBe('/recipes/?q=oats&page=4');
    expect(screen.getByTestId('page-status').textContent).toBe('Page 5 of 10');
    act(() => screen.getByTestId('pagination-next').click());
    expect(push).toHaveBeenCalledWith('/recipes/?q=oats&page=6', undefined);
  });

  it('renders nothing for a single page', () => {
    wrap(<Pagination page={1} total={5} limit={12} hrefFor={() => '/'} />);
    expect(screen.queryByTestId('pagination')).toBeNull();
  });
});

describe('charts', () => {
  it('maps x to the right in LTR and mirrors it in RTL', () => {
    const ltr = xMapper(300, 40, 10, false);
    const rtl = xMapper(300, 40, 10, true);
    expect(ltr(0)).toBe(40);
    expect(ltr(1)).toBe(290);
    expect(rtl(0)).toBe(260);
    expect(rtl(1)).toBe(10);
  });

  function firstAndLastX(testid: string) {
    const circles = [...screen.getByTestId(testid).querySelectorAll('g[data-series="raw"] circle')];
    return [Number(circles[0].getAttribute('cx')), Number(circles[circles.length - 1].getAttribute('cx'))];
  }

  it('draws time left-to-right in English and right-to-left in Arabic', async () => {
    Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => 400 });
    const series = [{ name: 'raw', color: 'red', dots: true, points: [
      { date: '2026-03-01', value: 70 },
      { date: '2026-03-05', value: 71 },
      { date: '2026-03-09', value: 70.5 },
    ] }];
    wrap(
      <>
        <ToArabic />
        <LineChart testid="chart" label="Weight" series={series} format={String} />
      </>,
    );
    const [a, b] = firstAndLastX('chart');
    expect(a).toBeLessThan(b);
    await act(async () => screen.getByText('ar').click());
    await waitFor(() => expect(document.documentElement.dir).toBe('rtl'));
    const [c, d] = firstAndLastX('chart');
    expect(c).toBeGreaterThan(d);
  });

  it('stacks bar segments and reserves its height before measuring', () => {
    Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => 300 });
    wrap(<BarChart testid="bars" label="Macros" height={180} format={String} data={[{ key: 'd1', label: 'Mon', segments: [ { name: 'p', color: 'blue', value: 400 }, { name: 'f', color: 'orange', value: 600 } ] }]} />);
    const box = screen.getByTestId('bars').firstElementChild as HTMLElement;
    expect(box.style.height).toBe('180px');
    const rects = screen.getByTestId('bars').querySelectorAll('rect');
    expect(rects).toHaveLength(2);
    const [r1, r2] = [...rects].map((r) => ({ y: Number(r.getAttribute('y')), h: Number(r.getAttribute('height')) }));
    expect(r2.y + r2.h).toBeCloseTo(r1.y, 5); // second segment sits on top of the first
    expect(r2.h / r1.h).toBeCloseTo(1.5, 5);
  });
});
