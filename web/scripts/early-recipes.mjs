// The first page of Recipes drawn from the document's early response (see
// paint-first.mjs, earlyData), before the framework has loaded.
//
// Why: the recipe cards are the page's largest text (its LCP). In a static
// export React draws them only after its ~150 KB of scripts have arrived, run
// and hydrated: 2.7-3.3 s on Lighthouse's mobile model, against 0.9 s for the
// first paint. The document already asks for the first page while it parses,
// so the cards can be drawn as soon as that answer is in.
//
// Two parts, so that the page's JavaScript stays small (first-load JS counts
// inline scripts, and Recipes had 1.4 KB left of its 150 KB):
// - recipeTemplate: the markup, as a <template> in the page (HTML, built here
//   with the English strings baked in);
// - paintRecipes: a small function that clones it and fills in one answer. It
//   is inlined into the page as source text (Function.toString), so it must
//   not refer to anything outside itself.
// Together they write the markup React's RecipeResults writes inside its
// <section> for the same answer (src/views/recipe-results.tsx,
// components/Pagination.tsx, components/ui.tsx Tag), less the data-testid
// attributes, so React's first render replaces it without a visible change.
// test/early-recipes.test.tsx renders both and compares them: change the card
// there and that test fails until this follows.

const PAGER = 'inline-flex min-h-10 min-w-10 items-center justify-center rounded-lg border px-3 text-sm font-medium';
const chevron = (d) =>
  `<svg aria-hidden="true" viewBox="0 0 20 20" class="size-4 rtl:-scale-x-100" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round"><path d="${d}"></path></svg>`;
const esc = (v) => String(v).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

// The parts paintRecipes clones, each marked data-k (the mark is removed once filled).
export function recipeTemplate(messages) {
  const t = (path) => esc(message(messages, path));
  return (
    '<template data-early-recipes="">' +
    '<div data-k="page" class="transition-opacity"><p class="mb-3 text-sm text-muted"></p><ul class="grid gap-3 sm:grid-cols-2 xl:grid-cols-3"></ul></div>' +
    '<li data-k="card" class="relative flex min-h-40 flex-col rounded-2xl border border-line bg-card p-4 hover:border-brand"><h2 class="font-semibold leading-snug">' +
    '<a href="" class="after:absolute after:inset-0 hover:underline"></a></h2><p class="mt-1 text-sm text-muted"></p><div class="mt-auto flex items-end justify-between gap-2 pt-3">' +
    `<div class="flex flex-wrap gap-1"></div><div class="text-end"><p class="tabular text-lg font-bold"> <span class="text-sm font-normal text-muted">${t('units.kcal')}</span></p>` +
    `<p class="text-xs text-muted">${t('recipes.perServing')}</p><p class="tabular text-xs text-muted"></p></div></div></li>` +
    '<span data-k="tag" class="inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium bg-soft text-ink"></span>' +
    `<nav data-k="nav" aria-label="${t('common.pagination')}" class="mt-6 flex flex-col items-center gap-2"><ul class="flex flex-wrap items-center justify-center gap-1">` +
    `<li><span aria-disabled="true" class="${PAGER} border-line text-muted opacity-50">${chevron('M12 5l-5 5 5 5')}<span class="max-sm:sr-only">${t('common.previous')}</span></span></li>` +
    `<li><a href="/recipes/?page=2" rel="next" class="${PAGER} border-line bg-card hover:bg-soft"><span class="max-sm:sr-only">${t('common.next')}</span>${chevron('M8 5l5 5-5 5')}</a></li>` +
    '</ul><p class="text-sm text-muted"></p></nav>' +
    `<li data-k="num"><a href="" aria-label="" class="${PAGER} tabular border-line bg-card hover:bg-soft"></a></li>` +
    `<li data-k="cur"><a href="/recipes/" aria-current="page" aria-label="" class="${PAGER} tabular border-brand bg-brand text-on-brand"></a></li>` +
    '<li data-k="gap" aria-hidden="true" class="px-1 text-muted">…</li>' +
    '</template>'
  );
}

// The strings paintRecipes still formats at run time.
export function earlyRecipeStrings(messages) {
  const m = (path) => message(messages, path);
  return {
    prep: m('recipes.prep'),
    protein: m('recipes.protein'),
    mealType: unusual(m('enum.mealType')),
    diet: unusual(m('enum.diet')),
    // (never zero: an empty answer is not drawn)
    one: m('common.results.one'),
    other: m('common.results.other'),
    page: m('common.page'),
    goToPage: m('common.goToPage'),
  };
}

