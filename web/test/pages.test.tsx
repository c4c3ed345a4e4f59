import { beforeEach, describe, expect, it, vi } from 'vitest';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { Suspense, type ReactNode } from 'react';
import { I18nProvider } from '@/lib/i18n';
import { AuthProvider } from '@/lib/auth';
import { __resetApiForTests, setTokens, getRefreshToken } from '@/lib/api';
import { fakeApi } from './fake-api';

const nav = vi.hoisted(() => ({ params: new URLSearchParams(), push: vi.fn(), replace: vi.fn() }));
vi.mock('next/navigation', () => ({
  useRouter: () => ({ push: nav.push, replace: nav.replace, back: vi.fn(), prefetch: vi.fn(), refresh: vi.fn() }),
  usePathname: () => '/',
  useSearchParams: () => nav.params,
}));

function renderPage(ui: ReactNode) {
  return render(
    <I18nProvider>
      <AuthProvider>
        <Suspense fallback={<p>suspended</p>}>{ui}</Suspense>
      </AuthProvider>
    </I18nProvider>,
  );
}

const signIn = () => setTokens({ access_token: 'a1', refresh_token: 'r1' });

beforeEach(() => {
  __resetApiForTests();
  nav.params = new URLSearchParams();
  nav.push.mockReset();
  nav.replace.mockReset();
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => 360 });
});

describe('home', () => {
  it('shows the landing hero to guests', async () => {
    fakeApi();
    const { HomeView } = await import('@/views/home');
    renderPage(<HomeView />);
    expect(await screen.findByTestId('landing')).toBeTruthy();
    expect(screen.getByTestId('cta-calculator').getAttribute('href')).toBe('/calculator/');
    expect(screen.getByTestId('cta-signup').getAttribute('href')).toBe('/signup/');
  });

  it('shows today, trends and streaks to signed-in users', async () => {
    signIn();
    const { calls } = fakeApi();
    const { HomeView } = await import('@/views/home');
    renderPage(<HomeView />);
    expect(await screen.findByTestId('dashboard')).toBeTruthy();
    expect(screen.getByTestId('kcal-eaten').textContent).toBe('1,250');
    expect(screen.getByText('750 kcal left')).toBeTruthy();
    expect(screen.getByTestId('steps-count').textContent).toBe('6,400');
    expect(screen.getByTestId('macro-protein').textContent).toContain('80 / 150');
    expect(screen.getByTestId('streak').textContent).toContain('5 days');
    expect(await screen.findByText('Hello, Ana')).toBeTruthy();
    // the 7-day trend was requested by the range buttons and the chart carries both series
    act(() => screen.getByTestId('weight-range-7').click());
    const chart = await screen.findByTestId('weight-chart');
    expect(chart.querySelectorAll('circle').length).toBe(3);
    expect(chart.querySelectorAll('path').length).toBe(2);
    expect(screen.getAllByTestId('muscle-bars')[0].textContent).toContain('Chest');
    expect(calls.some((c) => c.path === '/actions/nutrition-summary' && c.query.get('days') === '7')).toBe(true);
    expect(await screen.findByTestId('macros-bars')).toBeTruthy();
  });
});

