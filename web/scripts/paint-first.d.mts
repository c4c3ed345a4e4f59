// Types for scripts/paint-first.mjs, so the web tests can import it.
export function paintFirst(html: string): string;
export function pageScripts(html: string): string[];
export function inlineStylesheets(html: string, readCss: (href: string) => string): string;
export function routeOf(outDir: string, file: string): string;
export function earlyData(html: string, entry: { signedIn: boolean; get: string[]; paint?: string } | undefined, messages?: object): string;
export function englishMessages(file?: string): object;
