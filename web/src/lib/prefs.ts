'use client';
import { useEffect, useState } from 'react';
import type { Units } from './api/types';

export const UNITS_KEY = 'th.units';

export function readUnits(): Units {
  try {
    return localStorage.getItem(UNITS_KEY) === 'imperial' ? 'imperial' : 'metric';
  } catch {
    return 'metric';
  }
}

export function storeUnits(u: Units) {
  try {
    localStorage.setItem(UNITS_KEY, u);
  } catch {
    /* ignore */
  }
  window.dispatchEvent(new Event('th-units'));
}

/** The display units (from the profile, cached locally so every page knows them at once). */
export function useUnits(): Units {
  const [u, setU] = useState<Units>('metric');
  useEffect(() => {
    const sync = () => setU(readUnits());
    sync();
    window.addEventListener('th-units', sync);
    window.addEventListener('storage', sync);
    return () => {
      window.removeEventListener('th-units', sync);
      window.removeEventListener('storage', sync);
    };
  }, []);
  return u;
}
