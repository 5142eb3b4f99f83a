// An i18next instance built synchronously from the resources the root loader sent, used the same
// way on the server render and in the browser, so the first paint is already translated and
// hydration sees identical text. No backend, no extra request.
import { createInstance, type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Locale } from '~/utils/i18n.ts';

export type ClientResources = Record<string, Record<string, unknown>>;

// Keyed by the resources object: stable per locale on the server, replaced in the browser only
// when the root loader runs again (a language change), so instances are not rebuilt per render.
const instances = new WeakMap<ClientResources, Map<Locale, i18n>>();

export function getI18nInstance(locale: Locale, resources: ClientResources): i18n {
  let byLocale = instances.get(resources);
  if (!byLocale) instances.set(resources, (byLocale = new Map()));
  const existing = byLocale.get(locale);
  if (existing) return existing;
  const instance = createInstance();
  void instance.use(initReactI18next).init({
    lng: locale,
    fallbackLng: false,
    resources: { [locale]: resources },
    ns: Object.keys(resources),
    defaultNS: 'common',
    interpolation: { escapeValue: false }, // React escapes
    initAsync: false,
    returnNull: false,
    showSupportNotice: false, // keep server logs and the browser console clean
    react: { useSuspense: false },
  });
  byLocale.set(locale, instance);
  return instance;
}
