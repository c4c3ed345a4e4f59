// Types for scripts/paint-first.mjs, so the web tests can import it.
export function paintFirst(html: string): string;
export function pageScripts(html: string): string[];
export function inlineStylesheets(html: string, readCss: (href: string) => string): string;
