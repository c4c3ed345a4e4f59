import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ACCESS_KEY, REFRESH_KEY, ApiError, __resetApiForTests, api, configureApi, getAccessToken, getRefreshToken, prefetch, setTokens } from '@/lib/api';

type Handler = (url: string, init: RequestInit) => Response | Promise<Response>;

function json(status: number, body?: unknown, headers: Record<string, string> = {}) {
  return new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });
}

function mockServer(handler: Handler) {
  const calls: { url: string; method: string; auth: string | null; body: unknown }[] = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = String(input);
    const headers = new Headers(init.headers);
    calls.push({ url, method: init.method || 'GET', auth: headers.get('Authorization'), body: init.body ? JSON.parse(String(init.body)) : undefined });
    return handler(url, init);
  });
  const onAuthFailure = vi.fn();
  configureApi({ fetch: fetchMock as unknown as typeof fetch, onAuthFailure });
  return { calls, fetchMock, onAuthFailure };
}

const pair = (n: number) => ({ access_token: `access-${n}`, refresh_token: `refresh-${n}`, token_type: 'Bearer', expires_in: 900 });

beforeEach(() => {
  __resetApiForTests();
});

describe('api client', () => {
  it('attaches the bearer token and parses JSON', async () => {
    setTokens(pair(1));
    const { calls } = mockServer(() => json(200, { id: 7 }));
    await expect(api('/auth/me')).resolves.toEqual({ id: 7 });
    expect(calls[0]).toMatchObject({ url: '/api/v1/auth/me', method: 'GET', auth: 'Bearer access-1' });
  });

  it('stores the access token in sessionStorage and the refresh token in localStorage', () => {
    setTokens(pair(3));
    expect(sessionStorage.getItem(ACCESS_KEY)).toBe('access-3');
    expect(localStorage.getItem(REFRESH_KEY)).toBe('refresh-3');
    expect(localStorage.getItem(ACCESS_KEY)).toBeNull();
    expect(document.documentElement.classList.contains('authed')).toBe(true);
  });

  it('on 401 refreshes once, stores the rotated pair and retries with the new token', async () => {
    setTokens(pair(1));
    const { calls, onAuthFailure } = mockServer((url, init) => {
      if (url.endsWith('/auth/refresh')) return json(200, { user: { id: 1 }, ...pair(2) });
      const auth = new Headers(init.headers).get('Authorization');
      return auth === 'Bearer access-2' ? json(200, { ok: true }) : json(401, { error: { code: 'token_expired', message: 'expired' } });
    });
    await expect(api('/dashboard')).resolves.toEqual({ ok: true });
    expect(calls.map((c) => c.url)).toEqual(['/api/v1/dashboard', '/api/v1/auth/refresh', '/api/v1/dashboard']);
    expect(calls[1]).toMatchObject({ method: 'POST', auth: null, body: { refresh_token: 'refresh-1' } });
    expect(getAccessToken()).toBe('access-2');
    expect(getRefreshToken()).toBe('refresh-2');
    expect(onAuthFailure).not.toHaveBeenCalled();
  });

  it('shares one refresh between concurrent 401s (the refresh token rotates, so a second call would fail)', async () => {
    setTokens(pair(1));
    let refreshes = 0;
    const { calls } = mockServer(async (url, init) => {
      if (url.endsWith('/auth/refresh')) {
        refreshes++;
        await new Promise((r) => setTimeout(r, 5));
        return json(200, pair(2));
      }
      return new Headers(init.headers).get('Authorization') === 'Bearer access-2' ? json(200, { url }) : json(401, { error: { code: 'expired', message: 'x' } });
    });
    const results = await Promise.all([api('/a'), api('/b'), api('/c')]);
    expect(results).toEqual([{ url: '/api/v1/a' }, { url: '/api/v1/b' }, { url: '/api/v1/c' }]);
    expect(refreshes).toBe(1);
    expect(calls.filter((c) => c.url.endsWith('/auth/refresh'))).toHaveLength(1);
  });

  it('when the refresh is refused: clears tokens, sends to sign-in and throws', async () => {
    setTokens(pair(1));
    const { calls, onAuthFailure } = mockServer((url) => (url.endsWith('/auth/refresh') ? json(401, { error: { code: 'invalid_token', message: 'bad' } }) : json(401, { error: { code: 'expired', message: 'expired' } })));
    const err = (await api('/profile').catch((e: unknown) => e)) as ApiError;
    expect(err).toBeInstanceOf(ApiError);
    expect(err.status).toBe(401);
    expect(onAuthFailure).toHaveBeenCalledTimes(1);
    expect(getRefreshToken()).toBeNull();
    expect(getAccessToken()).toBeNull();
    // no retry after a failed refresh
    expect(calls.map((c) => c.url)).toEqual(['/api/v1/profile', '/api/v1/auth/refresh']);
  });

  it('retries only once: a second 401 after a successful refresh gives up', async () => {
    setTokens(pair(1));
    const { calls, onAuthFailure } = mockServer((url) => (url.endsWith('/auth/refresh') ? json(200, pair(2)) : json(401, { error: { code: 'nope', message: 'nope' } })));
    await expect(api('/x')).rejects.toMatchObject({ status: 401 });
    expect(calls.filter((c) => c.url.endsWith('/auth/refresh'))).toHaveLength(1);
    expect(calls.filter((c) => c.url.endsWith('/x'))).toHaveLength(2);
    expect(onAuthFailure).toHaveBeenCalledTimes(1);
  });

  it('without a refresh token a 401 goes straight to sign-in', async () => {
    const { calls, onAuthFailure } = mockServer(() => json(401, { error: { code: 'unauthorized', message: 'Sign in' } }));
    await expect(api('/meal-plans')).rejects.toMatchObject({ status: 401, code: 'unauthorized' });
    expect(calls).toHaveLength(1);
    expect(onAuthFailure).toHaveBeenCalledTimes(1);
  });

  it('a new tab (refresh token, no access token) refreshes before the first request', async () => {
    localStorage.setItem(REFRESH_KEY, 'refresh-9');
    const { calls } = mockServer((url) => (url.endsWith('/auth/refresh') ? json(200, pair(10)) : json(200, { ok: 1 })));
    await api('/dashboard');
    expect(calls.map((c) => [c.url, c.auth])).toEqual([
      ['/api/v1/auth/refresh', null],
      ['/api/v1/dashboard', 'Bearer access-10'],
    ]);
  });

  it('auth:false requests (login) never refresh or redirect on 401', async () => {
    setTokens(pair(1));
    const { calls, onAuthFailure } = mockServer(() => json(401, { error: { code: 'invalid_credentials', message: 'Wrong email or password', field: 'password' } }));
    const err = await api('/auth/login', { method: 'POST', body: { email: 'a@b.c', password: 'x' }, auth: false }).catch((e) => e);
    expect(err).toMatchObject({ status: 401, code: 'invalid_credentials', field: 'password', message: 'Wrong email or password' });
    expect(calls).toHaveLength(1);
    expect(calls[0].auth).toBeNull();
    expect(onAuthFailure).not.toHaveBeenCalled();
  });

  it('redirectOnAuthFailure:false keeps the user on the page', async () => {
    const { onAuthFailure } = mockServer(() => json(401, { error: { code: 'unauthorized', message: 'x' } }));
    await expect(api('/auth/me', { redirectOnAuthFailure: false })).rejects.toMatchObject({ status: 401 });
    expect(onAuthFailure).not.toHaveBeenCalled();
  });

  it('maps the error envelope, including the field and Retry-After', async () => {
    mockServer((url) => (url.includes('throttle') ? json(429, { error: { code: 'rate_limited', message: 'Slow down' } }, { 'Retry-After': '30' }) : json(422, { error: { code: 'invalid', message: 'must be at least 10 characters', field: 'password' } })));
    await expect(api('/auth/register', { method: 'POST', body: {}, auth: false })).rejects.toMatchObject({ status: 422, code: 'invalid', field: 'password', message: 'must be at least 10 characters' });
    await expect(api('/throttle', { auth: false })).rejects.toMatchObject({ status: 429, retryAfter: 30 });
  });

  it('network failures become ApiError status 0 and keep the session', async () => {
    setTokens(pair(1));
    configureApi({
      fetch: (() => Promise.reject(new TypeError('Failed to fetch'))) as unknown as typeof fetch,
    });
    await expect(api('/dashboard')).rejects.toMatchObject({ status: 0, code: 'network' });
    expect(getRefreshToken()).toBe('refresh-1');
  });

  it('sends JSON bodies and query strings, resolves 204 to undefined', async () => {
    setTokens(pair(1));
    const { calls } = mockServer(() => new Response(null, { status: 204 }));
    await expect(api('/health/weights', { method: 'POST', body: { weight_kg: 70 }, query: { from: '2026-01-01', empty: '', list: ['a', 'b'] } })).resolves.toBeUndefined();
    expect(calls[0].url).toBe('/api/v1/health/weights?from=2026-01-01&list=a%2Cb');
    expect(calls[0].body).toEqual({ weight_kg: 70 });
  });
});

