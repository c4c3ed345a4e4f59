#!/usr/bin/env node
/**
 * Cheap project lint (no ESLint dependency):
 *  - source: no eval/new Function, no external URLs (no CDNs or fonts at run time),
 *    dangerouslySetInnerHTML only for the layout's boot script and the Recipes list's loading
 *    state (it shows the serialised DOM the page's early script built with textContent,
 *    scripts/early-recipes.mjs), no inline event-handler strings;
 *  - exported HTML (if web/out exists): no on*="..." attributes, no javascript: URLs,
 *    no scripts or stylesheets from other origins (CSP: script-src 'self' + hashes).
 */
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(fileURLToPath(new URL('.', import.meta.url)), '..');
const problems = [];
const walk = (d, ext) =>
  readdirSync(d).flatMap((n) => {
    const p = join(d, n);
    return statSync(p).isDirectory() ? walk(p, ext) : ext.some((e) => p.endsWith(e)) ? [p] : [];
  });

for (const f of walk(join(root, 'src'), ['.ts', '.tsx'])) {
  const rel = relative(root, f);
  const src = readFileSync(f, 'utf8');
  const lines = src.split('\n');
  lines.forEach((line, i) => {
    const at = `${rel}:${i + 1}`;
    if (/\beval\s*\(|new Function\s*\(/.test(line)) problems.push(`${at}: eval/new Function breaks the CSP`);
    // The SVG namespace is a name, never fetched.
    if (/https?:\/\/(?!localhost|127\.0\.0\.1|app\.test|www\.w3\.org\/2000\/svg)[a-z0-9.-]+\.[a-z]{2,}/i.test(line) && !/^\s*(\*|\/\/)/.test(line)) problems.push(`${at}: external URL (the app must only talk to its own origin)`);
    if (/dangerouslySetInnerHTML/.test(line) && !rel.endsWith('app/layout.tsx') && !rel.endsWith('views/recipes-loading.tsx'))
      problems.push(`${at}: dangerouslySetInnerHTML outside the layout boot script and the recipes' early drawing`);
    if (/\son[A-Z]?[a-z]+="/.test(line)) problems.push(`${at}: inline event-handler attribute string`);
  });
}

const out = join(root, 'out');
if (existsSync(out)) {
  for (const f of walk(out, ['.html'])) {
    const rel = relative(root, f);
    const html = readFileSync(f, 'utf8');
    if (/<[^>]+\son[a-z]+\s*=/i.test(html)) problems.push(`${rel}: inline on*= event handler`);
    if (/javascript:/i.test(html)) problems.push(`${rel}: javascript: URL`);
    for (const m of html.matchAll(/<(?:script|link)[^>]+(?:src|href)="(https?:)?\/\/[^"]+"/g)) problems.push(`${rel}: external resource ${m[0]}`);
  }
}

if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log('lint: ok');
