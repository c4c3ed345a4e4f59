// Recipes and workouts: search, filters, real pagination and detail pages,
// checked against what the server answered the page.
import { api, assert, assertEqual, expectLanguage, hydrated, responseTo, tid } from '../lib/ui.mjs';

const PAGE_SIZE = 12;

// A response of the list endpoint whose query has every given parameter.
const listResponse = (kind, params) => (r) => {
  const u = new URL(r.url());
  if (u.pathname !== `/api/v1/nutrition-data/${kind}` || r.request().method() !== 'GET') return false;
  return Object.entries(params).every(([k, v]) => u.searchParams.get(k) === String(v));
};

// Waits until the page lists exactly these items, in this order.
async function expectCards(page, kind, items) {
  const ids = items.map((i) => String(i.id));
  try {
    await page.waitForFunction(
      ([sel, want]) => JSON.stringify([...document.querySelectorAll(sel)].map((a) => new URL(a.href).searchParams.get('id'))) === JSON.stringify(want),
      [`[data-testid="${kind}-link"]`, ids],
      { timeout: 10_000 },
    );
  } catch {
    const got = await page.$$eval(`[data-testid="${kind}-link"]`, (as) => as.map((a) => new URL(a.href).searchParams.get('id')));
    throw new Error(`${page.url()} lists ${kind}s ${JSON.stringify(got)}, the server answered ${JSON.stringify(ids)}`);
  }
}

async function listJson(response, what) {
  assertEqual(response.status(), 200, what);
  const body = await response.json();
  assert(Array.isArray(body.items) && typeof body.total === 'number', `${what}: a list envelope {items, total}`);
  return body;
}

// A word from a recipe the server has, so the search finds something
// whatever the starter set holds.
async function searchTerm(page) {
  const first = await api(page, 'GET', '/api/v1/nutrition-data/recipes?limit=1');
  const words = String(first.body.items[0].name).split(/[^\p{L}]+/u).filter((x) => x.length >= 4);
  assert(words.length, `no searchable word in "${first.body.items[0].name}"`);
  return words.sort((a, b) => b.length - a.length)[0].toLowerCase();
}

export async function recipeSearchFilterPaging(w, lang, shots) {
  const { page } = w;
  await page.goto('/recipes/');
  await hydrated(page, tid('search-input'));
  await page.getByTestId('recipe-card').first().waitFor();

  // Search.
  const term = await searchTerm(page);
  const found = await listJson(
    await responseTo(page, listResponse('recipes', { q: term }), async () => {
      await page.getByTestId('search-input').fill(term);
      await page.getByTestId('search-submit').click();
    }),
    `recipes matching "${term}"`,
  );
  await page.waitForURL((u) => u.searchParams.get('q') === term);
  assert(found.items.length > 0, `the search for "${term}" (a word of a recipe name) found nothing`);
  await expectCards(page, 'recipe', found.items);

  // Filter: the diet with the most recipes, so it has a second page if anything does.
  await page.getByTestId('filters-reset').click();
  await page.waitForURL((u) => !u.searchParams.has('q'));
  const diets = await page.getByTestId('filter-diet').locator('option').evaluateAll((os) => os.map((o) => o.value).filter(Boolean));
  let best = null;
  for (const d of diets) {
    const r = await api(page, 'GET', `/api/v1/nutrition-data/recipes?diet=${d}&limit=1`);
    if (r.status === 200 && (!best || r.body.total > best.total)) best = { diet: d, total: r.body.total };
  }
  assert(best && best.total > 0, `no recipes for any diet filter (${diets.join(', ')})`);
  const filtered = await listJson(
    await responseTo(page, listResponse('recipes', { diet: best.diet, page: 1 }), () => page.getByTestId('filter-diet').selectOption(best.diet)),
    `recipes for diet=${best.diet}`,
  );
  await page.waitForURL((u) => u.searchParams.get('diet') === best.diet);
  await expectCards(page, 'recipe', filtered.items);

  // Second page: of the filter if it has one, else of the whole catalog.
  if (filtered.total <= PAGE_SIZE) {
    await page.getByTestId('filters-reset').click();
    await page.waitForURL((u) => !u.searchParams.has('diet'));
    await page.getByTestId('recipe-card').first().waitFor();
  }
  const params = filtered.total > PAGE_SIZE ? { diet: best.diet, page: 2 } : { page: 2 };
  const second = await listJson(await responseTo(page, listResponse('recipes', params), () => page.getByTestId('pagination-next').click()), 'recipes page 2');
  await page.waitForURL((u) => u.searchParams.get('page') === '2');
  assert(second.items.length > 0, 'page 2 lists recipes');
  await expectCards(page, 'recipe', second.items);
  assertEqual(await page.getByTestId('page-2').getAttribute('aria-current'), 'page', 'page 2 marked current');
  await shots.take(page, lang, 'recipes-page-2');

  // Detail with its label and the servings scaler.
  await page.getByTestId('recipe-link').first().click();
  await page.waitForURL(new RegExp(`/recipes/view/\\?id=${second.items[0].id}$`));
  await page.getByTestId('nutrition-label').waitFor();
  await hydrated(page, tid('servings-inc'));
  const kcal = await page.getByTestId('label-kcal').innerText();
  await page.getByTestId('servings-inc').click();
  await page.waitForFunction(([sel, before]) => document.querySelector(sel)?.textContent !== before, [tid('label-kcal'), kcal]);
  await expectLanguage(page, lang);
  await w.assertClean('recipes');
  await shots.take(page, lang, 'recipe-detail');
}