describe('refresh across tabs', () => {
  it('takes the th-refresh Web Lock and reads the token only inside it', async () => {
    setTokens(pair(1));
    const order: string[] = [];
    const locks = {
      request: vi.fn(async (name: string, cb: () => Promise<unknown>) => {
        order.push(`lock:${name}`);
        // another tab rotated the token while we waited for the lock
        localStorage.setItem(REFRESH_KEY, 'refresh-from-other-tab');
        return cb();
      }),
    };
    Object.defineProperty(navigator, 'locks', { configurable: true, value: locks });
    try {
      const { calls } = mockServer((url, init) => {
        if (url.endsWith('/auth/refresh')) return json(200, pair(5));
        return new Headers(init.headers).get('Authorization') === 'Bearer access-5' ? json(200, {}) : json(401, { error: { code: 'unauthorized', message: 'x' } });
      });
      await api('/dashboard');
      expect(order).toEqual(['lock:th-refresh']);
      expect(calls.find((c) => c.url.endsWith('/auth/refresh'))!.body).toEqual({ refresh_token: 'refresh-from-other-tab' });
    } finally {
      Object.defineProperty(navigator, 'locks', { configurable: true, value: undefined });
    }
  });
});

describe('prefetch', () => {
  it('hands a GET started early to the next api() call for the same URL, once', async () => {
    setTokens(pair(1));
    let n = 0;
    const { calls } = mockServer(() => json(200, { n: ++n }));
    prefetch('/actions/nutrition-summary', { days: 7 });
    expect(calls.map((c) => c.url)).toEqual(['/api/v1/actions/nutrition-summary?days=7']);
    await expect(api('/actions/nutrition-summary', { query: { days: 7 } })).resolves.toEqual({ n: 1 });
    expect(calls).toHaveLength(1);
    // taken over once: the next call asks the server again
    await expect(api('/actions/nutrition-summary', { query: { days: 7 } })).resolves.toEqual({ n: 2 });
    expect(calls).toHaveLength(2);
  });

  it('is not used for another query, another method, or once it is stale', async () => {
    setTokens(pair(1));
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      const { calls } = mockServer(() => json(200, {}));
      prefetch('/dashboard');
      await api('/dashboard', { query: { days: 1 } });
      await api('/dashboard', { method: 'POST', body: {} });
      vi.setSystemTime(Date.now() + 11_000);
      await api('/dashboard');
      expect(calls.map((c) => `${c.method} ${c.url}`)).toEqual(['GET /api/v1/dashboard', 'GET /api/v1/dashboard?days=1', 'POST /api/v1/dashboard', 'GET /api/v1/dashboard']);
    } finally {
      vi.useRealTimers();
    }
  });

  it('passes an early failure on to the caller that takes it over', async () => {
    setTokens(pair(1));
    mockServer(() => json(500, { error: { code: 'internal', message: 'boom' } }));
    prefetch('/dashboard');
    await expect(api('/dashboard')).rejects.toMatchObject({ status: 500, message: 'boom' });
  });
});

