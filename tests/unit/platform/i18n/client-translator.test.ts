// The page translator (app/platform/i18n-instance.ts) stands in for i18next in components and in
// the browser. It must answer exactly as i18next does: every key of every namespace in every
// language, with and without values, ns-prefixed keys, missing keys, defaultValue and plurals.
import { createInstance, type TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { getI18nInstance } from '~/platform/i18n-instance.ts';
import { getLocaleResources, getT, listNamespaces } from '~/platform/i18n.server.ts';
import { locales, type Locale } from '~/platform/i18n.ts';

type Fixed = (key: string, options?: Record<string, unknown>) => string;

function leafKeys(value: unknown, prefix = ''): string[] {
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([key, child]) => leafKeys(child, prefix ? `${prefix}.${key}` : key));
  return [prefix];
}

/** Sample values for a text's {{placeholders}}: numbers for counts, words with the name otherwise. */
function valuesFor(text: string): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const [, raw = ''] of text.matchAll(/\{\{(.+?)\}\}/g)) {
    const name = raw.trim().replace(/^-\s*/, '');
    values[name] = /count|min|max|percent|shown/i.test(name) ? 7 : `‹${name}›`;
  }
  return values;
}

function pageT(locale: Locale, ns: string): Fixed {
  // The instance type is i18next's; getFixedT is one of the members it really has.
  return getI18nInstance(locale, getLocaleResources(locale)).getFixedT(null, ns) as unknown as Fixed;
}

describe('the page translator', () => {
  it('translates every key of every language like i18next, with and without values', () => {
    let compared = 0;
    for (const locale of locales) {
      const resources = getLocaleResources(locale);
      for (const ns of listNamespaces()) {
        const ours = pageT(locale, ns);
        const theirs = getT(locale, ns) as unknown as Fixed;
        for (const key of leafKeys(resources[ns])) {
          const text = String(theirs(key));
          expect(ours(key), `${locale} ${ns}:${key}`).toBe(text);
          const values = valuesFor(text);
          expect(ours(key, values), `${locale} ${ns}:${key} with values`).toBe(theirs(key, values));
          expect(pageT(locale, 'common')(`${ns}:${key}`, values), `${locale} ${ns}:${key} from common`).toBe(theirs(key, values));
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(1000);
  });

  it('answers missing keys, defaultValue and missing values as i18next does', () => {
    const ours = pageT('fr', 'give');
    const theirs = getT('fr', 'give') as unknown as Fixed;
    for (const [key, options] of [
      ['errors.noSuchMessage', undefined],
      ['errors.noSuchMessage', { defaultValue: '' }],
      ['errors.noSuchMessage', { defaultValue: 'Texte {{x}}', x: 3 }],
      ['errors.invalid', { defaultValue: '' }],
      ['fee.labelAmount', {}],
      ['common:nav.home', undefined],
    ] as const) {
      expect(ours(key, options), key).toBe(theirs(key, options));
    }
  });

  it('picks plural forms by the language’s rules, _zero first, like i18next', () => {
    const resources = {
      common: {
        items_zero: 'none',
        items_one: '{{count}} one',
        items_few: '{{count}} few',
        items_many: '{{count}} many',
        items_other: '{{count}} other',
        plain: '{{count}} plain',
      },
    };
    for (const locale of ['en', 'ru', 'ar'] as const) {
      const i18next = createInstance();
      void i18next.init({
        lng: locale,
        resources: { [locale]: resources },
        initAsync: false,
        showSupportNotice: false,
        interpolation: { escapeValue: false },
      });
      const theirs: TFunction = i18next.getFixedT(locale, 'common');
      const ours = getI18nInstance(locale, resources).getFixedT(null, 'common') as unknown as Fixed;
      for (const count of [0, 1, 2, 5, 11, 21, 102]) {
        expect(ours('items', { count }), `${locale} ${count}`).toBe(theirs('items', { count }));
        expect(ours('plain', { count }), `${locale} ${count}`).toBe(theirs('plain', { count }));
      }
    }
  });
});