describe('auth', () => {
  it('shows the server message next to the named field', async () => {
    fakeApi([(c) => (c.path === '/auth/login' ? { status: 401, body: { error: { code: 'invalid_credentials', message: 'Wrong email or password.', field: 'password' } } } : undefined)]);
    const { AuthView } = await import('@/views/auth');
    renderPage(<AuthView mode="signin" />);
    fireEvent.change(await screen.findByLabelText('Email'), { target: { value: 'ana@example.com' } });
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'wrong-password' } });
    await act(async () => fireEvent.submit(screen.getByTestId('signin-form')));
    const pw = screen.getByLabelText('Password');
    await waitFor(() => expect(pw.getAttribute('aria-invalid')).toBe('true'));
    const err = document.getElementById(pw.getAttribute('aria-describedby')!)!;
    expect(err.textContent).toBe('Wrong email or password.');
  });

  it('validates sign-up locally before calling the server', async () => {
    const { calls } = fakeApi();
    const { AuthView } = await import('@/views/auth');
    renderPage(<AuthView mode="signup" />);
    fireEvent.change(await screen.findByLabelText('Name'), { target: { value: 'Ana' } });
    fireEvent.change(screen.getByLabelText('Email'), { target: { value: 'ana@example' } });
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'short' } });
    await act(async () => fireEvent.submit(screen.getByTestId('signup-form')));
    expect(screen.getByText('Enter a valid email address.')).toBeTruthy();
    expect(screen.getByText('Use at least 10 characters.')).toBeTruthy();
    expect(calls.filter((c) => c.path.startsWith('/auth/'))).toHaveLength(0);
  });

  it('signs up, stores tokens and goes to the profile', async () => {
    // Registration answers 202 whether or not the address was taken; the client then signs in.
    const { calls } = fakeApi([
      (c) => (c.path === '/auth/register' ? { status: 202, body: { status: 'accepted', message: 'sign in' } } : undefined),
      (c) => (c.path === '/auth/login' ? { status: 200, body: { user: { id: 1, email: 'ana@example.com', name: 'Ana' }, access_token: 'a', refresh_token: 'r', token_type: 'Bearer', expires_in: 900 } } : undefined),
    ]);
    const { AuthView } = await import('@/views/auth');
    renderPage(<AuthView mode="signup" />);
    fireEvent.change(await screen.findByLabelText('Name'), { target: { value: 'Ana' } });
    fireEvent.change(screen.getByLabelText('Email'), { target: { value: 'ana@example.com' } });
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'correct horse battery' } });
    await act(async () => fireEvent.submit(screen.getByTestId('signup-form')));
    await waitFor(() => expect(nav.replace).toHaveBeenCalledWith('/profile/?welcome=1'));
    expect(calls.find((c) => c.path === '/auth/register')!.body).toEqual({ email: 'ana@example.com', password: 'correct horse battery', name: 'Ana' });
    expect(calls.find((c) => c.path === '/auth/login')!.body).toEqual({ email: 'ana@example.com', password: 'correct horse battery' });
    expect(getRefreshToken()).toBe('r');
    // the new profile gets this device's language and time zone
    expect(calls.find((c) => c.path === '/profile' && c.method === 'PUT')!.body).toMatchObject({ language: 'en', timezone: expect.any(String) });
  });
});

describe('calculator', () => {
  it('converts imperial input to metric and explains every result', async () => {
    const { calls } = fakeApi();
    const { CalculatorView } = await import('@/views/calculator');
    renderPage(<CalculatorView />);
    act(() => screen.getByTestId('units-imperial').click());
    fireEvent.change(screen.getByLabelText('Sex'), { target: { value: 'male' } });
    fireEvent.change(screen.getByLabelText('Age (years)'), { target: { value: '35' } });
    fireEvent.change(screen.getByLabelText('Height (ft)'), { target: { value: '5' } });
    fireEvent.change(screen.getByLabelText('Height (in)'), { target: { value: '10' } });
    fireEvent.change(screen.getByLabelText('Weight (lb)'), { target: { value: '165' } });
    fireEvent.change(screen.getByLabelText('Goal'), { target: { value: 'lose' } });
    await act(async () => fireEvent.submit(screen.getByTestId('calculator-form')));
    await screen.findByTestId('calc-results');
    expect(calls.find((c) => c.path === '/calculator')!.body).toEqual({ sex: 'male', age: 35, height_cm: 177.8, weight_kg: 74.84, activity_level: 'moderate', goal: 'lose' });
    expect(screen.getByTestId('bmi-value').textContent).toContain('Healthy weight');
    expect(screen.getByTestId('target-kcal-value').textContent).toBe('1,670 kcal');
    expect(screen.getByTestId('goal-adjustment-value').textContent).toBe('−500 kcal');
    expect(screen.getByTestId('bmr-katch').textContent).toContain('Enter a body fat %');
    expect(screen.getByTestId('ideal-devine').textContent).toContain('lb'); // shown in the chosen units
    expect(screen.getByText(/Weight in kg divided by height/)).toBeTruthy();
  });

  it('names the field the server rejected', async () => {
    fakeApi([(c) => (c.path === '/calculator' ? { status: 422, body: { error: { code: 'invalid', message: 'age must be between 15 and 100', field: 'age' } } } : undefined)]);
    const { CalculatorView } = await import('@/views/calculator');
    renderPage(<CalculatorView />);
    fireEvent.change(screen.getByLabelText('Sex'), { target: { value: 'female' } });
    fireEvent.change(screen.getByLabelText('Age (years)'), { target: { value: '40' } });
    fireEvent.change(screen.getByLabelText('Height (cm)'), { target: { value: '165' } });
    fireEvent.change(screen.getByLabelText('Weight (kg)'), { target: { value: '60' } });
    await act(async () => fireEvent.submit(screen.getByTestId('calculator-form')));
    await waitFor(() => expect(screen.getByLabelText('Age (years)').getAttribute('aria-invalid')).toBe('true'));
    expect(screen.getByText('Age must be between 15 and 100.')).toBeTruthy();
  });
});

