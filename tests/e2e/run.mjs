// Browser end-to-end tests: starts the real trae-health binary over HTTPS (its
// self-signed certificate), drives Debian's Chromium through it in English
// and in Arabic, and stops it with SIGTERM. Screenshots of every page go to
// <results>/screenshots, the summary to <results>/e2e-summary.txt and the
// server's log to <results>/e2e-server.log.
//
// Steps that need endpoints still being written (catalog, meal plans, health
// logs, dashboard) run only when the server answers them, and the summary
// says which ran. E2E_REQUIRE_ALL=1 turns a skipped step into a failure.
//
// usage: node run.mjs [--binary build/trae-health] [--results test-results]
import { rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { WatchedContext, launchBrowser } from './lib/browser.mjs';
import { startServer } from './lib/server.mjs';
import { Steps } from './lib/steps.mjs';
import { Screenshots, api } from './lib/ui.mjs';
import { calculator, landing, register, setUpProfile, signIn, signOut } from './flows/account.mjs';
import { recipeSearchFilterPaging, recipesDrawnEarly, workoutFilter } from './flows/catalog.mjs';
import { everyPageLoaded, everyPageNavigated, notFoundPage } from './flows/pages.mjs';
import { dashboardShowsLogs, logWeightWaterMeal, sevenDayMealPlan } from './flows/tracking.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const { values: args } = parseArgs({
  options: { binary: { type: 'string', default: 'build/trae-health' }, results: { type: 'string', default: 'test-results' } },
});
const binary = resolve(root, args.binary);
const results = resolve(root, args.results);
const requireAll = process.env.E2E_REQUIRE_ALL === '1';

// What the server answers today. The router says "no such endpoint" for a
// path it has no route for; anything else means the endpoint exists.
async function detectFeatures(page) {
  const exists = async (path) => {
    const r = await api(page, 'GET', path);
    return !(r.status === 404 && r.body?.error?.message === 'no such endpoint');
  };
  const recipes = await api(page, 'GET', '/api/v1/nutrition-data/recipes?limit=1');
  const workouts = await api(page, 'GET', '/api/v1/nutrition-data/workouts?limit=1');
  const foods = await api(page, 'GET', '/api/v1/foods?limit=1');
  const health = (await exists('/api/v1/health/weights')) && (await exists('/api/v1/health/water')) && (await exists('/api/v1/health/food-log'));
  return {
    recipes: recipes.status === 200,
    workouts: workouts.status === 200,
    catalog: recipes.status === 200 && workouts.status === 200,
    firstRecipe: recipes.body?.items?.[0]?.id,
    firstWorkout: workouts.body?.items?.[0]?.id,
    foods: foods.status === 200,
    mealPlans: await exists('/api/v1/meal-plans'),
    healthLogs: health,
    dashboard: await exists('/api/v1/dashboard'),
  };
}

const steps = new Steps();
const shotsDir = join(results, 'screenshots');
rmSync(shotsDir, { recursive: true, force: true });
const shots = new Screenshots(shotsDir);
const missingEndpoints = new Set();
const started = performance.now();
let features = null;
let current = null;
let failed = null;

console.log(`e2e: ${relative(root, binary)}`);
const server = await startServer(binary, join(results, 'e2e-server.log'));
const browser = await launchBrowser().catch(async (e) => {
  await server.stop();
  throw e;
});
const chromiumVersion = browser.version();
console.log(`e2e: Chromium ${chromiumVersion} against ${server.origin}`);

