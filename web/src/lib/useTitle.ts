'use client';
import { useEffect } from 'react';

/**
 * Keep document.title in the current language (static metadata is English). Only written when
 * it differs: in Chromium each write is a round trip to the browser process (about 7 ms per page
 * load in a profile here), and in English the exported title is usually already right.
 */
export function useTitle(title: string | null | undefined) {
  useEffect(() => {
    const next = title ? `${title} · Trae Health` : null;
    if (next && document.title !== next) document.title = next;
  }, [title]);
}
