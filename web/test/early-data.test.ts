import { beforeEach, describe, expect, it, vi } from 'vitest';
import { earlyData, routeOf } from '../scripts/paint-first.mjs';
import early from '@/lib/early-data.json';
import { ACCESS_KEY, REFRESH_KEY, __resetApiForTests, configureApi, setTokens } from '@/lib/api';
import { prefetchRecipes } from '@/lib/api/recipes';
import { prefetchDashboard } from '@/lib/api/dashboard';
import { recipeFiltersFromQuery } from '@/lib/filters';

const page = '<!DOCTYPE html><html><head><meta charSet="utf-8"/><title>T</title></head><body><main></main></body></html>';
type Entry = { signedIn: boolean; get: string[] };
const table = early as Record<string, Entry>;

// Runs the page's early-data script the way the browser would, with what it touches faked.
function run(html: string, search: string, access: string | null, refresh: string | null) {
  const code = html.match(/<script data-early-data="">([\s\S]*?)<\/script>/)![1];
  const requests: { url: string; auth: string | null; cache: string }[] = [];
  const window: { __thEarly?: Record<string, { token: string | null; at: number; res: Promise<unknown> }> } = {};
  const fetch = (url: string, init: { headers: Record<string, string>; cache: string }) => {
    requests.push({ url, auth: init.headers.Authorization ?? null, cache: init.cache });
    return Promise.resolve({ status: 200 });
  };
  const store = (v: Record<string, string | null>) => ({ getItem: (k: string) => v[k] ?? null });
  new Function('location', 'sessionStorage', 'localStorage', 'window', 'fetch', code)(
    { search },
    // the keys the app keeps its tokens under: renaming them there fails these tests
    store({ [ACCESS_KEY]: access }),
    store({ [REFRESH_KEY]: refresh }),
    window,
    fetch,
  );
  return { requests, started: window.__thEarly };
}

beforeEach(() => __resetApiForTests());

describe('early data (scripts/paint-first.mjs, earlyData)', () => {
  it('maps the export files to their routes', () => {
    expect(routeOf('out', 'out/index.html')).toBe('/');
    expect(routeOf('out', 'out/recipes/index.html')).toBe('/recipes/');
    expect(routeOf('out/', 'out/recipes/view/index.html')).toBe('/recipes/view/');
    expect(routeOf('out', 'out/404.html')).toBe('/404.html');
  });

  it('puts the script in the head, once, and only into listed pages', () => {
    const out = earlyData(page, table['/recipes/']);
    expect(out.indexOf('data-early-data')).toBeLessThan(out.indexOf('</head>'));
    expect(earlyData(out, table['/recipes/'])).toBe(out);
    expect(earlyData(page, undefined)).toBe(page);
  });

  it('Recipes: asks for the first page with the token the app would send, or none', () => {
    const html = earlyData(page, table['/recipes/']);
    const signedOut = run(html, '', null, null);
    expect(signedOut.requests).toEqual([{ url: '/api/v1/nutrition-data/recipes?page=1&limit=12', auth: null, cache: 'no-store' }]);
    expect(signedOut.started?.['/nutrition-data/recipes?page=1&limit=12']?.token).toBeNull();
    const signedIn = run(html, '', 'acc', 'ref');
    expect(signedIn.requests.map((r) => r.auth)).toEqual(['Bearer acc']);
    expect(signedIn.started?.['/nutrition-data/recipes?page=1&limit=12']?.token).toBe('acc');
    // a new tab (refresh token only: the app refreshes first) and a deep link ask for nothing
    expect(run(html, '', null, 'ref').requests).toEqual([]);
    expect(run(html, '?q=oat', null, null).requests).toEqual([]);
  });

  it('Dashboard: only with an access token', () => {
    const html = earlyData(page, table['/']);
    expect(run(html, '', null, null).requests).toEqual([]);
    expect(run(html, '', null, 'ref').requests).toEqual([]);
    expect(run(html, '', 'acc', 'ref').requests).toEqual([
      { url: '/api/v1/dashboard', auth: 'Bearer acc', cache: 'no-store' },
      { url: '/api/v1/actions/nutrition-summary?days=7', auth: 'Bearer acc', cache: 'no-store' },
    ]);
  });

  // The script only helps if it asks for exactly the URLs the app asks for first.
  it('lists the URLs the pages themselves request first', async () => {
    const urls: string[] = [];
    configureApi({ fetch: vi.fn(async (u: RequestInfo | URL) => (urls.push(String(u)), new Response('{}', { status: 200 }))) as unknown as typeof fetch });
    prefetchRecipes(recipeFiltersFromQuery(new URLSearchParams('')));
    expect(urls).toEqual(table['/recipes/'].get.map((u) => '/api/v1' + u));
    urls.length = 0;
    setTokens({ access_token: 'a', refresh_token: 'r' });
    prefetchDashboard();
    await Promise.resolve();
    expect(urls).toEqual(table['/'].get.map((u) => '/api/v1' + u));
  });
});
