#!/usr/bin/env node
/**
 * messages/en.json and messages/ar.json are the single source of truth for UI strings.
 * This step checks that both files have exactly the same keys and placeholders, then splits
 * them into per-page namespace files under src/i18n/<lang>/<ns>.json, so each page ships only
 * the strings it uses (first-load JS budget) and Arabic loads lazily, per namespace.
 * Runs automatically before build, dev, test and typecheck (npm pre-scripts).
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** namespace -> keys (top-level, or one level down as "a.b") of the message files. Each key must appear exactly once. */
export const NAMESPACES = {
  shell: ['app', 'nav', 'common', 'errors', 'units', 'lang'],
  home: ['home'],
  dashboard: ['dashboard'],
  auth: ['auth'],
  calculator: ['calculator'],
  recipes: ['recipes', 'recipe', 'label'],
  workouts: ['workouts'],
  meals: ['meals'],
  health: ['health'],
  profile: ['profile'],
  notFound: ['notFound'],
  // enums are split by use so a page loads only the labels it shows
  enumFood: ['enum.diet', 'enum.allergen', 'enum.mealType', 'enum.sort', 'enum.slot'],
  enumFit: ['enum.equipment', 'enum.level', 'enum.workoutGoal', 'enum.muscle'],
  enumBody: ['enum.sex', 'enum.activity', 'enum.goal', 'enum.bmi', 'enum.units'],
};

function flat(o, p = '', out = {}) {
  for (const [k, v] of Object.entries(o)) {
    const key = p ? `${p}.${k}` : k;
    if (typeof v === 'string') out[key] = v;
    else if (v && typeof v === 'object') flat(v, key, out);
    else throw new Error(`${key}: only strings and objects are allowed`);
  }
  return out;
}

const placeholders = (s) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort().join(',');

const msgs = {};
for (const lang of ['en', 'ar']) msgs[lang] = JSON.parse(readFileSync(join(root, 'messages', `${lang}.json`), 'utf8'));

const problems = [];
const fe = flat(msgs.en);
const fa = flat(msgs.ar);
for (const k of Object.keys(fe)) {
  if (!(k in fa)) problems.push(`ar.json is missing ${k}`);
  else {
    if (!fa[k].trim()) problems.push(`ar.json: ${k} is empty`);
    // plural forms may drop {count} (e.g. Arabic "one"/"two" spell the number out)
    const plural = /\.(zero|one|two|few|many)$/.test(k);
    if (!plural && placeholders(fe[k]) !== placeholders(fa[k])) problems.push(`${k}: placeholders differ (en {${placeholders(fe[k])}} vs ar {${placeholders(fa[k])}})`);
  }
}
for (const k of Object.keys(fa)) if (!(k in fe)) problems.push(`en.json is missing ${k}`);

const assigned = Object.values(NAMESPACES).flat();
const units = Object.entries(msgs.en).flatMap(([top, v]) => (assigned.some((a) => a.startsWith(top + '.')) ? Object.keys(v).map((k) => `${top}.${k}`) : [top]));
for (const u of units) {
  const n = assigned.filter((t) => t === u).length;
  if (n !== 1) problems.push(`key "${u}" is in ${n} namespaces (must be exactly 1): edit NAMESPACES in scripts/split-messages.mjs`);
}
for (const a of assigned) if (!units.includes(a)) problems.push(`NAMESPACES names "${a}", which is not in en.json`);
if (problems.length) {
  console.error('messages: ' + problems.join('\n  '));
  process.exit(1);
}

const outRoot = join(root, 'src', 'i18n');
rmSync(outRoot, { recursive: true, force: true });
for (const lang of ['en', 'ar']) {
  mkdirSync(join(outRoot, lang), { recursive: true });
  for (const [ns, tops] of Object.entries(NAMESPACES)) {
    const part = {};
    for (const key of tops) {
      const [top, sub] = key.split('.');
      if (sub === undefined) part[top] = msgs[lang][top];
      else (part[top] ??= {})[sub] = msgs[lang][top][sub];
    }
    writeFileSync(join(outRoot, lang, `${ns}.json`), JSON.stringify(part));
  }
}
console.log(`messages: ${Object.keys(fe).length} keys in en and ar, ${Object.keys(NAMESPACES).length} namespaces -> src/i18n/`);
