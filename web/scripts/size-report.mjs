#!/usr/bin/env node
/**
 * First-load JS per exported page, gzipped: every <script src> in the page's HTML plus its
 * inline scripts (what the browser must download and run before the page is interactive).
 * Usage: node scripts/size-report.mjs [outDir] [--json] [--max=150]
 * Exits 1 when a page exceeds --max KB (default 150).
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import { pageScripts } from './paint-first.mjs';

const args = process.argv.slice(2);
const outDir = args.find((a) => !a.startsWith('--')) || 'out';
const asJson = args.includes('--json');
const max = Number((args.find((a) => a.startsWith('--max=')) || '--max=150').slice(6));

function walk(dir) {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

const gz = (buf) => gzipSync(buf, { level: 9 }).length;
const cache = new Map();
function assetSize(src) {
  if (!cache.has(src)) {
    const path = join(outDir, decodeURI(src.split('?')[0]).replace(/^\//, ''));
    const buf = readFileSync(path);
    cache.set(src, { raw: buf.length, gz: gz(buf) });
  }
  return cache.get(src);
}

const rows = [];
for (const file of walk(outDir).filter((f) => f.endsWith('.html'))) {
  const html = readFileSync(file, 'utf8');
  const srcs = pageScripts(html);
  const inline = [...html.matchAll(/<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]).filter(Boolean);
  const css = [...new Set([...html.matchAll(/<link[^>]*rel="stylesheet"[^>]*href="([^"]+)"/g)].map((m) => m[1]))];
  let js = 0;
  let jsRaw = 0;
  for (const s of srcs) {
    const a = assetSize(s);
    js += a.gz;
    jsRaw += a.raw;
  }
  const inl = gz(Buffer.from(inline.join('\n')));
  const cssGz = css.reduce((a, s) => a + assetSize(s).gz, 0);
  const route = '/' + relative(outDir, file).split(sep).join('/').replace(/index\.html$/, '').replace(/\.html$/, '');
  rows.push({ route, files: srcs.length, js_gz: js, inline_gz: inl, first_load_gz: js + inl, js_raw: jsRaw, css_gz: cssGz, html_gz: gz(Buffer.from(html)) });
}
rows.sort((a, b) => a.route.localeCompare(b.route));
const kb = (n) => (n / 1024).toFixed(1);
if (asJson) console.log(JSON.stringify(rows, null, 2));
else {
  console.log('route'.padEnd(22), 'first-load JS (gz)'.padStart(19), 'scripts'.padStart(8), 'CSS (gz)'.padStart(9), 'HTML (gz)'.padStart(10));
  for (const r of rows) console.log(r.route.padEnd(22), `${kb(r.first_load_gz)} KB`.padStart(19), String(r.files).padStart(8), `${kb(r.css_gz)} KB`.padStart(9), `${kb(r.html_gz)} KB`.padStart(10));
}
const over = rows.filter((r) => r.first_load_gz > max * 1024);
if (over.length) {
  console.error(`Over ${max} KB: ${over.map((r) => r.route).join(', ')}`);
  process.exit(1);
}
