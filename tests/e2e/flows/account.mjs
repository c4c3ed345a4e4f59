// What works today end to end: the landing page, sign-up, the profile, the
// calculator, signing out and back in.
import { api, assert, assertEqual, digits, expectLanguage, hydrated, responseTo, tid } from '../lib/ui.mjs';

export const PROFILE = { sex: 'female', birth_date: '1990-05-01', height_cm: 170, weight_kg: 65, activity_level: 'moderate', goal: 'lose' };

export async function landing(w, lang, shots) {
  const { page } = w;
  const res = await page.goto('/');
  assertEqual(res.status(), 200, 'GET /');
  await page.getByTestId('landing').waitFor();
  if (lang === 'ar') {
    await hydrated(page, tid('lang-toggle'));
    await page.getByTestId('lang-toggle').click();
  }
  await expectLanguage(page, lang);
  await page.waitForLoadState('networkidle');
  await w.assertClean('landing page');
  await shots.take(page, lang, 'landing');
}

export async function register(w, lang, user, shots) {
  const { page } = w;
  await page.goto('/signup/');
  await hydrated(page, tid('signup-form'));
  await expectLanguage(page, lang);
  await shots.take(page, lang, 'signup');
  await page.getByTestId('name').fill(user.name);
  await page.getByTestId('email').fill(user.email);
  await page.getByTestId('password').fill(user.password);
  await page.getByTestId('submit').click();
  await page.waitForURL(/\/profile\/\?welcome=1$/);
  await page.getByTestId('welcome').waitFor();
  const me = await api(page, 'GET', '/api/v1/auth/me');
  assertEqual([me.status, me.body?.email, me.body?.name], [200, user.email, user.name], 'GET /api/v1/auth/me after sign-up');
  // A new account starts with this device's language.
  assertEqual((await api(page, 'GET', '/api/v1/profile')).body?.language, lang, 'the new profile language');
  await w.assertClean('sign-up');
}

export async function setUpProfile(w, lang, shots) {
  const { page } = w;
  await hydrated(page, tid('profile-form'));
  if ((await page.getByTestId('profile-units').inputValue()) !== 'metric') await page.getByTestId('profile-units').selectOption('metric');
  await page.getByTestId('profile-sex').selectOption(PROFILE.sex);
  await page.getByTestId('profile-birth-date').fill(PROFILE.birth_date);
  await page.getByTestId('profile-height-cm').fill(String(PROFILE.height_cm));
  await page.getByTestId('profile-weight').fill(String(PROFILE.weight_kg));
  await page.getByTestId('profile-activity').selectOption(PROFILE.activity_level);
  await page.getByTestId('profile-goal').selectOption(PROFILE.goal);
  await page.getByTestId('profile-save').click();
  await page.getByTestId('profile-saved').waitFor();
  const p = (await api(page, 'GET', '/api/v1/profile')).body;
  assertEqual(Object.fromEntries(Object.keys(PROFILE).map((k) => [k, p?.[k]])), PROFILE, 'the saved profile');
  await expectLanguage(page, lang);
  await w.assertClean('profile');
  await shots.take(page, lang, 'profile-saved');
}

// Fills the calculator and checks that the page shows the server's figures.
export async function calculator(w, lang, shots) {
  const { page } = w;
  await page.goto('/calculator/');
  await hydrated(page, tid('calculator-form'));
  await page.getByTestId('units-metric').click();
  await page.getByTestId('sex').selectOption('female');
  await page.getByTestId('age').fill('36');
  await page.getByTestId('height-cm').fill('170');
  await page.getByTestId('weight').fill('65');
  await page.getByTestId('activity').selectOption('moderate');
  await page.getByTestId('goal').selectOption('lose');
  const res = await responseTo(
    page,
    (r) => new URL(r.url()).pathname === '/api/v1/calculator' && r.request().method() === 'POST',
    () => page.getByTestId('calculate').click(),
  );
  assertEqual(res.status(), 200, 'POST /api/v1/calculator');
  const sent = res.request().postDataJSON();
  assertEqual([sent.sex, sent.age, sent.height_cm, sent.weight_kg, sent.activity_level, sent.goal], ['female', 36, 170, 65, 'moderate', 'lose'], 'the calculator request');
  const r = await res.json();
  await page.getByTestId('calc-results').waitFor();
  const shown = async (id) => digits(await page.getByTestId(id).innerText());
  assertEqual((await shown('bmi-value')).slice(0, 3), digits(r.bmi.value.toFixed(1)), 'BMI shown');
  assertEqual(await shown('tdee-value'), digits(Math.round(r.tdee)), 'TDEE shown');
  assertEqual(await shown('target-kcal-value'), digits(Math.round(r.target_kcal)), 'target kcal shown');
  assert(r.target_kcal < r.tdee, `a "lose" goal targets less than TDEE (${r.target_kcal} vs ${r.tdee})`);
  await expectLanguage(page, lang);
  await w.assertClean('calculator');
  await shots.take(page, lang, 'calculator-results');
}

export async function signOut(w) {
  const { page } = w;
  await page.goto('/');
  await hydrated(page, tid('nav-signout'));
  const refresh = await page.evaluate(() => localStorage.getItem('th.refresh'));
  assert(refresh, 'a signed-in browser holds a refresh token');
  await page.getByTestId('nav-signout').click();
  await page.getByTestId('landing').waitFor();
  assertEqual(await page.evaluate(() => localStorage.getItem('th.refresh')), null, 'refresh token after sign-out');
  // The server ended the session: the old refresh token is refused.
  const again = await page.request.post('/api/v1/auth/refresh', { data: { refresh_token: refresh } });
  assertEqual(again.status(), 401, 'refresh with a signed-out token');
  // A signed-in page now sends the visitor to sign in, remembering where to.
  await page.goto('/profile/');
  await page.waitForURL(/\/signin\/\?next=%2Fprofile%2F$/);
  await w.assertClean('sign-out');
}

export async function signIn(w, lang, user, shots) {
  const { page } = w;
  await hydrated(page, tid('signin-form'));
  await shots.take(page, lang, 'signin');
  await page.getByTestId('email').fill(user.email);
  await page.getByTestId('password').fill(user.password);
  await page.getByTestId('submit').click();
  await page.waitForURL(/\/profile\/$/);
  await hydrated(page, tid('profile-form'));
  assertEqual(await page.getByTestId('profile-weight').inputValue(), String(PROFILE.weight_kg), 'weight shown after sign-in');
  assert(await page.evaluate(() => document.documentElement.classList.contains('authed')), '<html class="authed"> after sign-in');
  await expectLanguage(page, lang);
  await w.assertClean('sign-in');
}
