'use client';
import { useEffect } from 'react';

/** Keep document.title in the current language (static metadata is English). */
export function useTitle(title: string | null | undefined) {
  useEffect(() => {
    if (title) document.title = `${title} · Trae Health`;
  }, [title]);
}
