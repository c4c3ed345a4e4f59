// Every page of the signed-in app: loaded from its URL (its HTML, its own
// CSP), and reached by client-side navigation (Next's RSC payloads,
// text/x-component). No console errors, no CSP violations, the right
// language and direction, and a screenshot of each.
import { assert, assertEqual, expectLanguage, tid } from '../lib/ui.mjs';

// What each page shows once it is ready, given what the server offers.
export function appPages(features) {
  const list = (kind) => (features.catalog ? `${tid(`${kind}-card`)}, ${tid('empty-state')}` : tid('error-state'));
  return [
    { name: 'dashboard', path: '/', ready: features.dashboard ? tid('dashboard') : tid('error-state') },
    { name: 'calculator', path: '/calculator/', ready: tid('calculator-form') },
    { name: 'recipes', path: '/recipes/', ready: list('recipe') },
    { name: 'workouts', path: '/workouts/', ready: list('workout') },
    { name: 'meals', path: '/meals/', ready: tid('generate-form') },
    { name: 'health', path: '/health/', ready: tid('log-weight') },
    { name: 'profile', path: '/profile/', ready: tid('profile-form') },
  ];
}

export async function everyPageLoaded(w, lang, features, shots) {
  const { page } = w;
  const pages = appPages(features);
  if (features.catalog) {
    pages.push({ name: 'recipe', path: `/recipes/view/?id=${features.firstRecipe}`, ready: tid('nutrition-label') });
    pages.push({ name: 'workout', path: `/workouts/view/?id=${features.firstWorkout}`, ready: tid('workout-detail') });
  }
  for (const p of pages) {
    const res = await page.goto(p.path);
    assertEqual(res.status(), 200, `GET ${p.path}`);
    const scriptSrc = (res.headers()['content-security-policy'] ?? '').split(';').find((d) => d.trim().startsWith('script-src '));
    assert(scriptSrc && !scriptSrc.includes("'unsafe-inline'"), `${p.path}: script-src is ${scriptSrc}`);
    await page.locator(p.ready).first().waitFor();
    await page.waitForLoadState('networkidle');
    await expectLanguage(page, lang);
    assert(await page.evaluate(() => document.documentElement.classList.contains('authed')), `${p.path}: signed in`);
    await w.assertClean(p.path);
    await shots.take(page, lang, p.name);
  }
}

export async function everyPageNavigated(w, lang, features) {
  const { page } = w;
  await page.goto('/calculator/');
  await page.getByTestId('calculator-form').waitFor();
  await page.waitForLoadState('networkidle');
  let documents = 0;
  let payloads = 0;
  const onRequest = (r) => {
    if (r.resourceType() === 'document') documents++;
  };
  const onResponse = (r) => {
    if (r.status() === 200 && (r.headers()['content-type'] ?? '').startsWith('text/x-component')) payloads++;
  };
  page.on('request', onRequest);
  page.on('response', onResponse);
  try {
    // From the calculator through every other page and back.
    const pages = appPages(features);
    for (const p of [...pages.filter((x) => x.name !== 'calculator'), pages.find((x) => x.name === 'calculator')]) {
      await page.getByTestId(`nav-${p.name}`).click();
      await page.waitForURL((u) => u.pathname === p.path);
      await page.locator(p.ready).first().waitFor();
    }
    await page.waitForLoadState('networkidle');
  } finally {
    page.off('request', onRequest);
    page.off('response', onResponse);
  }
  assertEqual(documents, 0, 'full page loads during client-side navigation');
  assert(payloads > 0, 'client-side navigation fetched no RSC payload (text/x-component)');
  await expectLanguage(page, lang);
  await w.assertClean('client-side navigation');
}

export async function notFoundPage(w, lang, shots) {
  const { page } = w;
  const res = await page.goto('/no-such-page/');
  assertEqual(res.status(), 404, 'GET /no-such-page/');
  await page.getByTestId('not-found-page').waitFor();
  await page.waitForLoadState('networkidle');
  await expectLanguage(page, lang);
  await w.assertClean('404 page', res.url());
  await shots.take(page, lang, 'not-found');
}
