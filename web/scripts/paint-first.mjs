#!/usr/bin/env node
/**
 * Paint first, then hydrate: rewrites every exported page in out/ so that the
 * first paint needs the HTML document and nothing else.
 *
 * - Scripts. Next.js loads its chunks with <script async>. On a fast
 *   connection they arrive before the first frame and the browser runs them
 *   (module setup and React hydration: 60-90 ms on this machine, four times
 *   that on a mid-range phone) before painting a page whose HTML is already
 *   complete; on a slow one they share the connection with the page. Here a
 *   small inline loader inserts them once the first contentful paint has been
 *   reported, at once when nothing can paint first (a hidden tab, an Arabic
 *   page waiting for its strings), and in any case two frames plus 500 ms
 *   later. Scripts inserted by script are async, so they
 *   run as before: whichever arrives first.
 * - The stylesheet goes inline (inlineStylesheets). (The tab icon is a data:
 *   URL already, from the layout's metadata.)
 *
 * - Early data (earlyData). The Dashboard and Recipes draw their largest text
 *   from the API. Their data was requested once the framework had loaded and
 *   hydrated, one more round trip after it. A page listed in
 *   src/lib/early-data.json starts those GETs from an inline script in its
 *   <head>, and src/lib/api.ts answers the app's first request for the same
 *   URL with that response. Recipes also draws its first page from that
 *   response before the framework loads (early-recipes.mjs).
 *
 * Inline scripts and styles are hashed into the page's Content-Security-Policy
 * by the embedder (src/build/embed_web.cpp), like Next's own inline scripts.
 * Idempotent: a page that already has the loader is left alone.
 * Usage: node scripts/paint-first.mjs [outDir]
 */
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { earlyRecipeStrings, paintRecipes, recipeTemplate } from './early-recipes.mjs';

const MARK = 'data-paint-first';

function walk(dir) {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

export function paintFirst(html) {
  if (html.includes(MARK)) return html;
  const srcs = [];
  // Only async module-era scripts move; the noModule polyfill stays as it is
  // (browsers with ES modules never fetch it).
  const stripped = html.replace(/<script src="([^"]+)" async=""><\/script>/g, (_, src) => {
    srcs.push(src);
    return '';
  });
  if (srcs.length === 0) return html;
  // Next also preloads one of them; that fetch would share the connection
  // with nothing useful before the first paint, so it goes too.
  const moved = new Set(srcs);
  const unpreloaded = stripped.replace(/<link rel="preload" as="script"[^>]*href="([^"]+)"\/>/g, (tag, href) =>
    moved.has(href) ? '' : tag,
  );
  // go() once: on the first-contentful-paint entry (reported after the frame
  // is on screen); at once when nothing will paint before the scripts run: a
  // hidden tab, or an Arabic page the boot script keeps hidden until its
  // strings are in (html.lang-pending, src/app/layout.tsx); when the tab is
  // hidden; and two frames plus 500 ms later whatever happens, so a page
  // whose paint is never reported still comes alive.
  const loader =
    `<script ${MARK}="">(function(){var d=0,s=${JSON.stringify(srcs)};function go(){if(d)return;d=1;` +
    `s.forEach(function(u){var e=document.createElement("script");e.src=u;e.async=true;document.body.appendChild(e)})}` +
    `function soon(){setTimeout(go,0)}if(document.visibilityState!=="visible"||` +
    `document.documentElement.classList.contains("lang-pending"))return go();` +
    `document.addEventListener("visibilitychange",go);var f="first-contentful-paint";` +
    `try{if(performance.getEntriesByName(f).length)return soon();new PerformanceObserver(function(l){` +
    `if(l.getEntriesByName(f).length)soon()}).observe({type:"paint"})}catch(e){}` +
    `requestAnimationFrame(function(){requestAnimationFrame(function(){setTimeout(go,500)})})})()</script>`;
  const body = unpreloaded.lastIndexOf('</body>');
  if (body < 0) throw new Error('no </body>');
  return unpreloaded.slice(0, body) + loader + unpreloaded.slice(body);
}

