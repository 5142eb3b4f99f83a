import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { getLocaleResources, getT, listNamespaces, localeFromAcceptLanguage, pageTitle, resolveLocale } from '~/platform/i18n.server.ts';

function request(url: string, headers: Record<string, string> = {}): Request {
  return new Request(`http://portal.test${url}`, { headers });
}

describe('resolveLocale', () => {
  it('takes ?lng= first and remembers it in a one-year Lax cookie', () => {
    const result = resolveLocale(request('/?lng=ar', { Cookie: 'lng=fr', 'Accept-Language': 'es' }), { secureCookie: false });
    expect(result).toEqual({ locale: 'ar', setCookie: 'lng=ar; Path=/; Max-Age=31536000; SameSite=Lax' });
  });

  it('marks the cookie Secure when asked (https origin)', () => {
    expect(resolveLocale(request('/?lng=fr'), { secureCookie: true }).setCookie).toBe(
      'lng=fr; Path=/; Max-Age=31536000; SameSite=Lax; Secure',
    );
  });

  it('derives Secure from APP_ORIGIN by default (http in tests)', () => {
    expect(resolveLocale(request('/?lng=fr')).setCookie).not.toContain('Secure');
  });

  it('does not set the cookie again when it already holds the asked language', () => {
    expect(resolveLocale(request('/?lng=fr', { Cookie: 'a=1; lng=fr' }))).toEqual({ locale: 'fr' });
  });

  it('accepts an upper-case ?lng and ignores an unsupported one', () => {
    expect(resolveLocale(request('/?lng=RU'), { secureCookie: false }).locale).toBe('ru');
    expect(resolveLocale(request('/?lng=de', { Cookie: 'lng=zh' }))).toEqual({ locale: 'zh' });
  });

  it('uses the cookie before Accept-Language', () => {
    expect(resolveLocale(request('/', { Cookie: 'theme=dark; lng=es', 'Accept-Language': 'fr' }))).toEqual({ locale: 'es' });
  });

  it('ignores an unknown cookie value', () => {
    expect(resolveLocale(request('/', { Cookie: 'lng=xx', 'Accept-Language': 'ru' }))).toEqual({ locale: 'ru' });
  });

  it('falls back to Accept-Language, then English', () => {
    expect(resolveLocale(request('/', { 'Accept-Language': 'zh-CN,zh;q=0.9,en;q=0.8' }))).toEqual({ locale: 'zh' });
    expect(resolveLocale(request('/', { 'Accept-Language': 'de-DE,ja;q=0.5' }))).toEqual({ locale: 'en' });
    expect(resolveLocale(request('/'))).toEqual({ locale: 'en' });
  });
});

describe('localeFromAcceptLanguage', () => {
  it.each([
    ['fr-CA,fr;q=0.9', 'fr'],
    ['de;q=1, ar-EG;q=0.4, es;q=0.7', 'es'],
    ['en;q=0, ru', 'ru'],
    ['*', undefined],
    ['zh-Hant-TW', 'zh'],
    ['ES-mx', 'es'],
    ['de, fr;q=0.5, ar;q=0.5', 'fr'],
    ['', undefined],
  ])('%j → %s', (header, expected) => {
    expect(localeFromAcceptLanguage(header)).toBe(expected);
  });
});

describe('getT and resources', () => {
  it('translates in the asked language and namespace', () => {
    expect(getT('fr', 'common')('nav.home')).toBe('Accueil');
    expect(getT('ar', ['home', 'common'])('common:nav.home')).toBe('الرئيسية');
    expect(getT('zh', 'home')('funding.heading', { year: '2026' })).toBe('2026年资金情况');
  });

  it('loads every namespace file found on disk, for every language', () => {
    const onDisk = [...new Set(readdirSync('app/locales/en').map((file) => file.replace(/\.json$/, '')))].sort();
    expect(listNamespaces()).toEqual(onDisk);
    expect(Object.keys(getLocaleResources('ar')).sort()).toEqual(onDisk);
  });

  it('sends one language only to the browser', () => {
    const common = getLocaleResources('ru').common as { nav: { home: string } };
    expect(common.nav.home).toBe('Главная');
  });
});

describe('pageTitle', () => {
  it('joins the page and the site name in the reader language', () => {
    expect(pageTitle('fr', 'Accueil')).toBe('Accueil — Programme pour la prévention du crime et la justice pénale');
  });
});
