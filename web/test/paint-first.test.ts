import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { inlineStylesheets, pageScripts, paintFirst } from '../scripts/paint-first.mjs';
import { metadata } from '@/app/layout';

// A page shaped like Next's export: async chunks in <head>, one preloaded
// chunk, the noModule polyfill, inline bootstrap scripts and one at the end.
const page =
  '<!DOCTYPE html><html><head><link rel="stylesheet" href="/_next/static/chunks/app.css" data-precedence="next"/>' +
  '<link rel="preload" as="script" fetchPriority="low" href="/_next/static/chunks/late.js"/>' +
  '<script src="/_next/static/chunks/a.js" async=""></script><script src="/_next/static/chunks/b.js" async=""></script>' +
  '<script>document.documentElement.dataset.x="1"</script><script src="/_next/static/chunks/poly.js" noModule=""></script>' +
  '</head><body><main><h1>Hi</h1></main><script>self.__next_f=[]</script>' +
  '<script src="/_next/static/chunks/late.js" async=""></script></body></html>';

// Runs the loader the way the browser would, with the hooks it uses faked.
function runLoader(html: string, visibility: 'visible' | 'hidden', fcpAlreadyReported = false, htmlClasses: string[] = []) {
  const code = html.match(/<script data-paint-first="">([\s\S]*?)<\/script>/)![1];
  const inserted: string[] = [];
  const observers: ((list: { getEntriesByName(n: string): unknown[] }) => void)[] = [];
  const frames: (() => void)[] = [];
  const timers: (() => void)[] = [];
  const listeners: (() => void)[] = [];
  const document = {
    visibilityState: visibility,
    documentElement: { classList: { contains: (c: string) => htmlClasses.includes(c) } },
    addEventListener: (_: string, f: () => void) => listeners.push(f),
    createElement: () => ({ src: '', async: false }),
    body: { appendChild: (e: { src: string; async: boolean }) => inserted.push(`${e.src}${e.async ? ' async' : ''}`) },
  };
  const performance = { getEntriesByName: (n: string) => (fcpAlreadyReported && n === 'first-contentful-paint' ? [{}] : []) };
  class PerformanceObserver {
    constructor(f: (list: { getEntriesByName(n: string): unknown[] }) => void) {
      observers.push(f);
    }
    observe() {}
  }
  new Function('document', 'performance', 'PerformanceObserver', 'requestAnimationFrame', 'setTimeout', code)(
    document,
    performance,
    PerformanceObserver,
    (f: () => void) => frames.push(f),
    (f: () => void) => timers.push(f),
  );
  const runTimers = () => timers.splice(0).forEach((f) => f());
  return { inserted, observers, frames, runTimers, listeners };
}

describe('paint-first', () => {
  const out = paintFirst(page);

  it('takes the async chunks and their preload out of the page', () => {
    expect(out).not.toMatch(/<script src="[^"]+" async/);
    expect(out).not.toContain('rel="preload" as="script"');
    expect(out).toContain('<script src="/_next/static/chunks/poly.js" noModule=""></script>');
    expect(out).toContain('<script>document.documentElement.dataset.x="1"</script>');
    expect(out).toContain('<script>self.__next_f=[]</script>');
    expect(out.indexOf('data-paint-first')).toBeGreaterThan(out.indexOf('<main>'));
    expect(out.indexOf('data-paint-first')).toBeLessThan(out.indexOf('</body>'));
  });

  it('is idempotent', () => {
    expect(paintFirst(out)).toBe(out);
  });

  it('counts the same first-load scripts before and after', () => {
    const chunks = ['/_next/static/chunks/a.js', '/_next/static/chunks/b.js', '/_next/static/chunks/late.js'];
    expect(pageScripts(page).sort()).toEqual(chunks);
    expect(pageScripts(out).sort()).toEqual(chunks);
  });

  it('inserts the chunks only when the first contentful paint is reported', () => {
    const l = runLoader(out, 'visible');
    expect(l.inserted).toEqual([]);
    l.observers[0]({ getEntriesByName: () => [] }); // first-paint alone: not yet
    l.runTimers();
    expect(l.inserted).toEqual([]);
    l.observers[0]({ getEntriesByName: (n) => (n === 'first-contentful-paint' ? [{}] : []) });
    l.runTimers();
    expect(l.inserted).toEqual(['/_next/static/chunks/a.js async', '/_next/static/chunks/b.js async', '/_next/static/chunks/late.js async']);
    l.frames.splice(0).forEach((f) => f());
    l.frames.splice(0).forEach((f) => f());
    l.runTimers();
    expect(l.inserted).toHaveLength(3); // never twice
  });

  it('does not wait when the paint was already reported, or the tab is hidden', () => {
    const early = runLoader(out, 'visible', true);
    early.runTimers();
    expect(early.inserted).toHaveLength(3);
    expect(runLoader(out, 'hidden').inserted).toHaveLength(3);
  });

  it('does not wait for a paint that the Arabic boot guard holds back', () => {
    expect(runLoader(out, 'visible', false, ['authed']).inserted).toEqual([]);
    expect(runLoader(out, 'visible', false, ['lang-pending']).inserted).toHaveLength(3);
  });

  it('comes alive two frames and 500 ms later when no paint is reported', () => {
    const l = runLoader(out, 'visible');
    l.frames.splice(0).forEach((f) => f());
    l.frames.splice(0).forEach((f) => f());
    l.runTimers();
    expect(l.inserted).toHaveLength(3);
  });

  it('starts at once when the tab is hidden before the paint', () => {
    const l = runLoader(out, 'visible');
    l.listeners.forEach((f) => f());
    expect(l.inserted).toHaveLength(3);
  });

  it('puts the stylesheet inside the page and keeps a disabled link for React', () => {
    const css = 'body{color:red}';
    const html = inlineStylesheets(out, (href) => (href === '/_next/static/chunks/app.css' ? css : ''));
    expect(html).toContain(`<style data-href="/_next/static/chunks/app.css">${css}</style>`);
    expect(html).toContain('<link rel="stylesheet" href="/_next/static/chunks/app.css" data-precedence="next" disabled=""/>');
    expect(html).not.toMatch(/<link rel="stylesheet"(?![^>]*disabled)/);
    expect(() => inlineStylesheets(out, () => 'a{}</style><script>x</script>')).toThrow();
  });

  it('gives the layout the tab icon of public/icon.svg as a data: URL', () => {
    const icons = metadata.icons as { icon: { url: string }[] };
    const href = icons.icon[0].url;
    expect(href.startsWith('data:image/svg+xml,')).toBe(true);
    const svg = readFileSync('public/icon.svg', 'utf8') // vitest runs in web/;
    expect(decodeURIComponent(href.slice('data:image/svg+xml,'.length))).toBe(svg.trim());
  });
});