async function languageRun(lang) {
  const w = (current = await WatchedContext.open(browser, server.origin));
  w.missingEndpoints = missingEndpoints;
  const user = { name: lang === 'ar' ? 'سارة' : 'Ana', email: `e2e-${lang}-${Date.now()}@example.com`, password: 'correct-horse-battery' };
  await steps.run(`${lang}: landing page`, () => landing(w, lang, shots));
  await steps.run(`${lang}: register`, () => register(w, lang, user, shots));
  await steps.run(`${lang}: set up profile`, () => setUpProfile(w, lang, shots));
  if (!features) {
    features = await detectFeatures(w.page);
    const yes = (k) => (features[k] ? 'yes' : 'no');
    console.log(`e2e: server has recipes ${yes('recipes')}, workouts ${yes('workouts')}, foods ${yes('foods')}, meal plans ${yes('mealPlans')}, health logs ${yes('healthLogs')}, dashboard ${yes('dashboard')}`);
  }
  const f = features;
  await steps.run(`${lang}: calculator`, () => calculator(w, lang, shots));
  await steps.run(`${lang}: sign out`, () => signOut(w));
  await steps.run(`${lang}: sign in`, () => signIn(w, lang, user, shots));
  await steps.when(f.recipes, 'GET /api/v1/nutrition-data/recipes is not 200', `${lang}: recipe search, diet filter, page 2, detail`, () =>
    recipeSearchFilterPaging(w, lang, shots),
  );
  await steps.when(f.recipes, 'GET /api/v1/nutrition-data/recipes is not 200', `${lang}: recipes drawn before the framework loads`, () =>
    recipesDrawnEarly(browser, server.origin, lang, shots),
  );
  await steps.when(f.workouts, 'GET /api/v1/nutrition-data/workouts is not 200', `${lang}: workout filter and detail`, () => workoutFilter(w, lang, shots));
  await steps.when(f.mealPlans, 'the server has no /api/v1/meal-plans', `${lang}: generate a 7-day meal plan`, () => sevenDayMealPlan(w, lang, shots));
  const canLog = f.healthLogs && f.foods;
  await steps.when(canLog, 'the server has no /api/v1/health/{weights,water,food-log} or /api/v1/foods', `${lang}: log weight, water and a meal`, () =>
    logWeightWaterMeal(w, lang, shots),
  );
  await steps.when(canLog && f.dashboard, 'needs /api/v1/dashboard and the health logs', `${lang}: the dashboard shows the logs`, () =>
    dashboardShowsLogs(w, lang, shots),
  );
  await steps.run(`${lang}: every page, loaded from its URL`, () => everyPageLoaded(w, lang, f, shots));
  await steps.run(`${lang}: every page, by client-side navigation`, () => everyPageNavigated(w, lang, f));
  await steps.run(`${lang}: 404 page`, () => notFoundPage(w, lang, shots));
  await w.close();
  current = null;
}

try {
  for (const lang of ['en', 'ar']) await languageRun(lang);
} catch (e) {
  failed = e;
  if (current) await current.page.screenshot({ path: join(results, 'screenshots', 'failure.png'), fullPage: true }).catch(() => {});
}
await browser.close();
const exitCode = await server.stop();

const problems = [];
if (failed) problems.push(`a step failed: ${failed.message.split('\n')[0]}`);
if (exitCode !== 0) problems.push(`the server exited with ${exitCode} on SIGTERM (expected 0)`);
if (server.errors.length) problems.push(`the server logged errors:\n    ${server.errors.join('\n    ')}`);
if (requireAll && steps.count('skipped')) problems.push(`E2E_REQUIRE_ALL=1 and ${steps.count('skipped')} steps were skipped`);

const report = [
  `e2e summary (${((performance.now() - started) / 1000).toFixed(1)} s, Chromium ${chromiumVersion}):`,
  steps.summary(),
  '',
  `ran ${steps.count('ran')}, skipped ${steps.count('skipped')}, failed ${steps.count('FAILED')}`,
  missingEndpoints.size ? `tolerated 404 "no such endpoint" from endpoints not built yet: ${[...missingEndpoints].sort().join(', ')}` : 'every endpoint the pages called exists',
  `screenshots: ${shots.files.length} in ${relative(root, shots.dir)}/`,
  problems.length ? `FAIL\n  ${problems.join('\n  ')}` : 'PASS',
].join('\n');
writeFileSync(join(results, 'e2e-summary.txt'), report + '\n');
console.log('\n' + report);
process.exit(problems.length ? 1 : 0);