describe('GETs the document started (early-data.json)', () => {
  function documentStarted(key: string, res: Response | null, token: string | null, at = Date.now()) {
    window.__thEarly = { ...(window.__thEarly ?? {}), [key]: { at, token, res: Promise.resolve(res) } };
  }

  it('answers the first GET for the same URL with it, without asking the server', async () => {
    setTokens(pair(1));
    const { calls } = mockServer(() => json(200, { from: 'server' }));
    documentStarted('/dashboard', json(200, { from: 'document' }), 'access-1');
    await expect(api('/dashboard')).resolves.toEqual({ from: 'document' });
    expect(calls).toHaveLength(0);
    await expect(api('/dashboard')).resolves.toEqual({ from: 'server' });
    expect(calls).toHaveLength(1);
  });

  it('feeds prefetch() too, so the chunk that prefetches does not ask again', async () => {
    const { calls } = mockServer(() => json(200, { from: 'server' }));
    documentStarted('/nutrition-data/recipes?page=1&limit=12', json(200, { items: [] }), null);
    prefetch('/nutrition-data/recipes', { page: 1, limit: 12 });
    await expect(api('/nutrition-data/recipes', { query: { page: 1, limit: 12 } })).resolves.toEqual({ items: [] });
    expect(calls).toHaveLength(0);
  });

  it('asks the server when the early answer is not a 200, was sent with another token, or is stale', async () => {
    setTokens(pair(2));
    const { calls } = mockServer(() => json(200, { from: 'server' }));
    documentStarted('/dashboard', json(401, { error: { code: 'unauthorized', message: 'expired' } }), 'access-2');
    documentStarted('/actions/nutrition-summary?days=7', json(200, { from: 'document' }), 'access-1');
    documentStarted('/nutrition-data/recipes?page=1&limit=12', json(200, { from: 'document' }), 'access-2', Date.now() - 11_000);
    documentStarted('/foods', null, 'access-2'); // the fetch failed
    await expect(api('/dashboard')).resolves.toEqual({ from: 'server' });
    await expect(api('/actions/nutrition-summary', { query: { days: 7 } })).resolves.toEqual({ from: 'server' });
    await expect(api('/nutrition-data/recipes', { query: { page: 1, limit: 12 } })).resolves.toEqual({ from: 'server' });
    await expect(api('/foods')).resolves.toEqual({ from: 'server' });
    expect(calls.map((c) => `${c.url} ${c.auth}`)).toEqual([
      '/api/v1/dashboard Bearer access-2',
      '/api/v1/actions/nutrition-summary?days=7 Bearer access-2',
      '/api/v1/nutrition-data/recipes?page=1&limit=12 Bearer access-2',
      '/api/v1/foods Bearer access-2',
    ]);
  });

  it('is never used for writes or raw requests', async () => {
    setTokens(pair(1));
    const { calls } = mockServer(() => json(200, { from: 'server' }));
    documentStarted('/health/water', json(200, { from: 'document' }), 'access-1');
    await api('/health/water', { method: 'POST', body: { ml: 250 } });
    expect(calls.map((c) => c.method)).toEqual(['POST']);
    expect(window.__thEarly?.['/health/water']).toBeDefined();
  });
});
