// The translator behind useTranslation, built synchronously from the resources the root loader
// sent and used the same way by the server render and in the browser, so the first paint is
// already translated and hydration sees identical text. No backend, no extra request.
//
// It is not i18next: the components use only a slice of it (nested keys, "ns:key", {{value}}
// interpolation, defaultValue), and i18next itself is 14 KB gzipped on every page. This gives
// react-i18next the members it reads and translates like i18next for every key of every
// language (tests/unit/platform/i18n/client-translator.test.ts compares the two). i18next keeps serving
// loaders, meta, emails and jobs (app/platform/i18n.server.ts). docs/performance.md, "Pledge page
// JavaScript", has the figures.
import type { i18n } from 'i18next';
import type { Locale } from './i18n.ts';

export type ClientResources = Record<string, Record<string, unknown>>;

export interface TranslateOptions {
  defaultValue?: string;
  [value: string]: unknown;
}
export type Translate = (key: string, options?: TranslateOptions) => string;

const PLACEHOLDER = /\{\{(.+?)\}\}/g;

function lookup(tree: unknown, path: string): unknown {
  let node = tree;
  for (const part of path.split('.')) {
    if (!node || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

/**
 * `key` or `ns:key` in one language's `resources`, as i18next resolves it: with a numeric `count`,
 * `key_zero` (count 0) or the language's plural form (`key_one`, `key_few`…) first; {{name}} and
 * {{a.b}} filled from `options` (left as they are when the value is missing); `defaultValue`, else
 * the key, when nothing is found.
 */
export function createTranslate(locale: Locale, resources: ClientResources, defaultNs: string, keyPrefix?: string): Translate {
  let plurals: Intl.PluralRules | undefined;
  return (key, options) => {
    const separator = key.indexOf(':');
    const ns = separator > 0 ? key.slice(0, separator) : defaultNs;
    const path = (keyPrefix ? `${keyPrefix}.` : '') + (separator > 0 ? key.slice(separator + 1) : key);
    const candidates = [path];
    const count = options?.count;
    if (typeof count === 'number') {
      plurals ??= new Intl.PluralRules(locale);
      candidates.unshift(`${path}_${plurals.select(count)}`);
      if (count === 0) candidates.unshift(`${path}_zero`);
    }
    let text = options?.defaultValue ?? path;
    for (const candidate of candidates) {
      const found = lookup(resources[ns], candidate);
      if (typeof found === 'string') {
        text = found;
        break;
      }
    }
    if (!options) return text;
    return text.replace(PLACEHOLDER, (placeholder, name: string) => {
      // "{{- name}}" is i18next's unescaped form; nothing is escaped here (React escapes).
      const value = lookup(options, name.trim().replace(/^-\s*/, ''));
      return value === undefined || value === null ? placeholder : String(value);
    });
  };
}

type Listener = () => void;

/**
 * The members of an i18next instance that react-i18next's I18nextProvider and useTranslation read:
 * a fixed `t` per namespace, the language, "everything is loaded", and events (never emitted: the
 * language changes by a full page load, decision 007).
 */
function createClientI18n(locale: Locale, resources: ClientResources) {
  const namespaces = Object.keys(resources);
  const noop = (_event: string, _listener: Listener) => undefined;
  return {
    language: locale,
    languages: [locale],
    resolvedLanguage: locale,
    isInitialized: true,
    options: { defaultNS: 'common', ns: namespaces, react: { useSuspense: false } },
    t: createTranslate(locale, resources, 'common'),
    getFixedT: (_lng: string | null, ns?: string | readonly string[], keyPrefix?: string) =>
      createTranslate(locale, resources, (typeof ns === 'string' ? ns : ns?.[0]) ?? 'common', keyPrefix),
    // Everything this page needs arrived with the root loader's data.
    hasLoadedNamespace: () => true,
    loadNamespaces: (_ns: unknown, done?: () => void) => done?.(),
    on: noop,
    off: noop,
    store: { on: noop, off: noop },
  };
}

// Keyed by the resources object: stable per locale on the server, replaced in the browser only
// when the root loader runs again (a language change), so instances are not rebuilt per render.
const instances = new WeakMap<ClientResources, Map<Locale, i18n>>();

export function getI18nInstance(locale: Locale, resources: ClientResources): i18n {
  let byLocale = instances.get(resources);
  if (!byLocale) instances.set(resources, (byLocale = new Map()));
  const existing = byLocale.get(locale);
  if (existing) return existing;
  // react-i18next types its provider with i18next's full interface; it reads only the members
  // createClientI18n has (see above), so the narrower object stands in for it here.
  const instance = createClientI18n(locale, resources) as unknown as i18n;
  byLocale.set(locale, instance);
  return instance;
}