export async function workoutFilter(w, lang, shots) {
  const { page } = w;
  await page.goto('/workouts/');
  await hydrated(page, tid('filter-level'));
  await page.getByTestId('workout-card').first().waitFor();
  const levels = await page.getByTestId('filter-level').locator('option').evaluateAll((os) => os.map((o) => o.value).filter(Boolean));
  let level = null;
  for (const l of levels) {
    const r = await api(page, 'GET', `/api/v1/nutrition-data/workouts?level=${l}&limit=1`);
    if (r.status === 200 && r.body.total > 0) {
      level = l;
      break;
    }
  }
  assert(level, `no workouts at any level (${levels.join(', ')})`);
  const list = await listJson(await responseTo(page, listResponse('workouts', { level }), () => page.getByTestId('filter-level').selectOption(level)), `workouts level=${level}`);
  await page.waitForURL((u) => u.searchParams.get('level') === level);
  await expectCards(page, 'workout', list.items);
  await shots.take(page, lang, 'workouts-filtered');

  await page.getByTestId('workout-link').first().click();
  await page.waitForURL(new RegExp(`/workouts/view/\\?id=${list.items[0].id}$`));
  await page.getByTestId('workout-detail').waitFor();
  await page.getByTestId('exercise').first().waitFor();
  await expectLanguage(page, lang);
  await w.assertClean('workouts');
  await shots.take(page, lang, 'workout-detail');
}

// The first page of Recipes is drawn by the document itself from its early
// response (web/scripts/early-recipes.mjs), before any of the framework's
// scripts run. Checked with those scripts blocked, in a fresh signed-out
// context: in English the cards are the ones the server answers; in Arabic
// the page draws nothing (it waits for its strings), and React draws later.
export async function recipesDrawnEarly(browser, origin, lang, shots) {
  const ctx = await browser.newContext({ baseURL: origin, ignoreHTTPSErrors: true, viewport: { width: 412, height: 823 } });
  try {
    if (lang === 'ar') await ctx.addInitScript(() => localStorage.setItem('th.lang', 'ar'));
    const page = await ctx.newPage();
    await page.route('**/_next/static/chunks/**', (route) => route.abort());
    const first = await page.request.get('/api/v1/nutrition-data/recipes?page=1&limit=12');
    assertEqual(first.status(), 200, 'GET the first page of recipes');
    const want = (await first.json()).items.map((r) => String(r.id));
    await page.goto('/recipes/');
    const drawn = () => page.$$eval('main ul.grid > li h2 a', (as) => as.map((a) => new URL(a.href).searchParams.get('id')));
    if (lang === 'en') {
      await page.waitForFunction((n) => document.querySelectorAll('main ul.grid > li h2 a').length === n, want.length, { timeout: 10_000 });
      assertEqual(JSON.stringify(await drawn()), JSON.stringify(want), 'the cards drawn before the framework are the first page the server answers');
      assertEqual(await page.locator(tid('recipe-card')).count(), 0, 'React has not run (its cards carry data-testid)');
      await shots.take(page, lang, 'recipes-before-framework');
    } else {
      await page.waitForTimeout(1_500);
      assertEqual((await drawn()).length, 0, 'an Arabic page draws no English cards');
    }
  } finally {
    await ctx.close();
  }
}
