import { lazy, type ComponentType } from 'react';

/**
 * React.lazy with a preload() that starts fetching the chunk early (e.g. at module load when we
 * already know the visitor is signed in), so the view's code downloads in parallel with hydration
 * and its API requests instead of sitting in the page's first-load bundle.
 * A failed load is forgotten, so the error boundary's retry can try again.
 */
export function lazyWithPreload<P extends object>(load: () => Promise<ComponentType<P>>) {
  let p: Promise<{ default: ComponentType<P> }> | null = null;
  const preload = () =>
    (p ??= load().then(
      (c) => ({ default: c }),
      (e) => {
        p = null;
        throw e;
      },
    ));
  return Object.assign(
    lazy(() => preload()),
    { preload },
  );
}