// The labels paintRecipes' human() would not write by itself ("gluten_free" is
// "Gluten-free", not "Gluten free"): the rest need not travel in the script.
function unusual(labels) {
  const human = (v) => v.charAt(0).toUpperCase() + v.slice(1).replace(/_/g, ' ');
  return Object.fromEntries(Object.entries(labels).filter(([value, text]) => text !== human(value)));
}

// One lookup per key in messages/en.json, so a renamed key fails the build
// rather than drawing the key itself.
function message(messages, path) {
  const v = path.split('.').reduce((o, k) => (o && typeof o === 'object' ? o[k] : undefined), messages);
  if (v === undefined) throw new Error(`early-recipes: no message ${path}`);
  return v;
}

// The filled-in page (a detached element) for one answer, drawn from the
// template T; null when there is nothing it should draw (no items, or an
// answer it does not expect), which leaves the skeleton in place.
export function paintRecipes(body, S, T) {
  var items = body && body.items, total = body && body.total, limit = body && body.limit;
  if (!Array.isArray(items) || !items.length || typeof total !== 'number' || !(limit > 0) || body.page !== 1) return null;
  function part(k) {
    var e = T.content.querySelector('[data-k="' + k + '"]').cloneNode(true);
    e.removeAttribute('data-k');
    return e;
  }
  // What api/normalize.ts numOr(v, 0) keeps of a number the API sent.
  function or0(v) {
    return typeof v === 'number' && isFinite(v) ? v : 0;
  }
  // Intl.NumberFormat('en', { maximumFractionDigits: 0 }) for what is drawn here (counts, kcal,
  // grams, minutes; never negative): half up, "," between thousands.
  function num(v) {
    for (var s = String(Math.round(v)), o = '', i = 0; i < s.length; i++) o += (i > 0 && (s.length - i) % 3 === 0 ? ',' : '') + s[i];
    return o;
  }
  function fill(s, v) {
    return s.replace(/\{(\w+)\}/g, function (m, k) {
      return k in v ? v[k] : m;
    });
  }
  function human(v) {
    var s = String(v).replace(/_/g, ' ');
    return s.charAt(0).toUpperCase() + s.slice(1);
  }
  function label(g, v) {
    return S[g].hasOwnProperty(v) ? S[g][v] : human(v);
  }
  var page = part('page'), ps = page.children;
  ps[0].textContent = fill(total === 1 ? S.one : S.other, { count: num(total) });
  items.forEach(function (r) {
    var c = part('card'), a = c.querySelector('a'), p = c.querySelectorAll('p'), n = r.nutrition_per_serving || {};
    a.href = '/recipes/view/?id=' + or0(r.id);
    a.textContent = typeof r.name === 'string' ? r.name : '';
    p[0].textContent = [r.cuisine && human(r.cuisine), r.meal_type && label('mealType', r.meal_type), fill(S.prep, { count: num(or0(r.prep_minutes)) })].filter(Boolean).join(' · ');
    (Array.isArray(r.diet_tags) ? r.diet_tags : []).filter(function (d) {
      return typeof d === 'string';
    }).slice(0, 3).forEach(function (d) {
      var t = part('tag');
      t.textContent = label('diet', d);
      c.querySelector('.flex-wrap').appendChild(t);
    });
    p[1].prepend(num(or0(n.kcal)));
    p[3].textContent = fill(S.protein, { count: num(or0(n.protein_g)) });
    ps[1].appendChild(c);
  });
  // Page 1 of components/Pagination.tsx: "previous" disabled, pages 1, 2, a gap, the last, "next".
  var pages = Math.ceil(total / limit);
  if (pages > 1) {
    var nav = part('nav'), ul = nav.firstChild, next = ul.lastChild;
    [1, 2, pages > 3 && 'gap', pages > 2 && pages].forEach(function (k) {
      if (!k) return;
      var li = part(k === 1 ? 'cur' : k === 'gap' ? 'gap' : 'num'), a = li.firstChild;
      if (k !== 'gap') {
        if (k !== 1) a.href = '/recipes/?page=' + k;
        a.setAttribute('aria-label', fill(S.goToPage, { page: num(k) }));
        a.textContent = num(k);
      }
      ul.insertBefore(li, next);
    });
    nav.lastChild.textContent = fill(S.page, { page: num(1), count: num(pages) });
    page.appendChild(nav);
  }
  return page;
}
