// Every namespace of every language must have the same keys, no empty strings, and the same
// {{placeholders}}; a namespace file present in one language must exist in all six.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { locales } from '~/platform/i18n.ts';

type Bundles = Record<string, Record<string, unknown>>; // "<lng>/<ns>" → parsed JSON

const PLURAL = /_(zero|one|two|few|many|other)$/;
const PLACEHOLDER = /\{\{\s*([\w.]+)[^}]*\}\}/g;

function flatten(value: unknown, prefix: string, out: Map<string, unknown>): Map<string, unknown> {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, child] of Object.entries(value)) flatten(child, prefix ? `${prefix}.${key}` : key, out);
  } else {
    out.set(prefix, value);
  }
  return out;
}

function placeholders(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => m[1] ?? '').sort();
}

/** Problems in a set of bundles, one readable line each; empty when all languages agree. */
function findLocaleProblems(bundles: Bundles, languages: readonly string[]): string[] {
  const problems: string[] = [];
  const namespaces = [...new Set(Object.keys(bundles).map((id) => id.split('/')[1] ?? ''))].sort();
  for (const ns of namespaces) {
    const flat = new Map<string, Map<string, unknown>>();
    for (const lng of languages) {
      const bundle = bundles[`${lng}/${ns}`];
      if (!bundle) problems.push(`${lng}/${ns}.json: file missing`);
      else flat.set(lng, flatten(bundle, '', new Map()));
    }
    // Plural keys (key_one, key_few ...) are compared by their base: languages differ in forms.
    const bases = new Set<string>();
    for (const keys of flat.values()) for (const key of keys.keys()) bases.add(key.replace(PLURAL, ''));
    for (const base of [...bases].sort()) {
      let reference: { lng: string; names: string } | undefined;
      for (const [lng, keys] of flat) {
        const forms = [...keys.entries()].filter(([key]) => key === base || key.replace(PLURAL, '') === base);
        if (forms.length === 0) {
          problems.push(`${lng}/${ns}.json: missing key "${base}"`);
          continue;
        }
        const isPlural = forms.some(([key]) => PLURAL.test(key));
        if (isPlural) {
          for (const category of new Intl.PluralRules(lng).resolvedOptions().pluralCategories) {
            if (!keys.has(`${base}_${category}`)) problems.push(`${lng}/${ns}.json: missing plural "${base}_${category}"`);
          }
        }
        const names = new Set<string>();
        for (const [key, value] of forms) {
          if (typeof value !== 'string') problems.push(`${lng}/${ns}.json: "${key}" is not a string`);
          else if (value.trim() === '') problems.push(`${lng}/${ns}.json: "${key}" is empty`);
          else for (const name of placeholders(value)) names.add(name);
        }
        const joined = [...names].sort().join(', ');
        if (!reference) reference = { lng, names: joined };
        else if (reference.names !== joined) {
          problems.push(`${lng}/${ns}.json: "${base}" has placeholders {${joined}} but ${reference.lng} has {${reference.names}}`);
        }
      }
    }
  }
  return problems;
}

function readBundles(root: string): Bundles {
  const bundles: Bundles = {};
  for (const lng of readdirSync(root)) {
    for (const file of readdirSync(path.join(root, lng)).filter((name) => name.endsWith('.json'))) {
      bundles[`${lng}/${file.replace(/\.json$/, '')}`] = JSON.parse(readFileSync(path.join(root, lng, file), 'utf8'));
    }
  }
  return bundles;
}

describe('the locale checker', () => {
  it('reports missing files, missing and empty keys, and placeholder mismatches', () => {
    const problems = findLocaleProblems(
      {
        'en/demo': { a: 'Hello {{name}}', b: { c: 'Nested' }, d: 'Kept', n_one: '{{count}} day', n_other: '{{count}} days' },
        'fr/demo': { a: 'Bonjour {{nom}}', b: { c: '' }, n_one: '{{count}} jour', n_many: '{{count}} jours', n_other: '{{count}} jours' },
        'en/other': { x: 'Only in English' },
      },
      ['en', 'fr'],
    );
    expect(problems).toEqual([
      'fr/demo.json: "a" has placeholders {nom} but en has {name}',
      'fr/demo.json: "b.c" is empty',
      'fr/demo.json: missing key "d"',
      'fr/other.json: file missing',
    ]);
  });

  it('requires the plural forms each language uses', () => {
    const problems = findLocaleProblems(
      { 'en/p': { n_one: '{{count}} day', n_other: '{{count}} days' }, 'ru/p': { n_one: '{{count}} день', n_other: '{{count}} дня' } },
      ['en', 'ru'],
    );
    expect(problems).toEqual(['ru/p.json: missing plural "n_few"', 'ru/p.json: missing plural "n_many"']);
  });
});

describe('app/locales', () => {
  const root = path.resolve('app/locales');
  const bundles = readBundles(root);

  it('has a folder for each of the six languages and nothing else', () => {
    expect(readdirSync(root).sort()).toEqual([...locales].sort());
  });

  it('has the common and home namespaces', () => {
    for (const lng of locales) {
      expect(bundles[`${lng}/common`], `${lng}/common.json`).toBeDefined();
      expect(bundles[`${lng}/home`], `${lng}/home.json`).toBeDefined();
    }
  });

  it('has every key, non-empty, with the same placeholders, in every language', () => {
    expect(findLocaleProblems(bundles, locales)).toEqual([]);
  });

  it('is really translated: French, Arabic and Chinese site names differ from English', () => {
    const name = (lng: string) => (bundles[`${lng}/common`]?.site as { name: string }).name;
    for (const lng of ['fr', 'es', 'ru', 'zh', 'ar']) expect(name(lng)).not.toBe(name('en'));
  });
});
