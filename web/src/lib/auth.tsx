'use client';
import { createContext, startTransition, useContext, useEffect, useState, type ReactNode } from 'react';
import { useRouter } from 'next/navigation';
import { hasSession, onAuthChange, ApiError } from './api';
import { me } from './api/auth';
import type { User } from './api/types';

export type AuthStatus = 'loading' | 'authed' | 'guest';

interface AuthValue {
  status: AuthStatus;
  user: User | null;
  setUser: (u: User | null) => void;
}

const Ctx = createContext<AuthValue>({ status: 'loading', user: null, setUser: () => {} });

export function AuthProvider({ children }: { children: ReactNode }) {
  // 'loading' on the server and during hydration, so the prerendered HTML matches.
  const [status, setStatus] = useState<AuthStatus>('loading');
  const [user, setUser] = useState<User | null>(null);

  useEffect(() => {
    let alive = true;
    const loadMe = () => {
      me()
        .then((u) => alive && setUser(u))
        .catch((e) => {
          if (alive && e instanceof ApiError && e.status === 401) setStatus('guest');
        });
    };
    const signedIn = hasSession();
    document.documentElement.classList.toggle('authed', signedIn);
    // A transition: the prerendered HTML already shows the right variant (the boot script's
    // class), so this re-render of the whole tree after hydration can yield to the browser
    // instead of being one long task.
    startTransition(() => setStatus(signedIn ? 'authed' : 'guest'));
    if (signedIn) loadMe();
    const off = onAuthChange((on) => {
      if (!alive) return;
      setStatus(on ? 'authed' : 'guest');
      if (!on) setUser(null);
    });
    return () => {
      alive = false;
      off();
    };
  }, []);

  return <Ctx.Provider value={{ status, user, setUser }}>{children}</Ctx.Provider>;
}

export function useAuth(): AuthValue {
  return useContext(Ctx);
}

/** Same-origin path to return to after sign-in; anything else falls back to "/". */
export function safeNext(next: string | null | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  return next;
}

/** Renders children only for signed-in users; guests are sent to /signin/?next=<here>. */
export function RequireAuth({ children, fallback }: { children: ReactNode; fallback: ReactNode }) {
  const { status } = useAuth();
  const router = useRouter();
  useEffect(() => {
    if (status === 'guest') {
      router.replace('/signin/?next=' + encodeURIComponent(window.location.pathname + window.location.search));
    }
  }, [status, router]);
  return <>{status === 'authed' ? children : fallback}</>;
}
