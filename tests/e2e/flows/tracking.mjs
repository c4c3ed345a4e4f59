// Meal plans, health logs and the dashboard that sums them up, checked
// against what the server stored.
import { api, assert, assertEqual, digits, expectLanguage, hydrated, responseTo, tid } from '../lib/ui.mjs';

export const LOGGED = { weight_kg: 64.2, water_ml: 250, food_grams: 150 };

const posted = (path) => (r) => new URL(r.url()).pathname === path && r.request().method() === 'POST';

export async function sevenDayMealPlan(w, lang, shots) {
  const { page } = w;
  await page.goto('/meals/');
  await hydrated(page, tid('generate-form'));
  await page.getByTestId('plan-days').selectOption('7');
  const res = await responseTo(page, posted('/api/v1/actions/generate-meal-plan'), () => page.getByTestId('generate').click());
  assert(res.status() === 200 || res.status() === 201, `POST /api/v1/actions/generate-meal-plan answered ${res.status()}`);
  assertEqual(res.request().postDataJSON().days, 7, 'days requested');
  const plan = await res.json();
  await page.waitForURL((u) => u.searchParams.get('plan') === String(plan.id));
  await page.getByTestId('meal-plan').waitFor();
  for (let d = 1; d <= 7; ++d) await page.getByTestId(`plan-day-${d}`).waitFor();
  assertEqual(await page.getByTestId('plan-day-8').count(), 0, 'days shown beyond 7');
  const meals = await page.getByTestId('plan-meal').count();
  assertEqual(meals, plan.days.reduce((n, d) => n + d.meals.length, 0), 'meals shown');
  assert((await page.getByTestId('grocery-list').locator('li').count()) > 0, 'the grocery list has items');
  // The plan is saved: reloading its URL shows it again.
  await page.reload();
  await page.getByTestId('plan-day-7').waitFor();
  await expectLanguage(page, lang);
  await w.assertClean('meal plan');
  await shots.take(page, lang, 'meal-plan');
}

export async function logWeightWaterMeal(w, lang, shots) {
  const { page } = w;
  await page.goto('/health/');
  await hydrated(page, tid('weight-submit'));

  await page.getByTestId('weight-input').fill(String(LOGGED.weight_kg));
  const weight = await responseTo(page, posted('/api/v1/health/weights'), () => page.getByTestId('weight-submit').click());
  assertEqual(weight.status(), 201, 'POST /api/v1/health/weights');
  await page.getByTestId('log-weight-done').waitFor();

  const water = await responseTo(page, posted('/api/v1/health/water'), () => page.getByTestId(`water-quick-${LOGGED.water_ml}`).click());
  assertEqual(water.status(), 201, 'POST /api/v1/health/water');
  await page.getByTestId('log-water-done').waitFor();

  // A food the server has, found through the picker.
  const foods = await api(page, 'GET', '/api/v1/foods?limit=1');
  const word = String(foods.body.items[0].name ?? foods.body.items[0].description).split(/[^\p{L}]+/u).find((x) => x.length >= 3);
  await page.getByTestId('food-search').fill(word);
  await page.getByTestId('food-option').first().click();
  await page.getByTestId('food-picked').waitFor();
  await page.getByTestId('food-amount').fill(String(LOGGED.food_grams));
  const food = await responseTo(page, posted('/api/v1/health/food-log'), () => page.getByTestId('food-submit').click());
  assertEqual(food.status(), 201, 'POST /api/v1/health/food-log');
  assertEqual(food.request().postDataJSON().grams, LOGGED.food_grams, 'grams logged');
  await page.getByTestId('log-food-done').waitFor();
  await page.getByTestId('food-entry').first().waitFor();

  const weights = await api(page, 'GET', '/api/v1/health/weights');
  assert(JSON.stringify(weights.body).includes(String(LOGGED.weight_kg)), `GET /api/v1/health/weights lists ${LOGGED.weight_kg}`);
  await expectLanguage(page, lang);
  await w.assertClean('health logs');
  await shots.take(page, lang, 'health-logged');
}

export async function dashboardShowsLogs(w, lang, shots) {
  const { page } = w;
  await page.goto('/');
  await page.getByTestId('dashboard').waitFor();
  await page.getByTestId('water-ml').waitFor();
  assertEqual(digits(await page.getByTestId('water-ml').innerText()), String(LOGGED.water_ml), 'water on the dashboard');
  assertEqual(digits(await page.getByTestId('weight-latest').innerText()), digits(LOGGED.weight_kg), 'latest weight on the dashboard');
  assert(Number(digits(await page.getByTestId('kcal-eaten').innerText())) > 0, 'the logged meal counts towards kcal eaten');
  await expectLanguage(page, lang);
  await w.assertClean('dashboard');
  await shots.take(page, lang, 'dashboard-logged');
}