describe('recipes', () => {
  it('reads filters from the URL, queries the API and writes changes back to the URL', async () => {
    nav.params = new URLSearchParams('q=dal&diet=vegan&page=2');
    const { calls } = fakeApi();
    const { RecipesList } = await import('@/views/recipes');
    renderPage(<RecipesList />);
    expect((await screen.findAllByTestId('recipe-card')).length).toBe(3);
    const req = calls.find((c) => c.path === '/nutrition-data/recipes')!;
    expect(Object.fromEntries(req.query)).toEqual({ q: 'dal', diet: 'vegan', page: '2', limit: '12' });
    expect(screen.getByTestId('result-count').textContent).toBe('40 results');
    expect(screen.getByTestId('page-2').getAttribute('aria-current')).toBe('page');
    expect(screen.getByTestId('pagination-next').getAttribute('href')).toBe('/recipes/?q=dal&diet=vegan&page=3');
    expect((screen.getByLabelText('Search recipes') as HTMLInputElement).value).toBe('dal');
    // a filter change resets to page 1 and keeps the rest
    fireEvent.change(screen.getByLabelText('Meal type'), { target: { value: 'dinner' } });
    expect(nav.push).toHaveBeenLastCalledWith('/recipes/?q=dal&diet=vegan&meal_type=dinner', { scroll: false });
    fireEvent.click(within(screen.getByTestId('filter-allergens')).getByLabelText('Soy'));
    expect(nav.push).toHaveBeenLastCalledWith('/recipes/?q=dal&diet=vegan&exclude_allergens=soy&meal_type=dinner', { scroll: false });
    fireEvent.change(screen.getByLabelText('Max kcal per serving'), { target: { value: '600' } });
    fireEvent.change(screen.getByLabelText('Search recipes'), { target: { value: 'lentil' } });
    fireEvent.submit(screen.getByTestId('filters'));
    expect(nav.push).toHaveBeenLastCalledWith('/recipes/?q=lentil&diet=vegan&exclude_allergens=soy&meal_type=dinner&max_kcal=600', { scroll: false });
  });

  it('shows an empty state and a retry on errors', async () => {
    let fail = true;
    fakeApi([(c) => (c.path === '/nutrition-data/recipes' ? (fail ? { status: 500, body: { error: { code: 'internal', message: 'boom' } } } : { body: { items: [], page: 1, limit: 12, total: 0, next_cursor: null } }) : undefined)]);
    const { RecipesList } = await import('@/views/recipes');
    renderPage(<RecipesList />);
    expect((await screen.findByTestId('error-state')).textContent).toContain('Something went wrong');
    fail = false;
    act(() => screen.getByTestId('retry').click());
    expect((await screen.findByTestId('empty-state')).textContent).toContain('No recipes match');
  });

  it('detail: scales the label and ingredients with the servings', async () => {
    nav.params = new URLSearchParams('id=7&servings=2');
    fakeApi();
    const { RecipeView } = await import('@/views/recipe');
    renderPage(<RecipeView />);
    expect(await screen.findByTestId('recipe-detail')).toBeTruthy();
    expect(screen.getByTestId('label-kcal').textContent).toBe('820');
    expect(screen.getAllByTestId('ingredient-grams')[0].textContent).toBe('200 g'); // 400 g for 4 servings -> 2 servings
    act(() => screen.getByTestId('servings-inc').click());
    expect(nav.replace).toHaveBeenCalledWith('/recipes/view/?id=7&servings=2.5', { scroll: false });
  });

  it('detail: missing recipe gets a friendly not-found', async () => {
    nav.params = new URLSearchParams('id=404');
    fakeApi();
    const { RecipeView } = await import('@/views/recipe');
    renderPage(<RecipeView />);
    expect((await screen.findByTestId('not-found')).textContent).toContain("doesn't exist");
  });
});