// The route a file of the export serves: out/recipes/index.html -> /recipes/.
export function routeOf(outDir, file) {
  const rel = file.slice(outDir.length).replace(/\\/g, '/').replace(/^\/*/, '/');
  return rel.endsWith('/index.html') ? rel.slice(0, -'index.html'.length) : rel;
}

const EARLY_MARK = 'data-early-data';

// Pages whose first early GET is also drawn before the framework loads
// (early-data.json, "paint": NAME): the painter's source goes into the
// script, its template (marked data-early-NAME) into the page.
const PAINTERS = { recipes: { paint: paintRecipes, strings: earlyRecipeStrings, template: recipeTemplate } };

// Minified: inline scripts count as first-load JS. Terser is the copy
// Next.js ships (next is pinned in package.json).
function minify(code) {
  const out = createRequire(import.meta.url)('next/dist/compiled/terser').minify_sync(code, { compress: true, mangle: true }).code;
  if (!out) throw new Error('early-data: minified to nothing');
  return out;
}

// Starts the page's first API GETs (early-data.json) from the document,
// in parallel with the scripts: with the same Authorization the app would
// send, only on the page's plain URL (a query string changes what the app
// asks for), and for a "signedIn" page only with an access token. A page
// with only a refresh token skips it: the app refreshes first. The
// responses wait in window.__thEarly for api() (src/lib/api.ts).
//
// With "paint", a 200 for the first GET is also drawn at once into the
// prerendered element marked data-early-slot (early-recipes.mjs: its
// template goes at the end of <body>, its filling-in function into the
// script), on an English page only (messages: messages/en.json unless
// given), and kept in window.__thEarlyPaint for the app's own loading
// states (src/lib/early-paint.ts). The body is read from a clone, so api()
// still gets the response whole.
export function earlyData(html, entry, messages = undefined) {
  if (!entry || html.includes(EARLY_MARK)) return html;
  let paint = '';
  let template = '';
  if (entry.paint) {
    const painter = PAINTERS[entry.paint];
    if (!painter) throw new Error(`early-data: no painter ${entry.paint}`);
    const en = messages ?? englishMessages();
    template = painter.template(en);
    paint =
      `var P=${painter.paint.toString()},S=${JSON.stringify(painter.strings(en))};` +
      `function paint(b){var d=document;function go(){var e=d.documentElement,T=d.querySelector("template[data-early-${entry.paint}]"),s=d.querySelector("[data-early-slot]"),n;` +
      `if(e.lang=="en"&&!e.classList.contains("lang-pending")&&T&&(n=P(b,S,T))){n=n.outerHTML;window.__thEarlyPaint={html:n};if(s)s.outerHTML=n}}` +
      `d.readyState=="loading"?d.addEventListener("DOMContentLoaded",go):go()}`;
  }
  const then = paint ? `.then(function(r){if(i===0&&r.ok)r.clone().json().then(paint,function(){});return r})` : '';
  const code =
    `(function(){try{if(location.search)return;` +
    `var t=sessionStorage.getItem("th.access"),r=localStorage.getItem("th.refresh");` +
    `if(${entry.signedIn ? '!t' : 'r&&!t'})return;var h={Accept:"application/json"};` +
    `if(t)h.Authorization="Bearer "+t;var m=window.__thEarly={},at=Date.now();${paint}` +
    `${JSON.stringify(entry.get)}.forEach(function(u,i){m[u]={at:at,token:t,res:fetch("/api/v1"+u,` +
    `{headers:h,credentials:"same-origin",cache:"no-store"})${then}.catch(function(){return null})}})}catch(e){}})()`;
  const script = `<script ${EARLY_MARK}="">${minify(code)}</script>`;
  if (/<\/script/i.test(script.slice(8, -9))) throw new Error('early-data: </script inside the script');
  const head = html.indexOf('</head>');
  const body = html.lastIndexOf('</body>');
  if (head < 0 || body < 0) throw new Error('no </head> or </body>');
  return html.slice(0, head) + script + html.slice(head, body) + template + html.slice(body);
}

// The English messages (messages/en.json, their single source), for painted pages.
export function englishMessages(file = join(dirname(fileURLToPath(import.meta.url)), '../messages/en.json')) {
  return JSON.parse(readFileSync(file, 'utf8'));
}

// The scripts a page loads at once: its <script src> tags (less the noModule
// polyfill, which browsers with ES modules skip) and those the loader inserts.
// What "first-load JS" counts (scripts/size-report.mjs, bench/web).
export function pageScripts(html) {
  const tags = [...html.matchAll(/<script([^>]*)\ssrc="([^"]+)"([^>]*)>/g)]
    .filter((m) => !/nomodule/i.test(m[1] + m[3]))
    .map((m) => m[2]);
  const loader = html.match(new RegExp(`<script ${MARK}="">\\(function\\(\\)\\{var d=0,s=(\\[[^\\]]*\\])`));
  return [...new Set([...tags, ...(loader ? JSON.parse(loader[1]) : [])])];
}

// The app's stylesheet inside the page. A <link rel="stylesheet"> holds the
// first paint until a second request comes back: one more round trip (150 ms
// on Lighthouse's mobile profile) for 7 KB that compress with the page. The
// <link> stays, disabled, so the browser does not fetch it: React finds it by
// its href and counts the stylesheet as present, so client-side navigation
// never inserts it again. The embedder hashes the <style> into the page's
// style-src.
export function inlineStylesheets(html, readCss) {
  return html.replace(/<link rel="stylesheet" href="([^"]+\.css)" data-precedence="([^"]+)"\/>/g, (_, href, precedence) => {
    const css = readCss(href);
    if (/<\/style/i.test(css)) throw new Error(`${href} contains </style`);
    return `<style data-href="${href}">${css}</style><link rel="stylesheet" href="${href}" data-precedence="${precedence}" disabled=""/>`;
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const outDir = process.argv[2] || 'out';
  let pages = 0;
  const readCss = (href) => readFileSync(join(outDir, decodeURI(href).replace(/^\//, '')), 'utf8');
  const early = JSON.parse(readFileSync(new URL('../src/lib/early-data.json', import.meta.url), 'utf8'));
  const messages = englishMessages();
  for (const file of walk(outDir).filter((f) => f.endsWith('.html'))) {
    const html = readFileSync(file, 'utf8');
    const next = earlyData(inlineStylesheets(paintFirst(html), readCss), early[routeOf(outDir, file)], messages);
    if (next !== html) {
      writeFileSync(file, next);
      pages++;
    }
  }
  console.log(`paint-first: ${pages} page(s) now hydrate after their first paint, with the stylesheet inline`);
}
