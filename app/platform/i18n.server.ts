// Server-side i18n: every app/locales/<lng>/<namespace>.json is loaded once, so a namespace file
// added by any feature is picked up without registering it. Loaders, meta, emails and jobs get a
// `t` from getT; the root loader ships one language's resources to the browser.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInstance, type TFunction } from 'i18next';
import { getEnv } from './env.server.ts';
import { defaultLocale, isLocale, locales, type Locale } from './i18n.ts';

/** One language's namespaces: namespace name → (nested) JSON of strings. */
export type LocaleResources = Record<string, Record<string, unknown>>;

// Keys look like '../locales/fr/home.json' (Vite) or 'fr/home.json' (disk): <lng>/<namespace>.json.
const LOCALE_PATH = /([^/]+)\/([^/]+)\.json$/;

function loadBundled(): Record<string, Record<string, unknown>> {
  return import.meta.glob<Record<string, unknown>>('../locales/*/*.json', { eager: true, import: 'default' });
}

// The worker and scripts run through tsx, where import.meta.glob does not exist: read the files.
function loadFromDisk(): Record<string, Record<string, unknown>> {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../locales');
  const files: Record<string, Record<string, unknown>> = {};
  for (const lng of readdirSync(root)) {
    for (const file of readdirSync(path.join(root, lng)).filter((name) => name.endsWith('.json'))) {
      // JSON.parse at a parse boundary; the locales test checks the shape of every file.
      files[`${lng}/${file}`] = JSON.parse(readFileSync(path.join(root, lng, file), 'utf8')) as Record<string, unknown>;
    }
  }
  return files;
}

function loadResources(): Record<Locale, LocaleResources> {
  let files: Record<string, Record<string, unknown>>;
  try {
    files = loadBundled();
  } catch {
    files = loadFromDisk();
  }
  const byLocale = Object.fromEntries(locales.map((locale) => [locale, {}])) as Record<Locale, LocaleResources>;
  for (const [file, content] of Object.entries(files)) {
    const match = LOCALE_PATH.exec(file);
    const lng = match?.[1];
    const ns = match?.[2];
    if (isLocale(lng) && ns) byLocale[lng][ns] = content;
  }
  return byLocale;
}

const resources = loadResources();
const namespaces = [...new Set(Object.values(resources).flatMap((bundle) => Object.keys(bundle)))].sort();

const i18n = createInstance();
void i18n.init({
  resources,
  lng: defaultLocale,
  fallbackLng: defaultLocale,
  supportedLngs: [...locales],
  ns: namespaces,
  defaultNS: 'common',
  interpolation: { escapeValue: false }, // React and react-email escape output themselves
  initAsync: false,
  returnNull: false,
  showSupportNotice: false, // keep server logs and the browser console clean
});

/** All namespaces of one language, as the browser needs them (a stable object per locale). */
export function getLocaleResources(locale: Locale): LocaleResources {
  return resources[locale];
}

/** Namespace names found in app/locales (any language). */
export function listNamespaces(): string[] {
  return namespaces;
}

/** A translation function fixed to one language and namespace(s); the first namespace is the default. */
export function getT(locale: Locale, ns: string | string[] = 'common'): TFunction {
  return i18n.getFixedT(locale, ns);
}

/** A document title in the reader's language: "<page> — <site name>". */
export function pageTitle(locale: Locale, page: string): string {
  const t = getT(locale, 'common');
  return t('meta.title', { page, site: t('site.name') });
}

const COOKIE_NAME = 'lng';
const ONE_YEAR_SECONDS = 60 * 60 * 24 * 365;

function readCookie(header: string | null, name: string): string | undefined {
  for (const part of header?.split(';') ?? []) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}

/** Best supported language of an Accept-Language header, honouring q-values (zh-CN → zh). */
export function localeFromAcceptLanguage(header: string | null): Locale | undefined {
  if (!header) return undefined;
  const ranked = header
    .split(',')
    .map((entry, index) => {
      const [tag = '', ...params] = entry.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const quality = q ? Number(q.slice(2)) : 1;
      return { primary: tag.trim().toLowerCase().split('-')[0], quality: Number.isFinite(quality) ? quality : 0, index };
    })
    .filter((entry) => entry.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index);
  return ranked.find((entry) => isLocale(entry.primary))?.primary as Locale | undefined;
}

export function localeCookie(locale: Locale, secure: boolean): string {
  return `${COOKIE_NAME}=${locale}; Path=/; Max-Age=${ONE_YEAR_SECONDS}; SameSite=Lax${secure ? '; Secure' : ''}`;
}

/**
 * The reader's language: `?lng=xx` (remembered in a cookie), else the `lng` cookie, else
 * Accept-Language, else English. `setCookie` is present only when the cookie must change.
 */
export function resolveLocale(request: Request, options: { secureCookie?: boolean } = {}): { locale: Locale; setCookie?: string } {
  const fromQuery = new URL(request.url).searchParams.get('lng')?.toLowerCase();
  const fromCookie = readCookie(request.headers.get('Cookie'), COOKIE_NAME);
  if (isLocale(fromQuery)) {
    if (fromQuery === fromCookie) return { locale: fromQuery };
    const secure = options.secureCookie ?? getEnv().APP_ORIGIN.startsWith('https:');
    return { locale: fromQuery, setCookie: localeCookie(fromQuery, secure) };
  }
  if (isLocale(fromCookie)) return { locale: fromCookie };
  return { locale: localeFromAcceptLanguage(request.headers.get('Accept-Language')) ?? defaultLocale };
}
