// A signed-in user with two weeks of history, made through the public API
// the way the web app does it (register answers 202, signing in is what
// returns the tokens), so the Dashboard draws every card and chart instead of
// its empty states.
import { api } from './http.mjs';

const DAYS = 14;

// ISO-8601 instant in UTC, `daysAgo` days before now at the given hour, but
// never in the future (today's entries early in the morning).
function at(daysAgo, hour) {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() - daysAgo);
  d.setUTCHours(hour, 0, 0, 0);
  const latest = Date.now() - 60_000;
  return new Date(Math.min(d.getTime(), latest)).toISOString().replace(/\.\d{3}Z$/, '+00:00');
}

export async function signIn(origin, user) {
  return api(origin, 'POST', '/api/v1/auth/login', { email: user.email, password: user.password });
}

export async function createUserWithHistory(origin) {
  const user = { name: 'Bench', email: `bench-${Date.now()}@example.com`, password: 'correct-horse-battery' };
  await api(origin, 'POST', '/api/v1/auth/register', user);
  const { access_token: token } = await signIn(origin, user);
  await api(
    origin,
    'PUT',
    '/api/v1/profile',
    { sex: 'female', birth_date: '1990-05-01', height_cm: 170, weight_kg: 68, activity_level: 'moderate', goal: 'lose', units: 'metric', timezone: 'UTC', language: 'en' },
    token,
  );
  const foods = await api(origin, 'GET', '/api/v1/foods?limit=3', undefined, token);
  const recipes = await api(origin, 'GET', '/api/v1/nutrition-data/recipes?limit=3', undefined, token);
  const workouts = await api(origin, 'GET', '/api/v1/nutrition-data/workouts?limit=1', undefined, token);
  for (let day = DAYS - 1; day >= 0; day--) {
    const post = (path, body) => api(origin, 'POST', path, body, token);
    await post('/api/v1/health/weights', { weight_kg: 68 - (DAYS - day) * 0.1, measured_at: at(day, 7) });
    for (const hour of [8, 12, 17]) await post('/api/v1/health/water', { ml: 500, logged_at: at(day, hour) });
    await post('/api/v1/health/steps', { date: at(day, 12).slice(0, 10), count: 6000 + day * 250 });
    await post('/api/v1/health/sleep', { start: at(day + 1, 23), end: at(day, 7), quality: 4 });
    await post('/api/v1/health/food-log', { food_id: foods.items[day % foods.items.length].id, grams: 150, meal_slot: 'breakfast', logged_at: at(day, 8) });
    await post('/api/v1/health/food-log', { recipe_id: recipes.items[day % recipes.items.length].id, servings: 1, meal_slot: 'dinner', logged_at: at(day, 19) });
    if (day % 2 === 0) await post('/api/v1/health/workout-log', { workout_id: workouts.items[0].id, duration_minutes: 40, rpe: 7, performed_at: at(day, 18) });
  }
  return user;
}

// Puts the session where the web app keeps it (web/src/lib/api.ts): the access
// token in sessionStorage, the refresh token in localStorage. It is set from a
// JSON endpoint of the same origin so that no page script or asset is fetched
// (and cached) before a cold load; Lighthouse clears the HTTP cache but, by
// default, not localStorage.
export async function injectSession(page, origin, tokens) {
  await page.goto(`${origin}/health`);
  await page.evaluate((t) => {
    sessionStorage.setItem('th.access', t.access_token);
    localStorage.setItem('th.refresh', t.refresh_token);
  }, tokens);
}