describe('workouts', () => {
  it('lists with filters in the URL including bodyweight only', async () => {
    nav.params = new URLSearchParams('equipment=none&max_minutes=30');
    const { calls } = fakeApi();
    const { WorkoutsList } = await import('@/views/workouts');
    renderPage(<WorkoutsList />);
    expect((await screen.findAllByTestId('workout-card')).length).toBe(2);
    expect(Object.fromEntries(calls.find((c) => c.path === '/nutrition-data/workouts')!.query)).toEqual({ equipment: 'none', max_minutes: '30', page: '1', limit: '12' });
    fireEvent.change(screen.getByLabelText('Muscle group'), { target: { value: 'chest' } });
    expect(nav.push).toHaveBeenLastCalledWith('/workouts/?muscle=chest&equipment=none&max_minutes=30', { scroll: false });
  });

  it('detail shows sets and reps and logs the workout', async () => {
    signIn();
    nav.params = new URLSearchParams('id=3');
    const { calls } = fakeApi();
    const { WorkoutView } = await import('@/views/workout');
    renderPage(<WorkoutView />);
    expect(await screen.findByText('3 × 12')).toBeTruthy();
    expect(screen.getByText('45 s')).toBeTruthy();
    await act(async () => screen.getByTestId('log-workout').click());
    expect(await screen.findByTestId('logged')).toBeTruthy();
    const body = calls.find((c) => c.path === '/health/workout-log')!.body as Record<string, unknown>;
    expect(body).toMatchObject({ workout_id: 3, duration_minutes: 30 });
    expect(String(body.performed_at)).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/);
  });
});

