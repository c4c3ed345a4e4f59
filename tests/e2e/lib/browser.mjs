// Debian's Chromium driven by playwright-core (`npx playwright install`
// cannot download browsers here), and browser contexts that record what must
// never happen on any page: console errors, uncaught exceptions and
// Content-Security-Policy violations.
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_FLAGS as FLAGS } from './chromium.mjs';

export async function launchBrowser() {
  if (!existsSync(CHROMIUM))
    throw new Error(`Chromium is not at ${CHROMIUM}. Install Debian's package (apt-get install chromium; make test does) or set CHROMIUM_PATH.`);
  return chromium.launch({ executablePath: CHROMIUM, args: FLAGS, headless: true });
}

// The router's answer for a path it has no route for (src/http/api.cpp).
const NO_SUCH_ENDPOINT = 'no such endpoint';

export class WatchedContext {
  static async open(browser, origin) {
    const ctx = await browser.newContext({
      baseURL: origin,
      ignoreHTTPSErrors: true, // the server's own self-signed certificate
      viewport: { width: 1280, height: 900 },
      reducedMotion: 'reduce',
    });
    const w = new WatchedContext(ctx);
    await ctx.exposeBinding('__traeCspViolation', ({ page }, text) => w.problems.push(`CSP violation on ${page.url()}: ${text}`));
    await ctx.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) =>
        window.__traeCspViolation(`${e.effectiveDirective} blocked ${e.blockedURI || 'inline code'} (${e.sourceFile || 'document'}:${e.lineNumber})`),
      );
    });
    w.page = await ctx.newPage();
    w.page.setDefaultTimeout(20_000);
    w.page.on('console', (m) => {
      if (m.type() === 'error') w.consoleErrors.push({ text: m.text(), url: m.location().url, page: w.page.url() });
    });
    w.page.on('pageerror', (e) => w.problems.push(`uncaught exception on ${w.page.url()}: ${e.message}`));
    // Endpoints other issues have not delivered yet answer 404 "no such
    // endpoint"; Chromium logs each such load as a console error. Those are
    // tolerated (and listed), nothing else is.
    w.page.on('response', (r) => {
      if (r.status() === 404 && new URL(r.url()).pathname.startsWith('/api/'))
        w.apiNotFound.set(
          r.url(),
          r.json().then((b) => b?.error?.message === NO_SUCH_ENDPOINT, () => false),
        );
    });
    return w;
  }

  constructor(ctx) {
    this.ctx = ctx;
    this.problems = [];
    this.consoleErrors = [];
    this.apiNotFound = new Map();
    this.missingEndpoints = new Set();
  }

  // Throws if anything went wrong since the last check. `expected404` is a
  // URL whose 404 is the point (Chromium logs it as a console error).
  async assertClean(where, expected404 = null) {
    const found = [...this.problems];
    for (const e of this.consoleErrors) {
      if (e.url === expected404 && e.text.includes('status of 404')) continue;
      const missing = e.text.startsWith('Failed to load resource') && this.apiNotFound.has(e.url) && (await this.apiNotFound.get(e.url));
      if (missing) this.missingEndpoints.add(new URL(e.url).pathname.replace(/\/\d+(?=\/|$)/g, '/{id}'));
      else found.push(`console error on ${e.page}: ${e.text}${e.url ? ` (${e.url})` : ''}`);
    }
    this.problems.length = 0;
    this.consoleErrors.length = 0;
    if (found.length) throw new Error(`${where}:\n  ${found.join('\n  ')}`);
  }

  async close() {
    await this.ctx.close();
  }
}
