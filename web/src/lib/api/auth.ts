import { api, clearTokens, getRefreshToken, setTokens } from '../api';
import type { AuthResponse, User } from './types';

/**
 * Registration answers 202 the same way whether or not the address already had an account (so it
 * cannot be used to find out who has one); signing in right after it is what tells success: a taken
 * address with another password gets the usual "email or password is incorrect".
 */
export async function register(body: { email: string; password: string; name: string }): Promise<AuthResponse> {
  await api('/auth/register', { method: 'POST', body, auth: false });
  return login({ email: body.email, password: body.password });
}

export async function login(body: { email: string; password: string }): Promise<AuthResponse> {
  const res = await api<AuthResponse>('/auth/login', { method: 'POST', body, auth: false });
  setTokens(res);
  return res;
}

/** Revokes the refresh token server-side (best effort) and always clears local tokens. */
export async function logout(): Promise<void> {
  const refresh = getRefreshToken();
  try {
    if (refresh) await api('/auth/logout', { method: 'POST', body: { refresh_token: refresh } });
  } catch {
    /* already invalid or offline: signing out locally is what matters */
  } finally {
    clearTokens();
  }
}

export function me(signal?: AbortSignal): Promise<User> {
  return api<User>("/auth/me", { signal, redirectOnAuthFailure: false });
}
