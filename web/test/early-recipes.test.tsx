import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/react';
import { Suspense } from 'react';
import { I18nProvider } from '@/lib/i18n';
import { __resetApiForTests } from '@/lib/api';
import { earlyRecipeStrings, paintRecipes, recipeTemplate } from '../scripts/early-recipes.mjs';
import { earlyData, englishMessages } from '../scripts/paint-first.mjs';
import early from '@/lib/early-data.json';
import { fakeApi, recipe as fakeRecipe } from './fake-api';

vi.mock('next/navigation', () => ({
  useRouter: () => ({ push: vi.fn(), replace: vi.fn(), back: vi.fn(), prefetch: vi.fn(), refresh: vi.fn() }),
  usePathname: () => '/recipes/',
  useSearchParams: () => new URLSearchParams(),
}));

const strings = earlyRecipeStrings(englishMessages());
const template = (() => {
  const box = document.createElement('div');
  box.innerHTML = recipeTemplate(englishMessages());
  return box.firstChild as HTMLTemplateElement;
})();
// What the page's script draws for one answer, as HTML; '' for nothing.
const draw = (body: unknown, paint = paintRecipes) => paint(body, strings, template)?.outerHTML ?? '';

// fake-api's recipe, with values that reach the painter's edge cases.
const recipe = (id: number, over: Record<string, unknown> = {}) =>
  fakeRecipe(id, { cuisine: 'middle_eastern', meal_type: 'dinner', prep_minutes: 25, diet_tags: ['vegan', 'gluten_free', 'dairy_free', 'halal'], nutrition_per_serving: { kcal: 1234.5, protein_g: 31.5 }, ...over });

// Answers that exercise every branch of the card and of page 1's pagination.
const answers = {
  'many pages, odd values': {
    items: [
      recipe(1),
      recipe(2, { name: 'Fish & chips <b>"crisp"</b> \'n\' peas', cuisine: '', meal_type: 'brunch', diet_tags: ['pescatarian', 'low_fodmap'] }),
      recipe(3, { meal_type: null, diet_tags: [], prep_minutes: 0, nutrition_per_serving: { kcal: null, protein_g: 0.49 } }),
      recipe(4, { nutrition_per_serving: { kcal: 12345678, protein_g: 2.5 } }),
    ],
    page: 1,
    limit: 12,
    total: 300000,
  },
  'two pages': { items: [recipe(5)], page: 1, limit: 12, total: 13 },
  'three pages': { items: [recipe(6)], page: 1, limit: 12, total: 36 },
  'four pages': { items: [recipe(7)], page: 1, limit: 12, total: 37 },
  'one page, one result': { items: [recipe(8)], page: 1, limit: 12, total: 1 },
};

// The same markup, whoever wrote it: the DOM's serialisation of both, less the test ids
// (which only React's copy carries, so the e2e tests wait for React's cards).
function normalise(html: string): string {
  const box = document.createElement('div');
  box.innerHTML = html;
  box.querySelectorAll('[data-testid]').forEach((e) => e.removeAttribute('data-testid'));
  return box.innerHTML;
}

beforeEach(() => {
  __resetApiForTests();
  delete window.__thEarlyPaint;
});

describe('early recipes (scripts/early-recipes.mjs)', () => {
  for (const [name, body] of Object.entries(answers)) {
    it(`draws what React draws: ${name}`, async () => {
      fakeApi([(c) => (c.path === '/nutrition-data/recipes' ? { body: { ...body, next_cursor: null } } : undefined)]);
      const { RecipeResults } = await import('@/views/recipe-results');
      render(
        <I18nProvider>
          <Suspense fallback={null}>
            <RecipeResults qs="" active={false} />
          </Suspense>
        </I18nProvider>,
      );
      await screen.findAllByTestId('recipe-card');
      const react = screen.getByTestId('recipe-results').innerHTML;
      const drawn = draw(body);
      expect(drawn).not.toBe('');
      expect(normalise(drawn)).toBe(normalise(react));
    });
  }

  it('escapes what it writes', () => {
    const html = draw({ items: [recipe(1, { name: '<img src=x onerror=alert(1)>', cuisine: '"><script>' })], page: 1, limit: 12, total: 1 });
    const box = document.createElement('div');
    box.innerHTML = html;
    expect(box.querySelector('img, script')).toBeNull();
    expect(box.querySelector('h2')!.textContent).toBe('<img src=x onerror=alert(1)>');
  });

  it('leaves the skeleton for anything but a first page with results', () => {
    expect(draw({ items: [], page: 1, limit: 12, total: 0 })).toBe('');
    expect(draw({ items: [recipe(1)], page: 2, limit: 12, total: 30 })).toBe('');
    expect(draw({ error: { code: 'internal' } })).toBe('');
    expect(draw(null)).toBe('');
  });

  it('works as the source text the page inlines', () => {
    const inlined = new Function(`return ${paintRecipes.toString()}`)() as typeof paintRecipes;
    const body = answers['many pages, odd values'];
    expect(draw(body, inlined)).toBe(draw(body));
  });
});