describe('meals', () => {
  it('generates a plan, shows totals vs targets, swaps a meal and lists groceries', async () => {
    signIn();
    const { calls } = fakeApi();
    const { MealsView } = await import('@/views/meals');
    const view = renderPage(<MealsView />);
    expect(await screen.findByTestId('saved-plan')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Days'), { target: { value: '7' } });
    fireEvent.click(screen.getByLabelText('Set macro split'));
    fireEvent.change(screen.getByLabelText('Protein %'), { target: { value: '35' } });
    fireEvent.change(screen.getByLabelText('Carbs %'), { target: { value: '35' } });
    fireEvent.click(within(screen.getByTestId('plan-allergens')).getByLabelText('Peanut'));
    await act(async () => fireEvent.submit(screen.getByTestId('generate-form')));
    expect(calls.find((c) => c.path === '/actions/generate-meal-plan')!.body).toEqual({ days: 7, meals_per_day: 3, macros: { protein_pct: 35, fat_pct: 30, carbs_pct: 35 }, exclude_allergens: ['peanut'] });
    expect(nav.replace).toHaveBeenCalledWith('/meals/?plan=42', { scroll: false });
    // the URL now names the plan
    nav.params = new URLSearchParams('plan=42');
    view.rerender(
      <I18nProvider>
        <AuthProvider>
          <MealsView />
        </AuthProvider>
      </I18nProvider>,
    );
    expect(await screen.findByTestId('meal-plan')).toBeTruthy();
    expect(within(screen.getByTestId('plan-day-1')).getByTestId('day-kcal').textContent).toBe('1,990 / 2,000 kcal');
    expect(screen.getAllByTestId('grocery-amount').map((e) => e.textContent)).toEqual(['1.3 kg', '240 g']);
    await act(async () => screen.getByTestId('swap-1-breakfast').click());
    expect(await screen.findByText('Swapped oats')).toBeTruthy();
    expect(calls.find((c) => c.path === '/meal-plans/42/swap')!.body).toEqual({ day: 1, slot: 'breakfast' });
  });

  it('refuses macro splits that do not sum to 100', async () => {
    signIn();
    const { calls } = fakeApi();
    const { MealsView } = await import('@/views/meals');
    renderPage(<MealsView />);
    fireEvent.click(await screen.findByLabelText('Set macro split'));
    fireEvent.change(screen.getByLabelText('Protein %'), { target: { value: '50' } });
    await act(async () => fireEvent.submit(screen.getByTestId('generate-form')));
    expect(screen.getByText('Total: 120% (must be 100)')).toBeTruthy();
    expect(calls.some((c) => c.path === '/actions/generate-meal-plan')).toBe(false);
  });
});

describe('health', () => {
  it('logs weight in the user units and water with one tap', async () => {
    signIn();
    localStorage.setItem('th.units', 'imperial');
    const { calls } = fakeApi();
    const { HealthView } = await import('@/views/health');
    renderPage(<HealthView />);
    fireEvent.change(await screen.findByLabelText('Weight (lb)'), { target: { value: '150' } });
    await act(async () => fireEvent.submit(screen.getByTestId('weight-input').closest('form')!));
    expect(await screen.findByTestId('log-weight-done')).toBeTruthy();
    const w = calls.find((c) => c.path === '/health/weights' && c.method === 'POST')!.body as Record<string, unknown>;
    expect(w.weight_kg).toBe(68.04);
    expect(String(w.measured_at)).toMatch(/[+-]\d\d:\d\d$/);
    await act(async () => screen.getByTestId('water-quick-8').click());
    const water = calls.find((c) => c.path === '/health/water')!.body as Record<string, unknown>;
    expect(water.ml).toBe(237);
    expect(await screen.findByTestId('history-steps')).toBeTruthy();
  });

  it('logs a food by grams after picking it from the search', async () => {
    signIn();
    const { calls } = fakeApi();
    const { HealthView } = await import('@/views/health');
    renderPage(<HealthView />);
    fireEvent.change(await screen.findByLabelText('Search foods'), { target: { value: 'oats' } });
    const option = await screen.findByTestId('food-option', {}, { timeout: 2000 });
    act(() => option.click());
    fireEvent.change(screen.getByLabelText('Grams (g)'), { target: { value: '80' } });
    fireEvent.change(screen.getByLabelText('Meal'), { target: { value: 'breakfast' } });
    await act(async () => fireEvent.submit(screen.getByTestId('food-amount').closest('form')!));
    await screen.findByTestId('log-food-done');
    expect(calls.find((c) => c.path === '/health/food-log' && c.method === 'POST')!.body).toMatchObject({ food_id: 20, grams: 80, meal_slot: 'breakfast' });
  });
});

describe('profile', () => {
  it('converts between units and saves metric values', async () => {
    signIn();
    const { calls } = fakeApi();
    const { ProfileView } = await import('@/views/profile');
    renderPage(<ProfileView />);
    expect(((await screen.findByLabelText('Weight (kg)')) as HTMLInputElement).value).toBe('65');
    fireEvent.change(screen.getByLabelText('Units'), { target: { value: 'imperial' } });
    expect((screen.getByLabelText('Weight (lb)') as HTMLInputElement).value).toBe('143.3');
    expect((screen.getByLabelText('Height (ft)') as HTMLInputElement).value).toBe('5');
    expect((screen.getByLabelText('Height (in)') as HTMLInputElement).value).toBe('6.9');
    fireEvent.click(within(screen.getByTestId('profile-allergies')).getByLabelText('Sesame'));
    await act(async () => fireEvent.submit(screen.getByTestId('profile-form')));
    expect(await screen.findByTestId('profile-saved')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Weight (lb)'), { target: { value: '150' } });
    await act(async () => fireEvent.submit(screen.getByTestId('profile-form')));
    expect(calls.filter((c) => c.path === '/profile' && c.method === 'PUT')[1].body).toEqual({ weight_kg: 68.04 });
    const body = calls.find((c) => c.path === '/profile' && c.method === 'PUT')!.body as Record<string, unknown>;
    // only what changed is sent: untouched height/weight are not rewritten by the units round trip
    expect(body).toEqual({ units: 'imperial', allergies: ['peanut', 'sesame'] });
    expect(localStorage.getItem('th.units')).toBe('imperial');
  });

  it('requires typing DELETE before deleting the account', async () => {
    signIn();
    const { calls } = fakeApi([(c) => (c.path === '/account' && c.method === 'DELETE' ? { status: 204 } : undefined)]);
    const { ProfileView } = await import('@/views/profile');
    renderPage(<ProfileView />);
    fireEvent.click(await screen.findByTestId('delete-account'));
    const confirm = screen.getByTestId('delete-confirm-button') as HTMLButtonElement;
    expect(confirm.disabled).toBe(true);
    fireEvent.change(screen.getByLabelText('Type DELETE'), { target: { value: 'DELETE' } });
    expect(confirm.disabled).toBe(false);
    await act(async () => confirm.click());
    await waitFor(() => expect(nav.replace).toHaveBeenCalledWith('/'));
    expect(calls.some((c) => c.path === '/account' && c.method === 'DELETE')).toBe(true);
    expect(getRefreshToken()).toBeNull();
  });
});
