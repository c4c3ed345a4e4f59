/**
 * Tiny same-origin API client.
 *
 * - Access token: in memory, mirrored to sessionStorage (survives reloads of this tab only).
 * - Refresh token: localStorage (survives restarts; rotated on every refresh).
 * - Every request carries `Authorization: Bearer <access>` when we have one.
 * - On a 401 the client calls POST /api/v1/auth/refresh once (concurrent 401s share the same
 *   refresh), stores the rotated tokens and retries the request once. If the refresh is refused,
 *   tokens are cleared and the auth-failure handler runs (by default: go to /signin/?next=...).
 * - Server errors always look like {"error":{"code","message","field"}} and surface as ApiError.
 */

export const API_BASE = '/api/v1';
export const ACCESS_KEY = 'th.access';
export const REFRESH_KEY = 'th.refresh';

export interface ApiErrorBody {
  code: string;
  message: string;
  field?: string | null;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly field: string | null;
  /** Seconds from a Retry-After header (429), if any. */
  readonly retryAfter: number | null;

  constructor(status: number, body: Partial<ApiErrorBody> | null, retryAfter: number | null = null) {
    super(body?.message || `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.code = body?.code || (status === 0 ? 'network' : `http_${status}`);
    this.field = body?.field ?? null;
    this.retryAfter = retryAfter;
  }
}

export interface TokenPair {
  access_token: string;
  refresh_token: string;
  token_type?: string;
  expires_in?: number;
}

type Listener = (signedIn: boolean) => void;

interface ClientConfig {
  fetch: typeof fetch;
  onAuthFailure: () => void;
}

function defaultAuthFailure() {
  if (typeof window === 'undefined') return;
  const here = window.location.pathname + window.location.search;
  if (window.location.pathname.startsWith('/signin')) return;
  window.location.assign('/signin/?next=' + encodeURIComponent(here));
}

const config: ClientConfig = {
  fetch: (...args) => globalThis.fetch(...args),
  onAuthFailure: defaultAuthFailure,
};

let accessToken: string | null = null;
let accessLoaded = false;
let refreshInFlight: Promise<boolean> | null = null;
const listeners = new Set<Listener>();

function safeGet(store: 'local' | 'session', key: string): string | null {
  try {
    return (store === 'local' ? localStorage : sessionStorage).getItem(key);
  } catch {
    return null;
  }
}

function safeSet(store: 'local' | 'session', key: string, value: string | null) {
  try {
    const s = store === 'local' ? localStorage : sessionStorage;
    if (value === null) s.removeItem(key);
    else s.setItem(key, value);
  } catch {
    /* storage disabled: keep in memory only */
  }
}

/** Override fetch / the auth-failure handler (tests, or the app shell). */
export function configureApi(opts: Partial<ClientConfig>) {
  Object.assign(config, opts);
}

export function getAccessToken(): string | null {
  if (!accessLoaded) {
    accessToken = safeGet('session', ACCESS_KEY);
    accessLoaded = true;
  }
  return accessToken;
}

export function getRefreshToken(): string | null {
  return safeGet('local', REFRESH_KEY);
}

export function hasSession(): boolean {
  return !!(getRefreshToken() || getAccessToken());
}

export function setTokens(pair: TokenPair) {
  accessToken = pair.access_token;
  accessLoaded = true;
  safeSet('session', ACCESS_KEY, pair.access_token);
  safeSet('local', REFRESH_KEY, pair.refresh_token);
  if (typeof document !== 'undefined') document.documentElement.classList.add('authed');
  listeners.forEach((l) => l(true));
}

export function clearTokens() {
  accessToken = null;
  accessLoaded = true;
  safeSet('session', ACCESS_KEY, null);
  safeSet('local', REFRESH_KEY, null);
  if (typeof document !== 'undefined') document.documentElement.classList.remove('authed');
  listeners.forEach((l) => l(false));
}

/** Subscribe to sign-in / sign-out transitions. Returns the unsubscribe function. */
export function onAuthChange(fn: Listener): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

export type QueryValue = string | number | boolean | null | undefined | readonly (string | number)[];

/** Builds "?a=1&b=x,y" skipping empty values; arrays become comma lists. */
export function toQuery(params?: Record<string, QueryValue>): string {
  if (!params) return '';
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === '' || v === false) continue;
    if (Array.isArray(v)) {
      if (v.length) sp.set(k, v.join(','));
    } else sp.set(k, String(v));
  }
  const s = sp.toString();
  return s ? `?${s}` : '';
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  query?: Record<string, QueryValue>;
  signal?: AbortSignal;
  /** Attach the bearer token and handle 401 by refreshing (default true). */
  auth?: boolean;
  /** Return the raw Response (downloads). */
  raw?: boolean;
  /** Run the auth-failure handler (redirect to sign-in) when the session is gone (default true). */
  redirectOnAuthFailure?: boolean;
}

async function parseError(res: Response): Promise<ApiError> {
  let body: Partial<ApiErrorBody> | null = null;
  try {
    const json = await res.json();
    body = json && typeof json === 'object' && json.error ? json.error : null;
  } catch {
    body = null;
  }
  const ra = res.headers.get('Retry-After');
  const retryAfter = ra !== null && ra.trim() !== '' && !Number.isNaN(Number(ra)) ? Number(ra) : null;
  return new ApiError(res.status, body, retryAfter);
}

async function send(path: string, opts: RequestOptions, withAuth: boolean): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  let body: BodyInit | undefined;
  if (opts.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  const token = withAuth ? getAccessToken() : null;
  if (token) headers.Authorization = `Bearer ${token}`;
  try {
    return await config.fetch(API_BASE + path + toQuery(opts.query), {
      method: opts.method || 'GET',
      headers,
      body,
      signal: opts.signal,
      credentials: 'same-origin',
      cache: 'no-store',
    });
  } catch (e) {
    if ((e as Error)?.name === 'AbortError') throw e;
    throw new ApiError(0, { code: 'network', message: 'Network error' });
  }
}

/**
 * Exchange the refresh token for a new pair. Concurrent callers share one request.
 * Resolves true when new tokens are stored; false when the server refused the token
 * (tokens are then cleared). Network failures reject (keep the session, let the caller retry).
 */
export function refreshTokens(): Promise<boolean> {
  if (refreshInFlight) return refreshInFlight;
  if (!getRefreshToken()) return Promise.resolve(false);
  // Refresh tokens are single use and presenting one twice revokes the session, so tabs take
  // turns (Web Locks) and each reads the current token only once it holds the lock.
  const locks = typeof navigator !== 'undefined' ? (navigator as Navigator & { locks?: LockManager }).locks : undefined;
  const run = async (): Promise<boolean> => {
    const refresh = getRefreshToken();
    if (!refresh) return false;
    const res = await send('/auth/refresh', { method: 'POST', body: { refresh_token: refresh } }, false);
    if (res.ok) {
      setTokens((await res.json()) as TokenPair);
      return true;
    }
    if (res.status >= 500 || res.status === 429) throw await parseError(res);
    clearTokens();
    return false;
  };
  refreshInFlight = (async () => {
    try {
      return locks?.request ? await locks.request('th-refresh', run) : await run();
    } finally {
      refreshInFlight = null;
    }
  })();
  return refreshInFlight;
}

// GETs a page starts when its code loads (while it is still hydrating) instead of when the
// component that needs the answer first renders: the first api() call for the same URL within
// EARLY_TTL_MS takes the request over, once.
const EARLY_TTL_MS = 10_000;
const early = new Map<string, { at: number; response: Promise<unknown> }>();

/** Starts GET `path` now; the next api() call for the same path and query gets its answer. */
export function prefetch(path: string, query?: Record<string, QueryValue>): void {
  const key = path + toQuery(query);
  if (early.has(key)) return;
  const response = api(path, { query });
  response.catch(() => {}); // the caller that takes it over sees the error
  early.set(key, { at: Date.now(), response });
}

function takeEarly(path: string, opts: RequestOptions): Promise<unknown> | undefined {
  if ((opts.method && opts.method !== 'GET') || opts.raw || opts.auth === false || early.size === 0) return undefined;
  const key = path + toQuery(opts.query);
  const hit = early.get(key);
  early.delete(key);
  return hit && Date.now() - hit.at < EARLY_TTL_MS ? hit.response : undefined;
}

// GETs the document itself started (scripts/paint-first.mjs, earlyData; the pages and URLs are
// in early-data.json): the response, the access token it was sent with and when it started.
interface DocumentEarly {
  at: number;
  token: string | null;
  res: Promise<Response | null>;
}
declare global {
  interface Window {
    __thEarly?: Record<string, DocumentEarly>;
  }
}

// The document's response for this GET, once, if it is recent and was sent with the token this
// request would carry.
function takeDocumentEarly(path: string, opts: RequestOptions): Promise<Response | null> | undefined {
  if (typeof window === 'undefined' || !window.__thEarly) return undefined;
  if ((opts.method && opts.method !== 'GET') || opts.raw || opts.auth === false) return undefined;
  const key = path + toQuery(opts.query);
  const hit = window.__thEarly[key];
  if (!hit) return undefined;
  delete window.__thEarly[key];
  return Date.now() - hit.at < EARLY_TTL_MS && hit.token === getAccessToken() ? hit.res : undefined;
}

/** Core request: JSON in, JSON out, typed by the caller. 204 resolves to undefined. */
export async function api<T = unknown>(path: string, opts: RequestOptions = {}): Promise<T> {
  const started = takeEarly(path, opts);
  if (started) return started as Promise<T>;
  const fromDocument = takeDocumentEarly(path, opts);
  if (fromDocument) {
    // A 200 is the answer. Anything else (an expired token, a network error) is asked again
    // below, where refreshing and error reporting live.
    const res = await fromDocument;
    if (res && res.status === 200) return readJson<T>(res);
  }
  const withAuth = opts.auth !== false;
  // New tab: the access token lives in sessionStorage, so it is gone while the refresh token
  // is still there. Refresh first instead of paying for a guaranteed 401.
  if (withAuth && !getAccessToken() && getRefreshToken()) {
    try {
      await refreshTokens();
    } catch {
      /* network trouble: fall through, the request below reports it */
    }
  }
  let res = await send(path, opts, withAuth);
  if (res.status === 401 && withAuth) {
    const hadSession = hasSession();
    let refreshed = false;
    if (getRefreshToken()) refreshed = await refreshTokens();
    if (refreshed) {
      res = await send(path, opts, true);
    }
    if (res.status === 401) {
      if (hadSession || refreshed) clearTokens();
      if (opts.redirectOnAuthFailure !== false) config.onAuthFailure();
      throw await parseError(res);
    }
  }
  if (!res.ok) throw await parseError(res);
  if (opts.raw) return res as unknown as T;
  if (res.status === 204) return undefined as T;
  return readJson<T>(res);
}

// A response's JSON body; an empty body is undefined.
async function readJson<T>(res: Response): Promise<T> {
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** For tests: forget the in-memory token so storage is re-read. */
export function __resetApiForTests() {
  accessToken = null;
  accessLoaded = false;
  refreshInFlight = null;
  early.clear();
  if (typeof window !== 'undefined') delete window.__thEarly;
  listeners.clear();
  config.fetch = (...args) => globalThis.fetch(...args);
  config.onAuthFailure = defaultAuthFailure;
}