describe('early recipes in the page (scripts/paint-first.mjs)', () => {
  const page = '<!DOCTYPE html><html lang="en"><head><title>T</title></head><body><main></main></body></html>';
  const body = answers['two pages'];

  // Runs the Recipes page's early-data script in this document, with fetch faked.
  async function runScript(lang: string, pending = false) {
    const html = earlyData(page, (early as Record<string, { signedIn: boolean; get: string[]; paint?: string }>)['/recipes/'], englishMessages());
    const code = html.match(/<script data-early-data="">([\s\S]*?)<\/script>/)![1];
    document.body.innerHTML = '<main><div data-early-slot="">skeleton</div></main>' + html.match(/<template data-early-recipes[\s\S]*<\/template>/)![0];
    document.documentElement.lang = lang;
    if (pending) document.documentElement.classList.add('lang-pending');
    const response = new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } });
    const fetch = vi.fn(async () => response);
    new Function('fetch', code)(fetch);
    const res = await window.__thEarly!['/nutrition-data/recipes?page=1&limit=12'].res;
    await new Promise((r) => setTimeout(r, 0));
    return { res, main: document.querySelector('main')! };
  }

  it('draws the first page into the prerendered slot and keeps the response whole for the app', async () => {
    const { res, main } = await runScript('en');
    expect(main.querySelector('[data-early-slot]')).toBeNull();
    expect(main.innerHTML).toBe(draw(body));
    expect(window.__thEarlyPaint?.html).toBe(draw(body));
    expect(await res!.json()).toEqual(body);
  });

  it('draws nothing on an Arabic page, or one waiting for its strings', async () => {
    for (const [lang, pending] of [['ar', false], ['en', true]] as const) {
      delete window.__thEarlyPaint;
      const { main } = await runScript(lang, pending);
      expect(main.textContent).toBe('skeleton');
      expect(window.__thEarlyPaint).toBeUndefined();
    }
  });
});

describe('the list while it loads (src/views/recipes-loading.tsx)', () => {
  const html = '<div class="transition-opacity"><p>drawn early</p></div>';
  const shows = async () => {
    const { RecipesLoading } = await import('@/views/recipes-loading');
    const i18n = await import('@/lib/i18n');
    const { container, unmount } = render(
      <i18n.I18nProvider>
        <RecipesLoading />
      </i18n.I18nProvider>,
    );
    const text = container.textContent;
    unmount();
    return text;
  };

  it('shows the early drawing on the plain /recipes/ URL until React has drawn the list', async () => {
    // modules afresh: the tests above had React draw the list, which retires the drawing for good
    vi.resetModules();
    const { dropEarlyRecipes } = await import('@/lib/early-paint');
    window.history.pushState({}, '', '/recipes/');
    window.__thEarlyPaint = { html };
    expect(await shows()).toBe('drawn early');
    window.history.pushState({}, '', '/recipes/?page=2');
    expect(await shows()).toBe('Loading…');
    window.history.pushState({}, '', '/recipes/');
    dropEarlyRecipes();
    expect(await shows()).toBe('Loading…');
    // the document's script stored its drawing after React's list: out of date
    window.__thEarlyPaint = { html };
    expect(await shows()).toBe('Loading…');
  });
});
