// Small helpers shared by the flows.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

export const tid = (id) => `[data-testid="${id}"]`;

// Waits until React has hydrated the element. Before that, a click on a
// submit button sends the form natively (a GET with the fields, password
// included, in the URL) instead of running the app's handler.
export async function hydrated(page, selector) {
  await page.locator(selector).first().waitFor();
  await page.waitForFunction((sel) => {
    const el = document.querySelector(sel);
    return !!el && Object.keys(el).some((k) => k.startsWith('__reactFiber$'));
  }, selector);
}

// The document's language and direction, once the Arabic strings are in
// (the boot script hides the body with .lang-pending until then).
export async function expectLanguage(page, lang) {
  const dir = lang === 'ar' ? 'rtl' : 'ltr';
  try {
    await page.waitForFunction(
      ([l, d]) => {
        const h = document.documentElement;
        return h.lang === l && h.dir === d && !h.classList.contains('lang-pending');
      },
      [lang, dir],
      { timeout: 10_000 },
    );
  } catch {
    const got = await page.evaluate(() => `<html lang="${document.documentElement.lang}" dir="${document.documentElement.dir}" class="${document.documentElement.className}">`);
    throw new Error(`expected <html lang="${lang}" dir="${dir}"> on ${page.url()}, got ${got}`);
  }
  // The navigation's own words are in that language too.
  const label = await page.getByTestId('nav-home').innerText();
  const arabic = /[\u0600-\u06FF]/.test(label);
  if (arabic !== (lang === 'ar')) throw new Error(`the navigation reads "${label}" on a ${lang} page`);
}

// Calls the API with the page's access token, the way the app does.
export async function api(page, method, path, body) {
  const token = await page.evaluate(() => sessionStorage.getItem('th.access'));
  const r = await page.request.fetch(path, {
    method,
    headers: token ? { Authorization: `Bearer ${token}` } : {},
    data: body,
  });
  let json = null;
  try {
    json = await r.json();
  } catch {
    /* an empty body */
  }
  return { status: r.status(), body: json };
}

// The digits of a number as the UI shows it ("2,170 kcal", "٢٢٫٥" -> "2170", "225").
export function digits(text) {
  return String(text)
    .replace(/[\u0660-\u0669]/g, (c) => String(c.charCodeAt(0) - 0x0660))
    .replace(/[\u06F0-\u06F9]/g, (c) => String(c.charCodeAt(0) - 0x06f0))
    .replace(/[^0-9]/g, '');
}

export function assertEqual(actual, expected, what) {
  if (JSON.stringify(actual) !== JSON.stringify(expected))
    throw new Error(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

export function assert(condition, what) {
  if (!condition) throw new Error(what);
}

// The first response matching `match` that arrives while `action` runs.
export async function responseTo(page, match, action) {
  const [response] = await Promise.all([page.waitForResponse(match), action()]);
  return response;
}

export const apiPath = (response) => new URL(response.url()).pathname;

export class Screenshots {
  constructor(dir) {
    this.dir = dir;
    this.files = [];
    mkdirSync(dir, { recursive: true });
  }

  async take(page, lang, name) {
    const path = join(this.dir, `${lang}-${name}.png`);
    // From the top: a full-page shot of a scrolled page draws the sticky header mid-page.
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path, fullPage: true });
    this.files.push(path);
  }
}
