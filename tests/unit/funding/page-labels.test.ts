// The page builders' remembered translations must read exactly as i18next's, with and without
// values, in every language; values that are not plain strings or numbers are not remembered.
import { describe, expect, it } from 'vitest';
import { getPageT } from '~/funding/page-labels.server.ts';
import { getT } from '~/platform/i18n.server.ts';
import { locales } from '~/platform/i18n.ts';

const calls: [string, Record<string, string | number>?][] = [
  ['places.global'],
  ['programmes:status.implementation'],
  ['charts:series.gap'],
  ['charts:axis.usd'],
  ['programme.byRegionTitle', { period: '2026' }],
  ['programmes:period.range', { from: '2022', to: '2026' }],
  ['units.people', { defaultValue: 'people' }],
  ['no.such.key'],
];

describe('getPageT', () => {
  it('gives i18next’s text for every call, first time and remembered', () => {
    for (const locale of locales) {
      const expected = getT(locale, ['programmes', 'charts']);
      for (let round = 0; round < 2; round += 1) {
        const t = getPageT(locale, ['programmes', 'charts']);
        for (const [key, values] of calls) expect(t(key, values), `${locale} ${key}`).toBe(values ? expected(key, values) : expected(key));
      }
    }
  });

  it('keeps languages and namespaces apart', () => {
    expect(getPageT('fr', 'funding')('meta.title')).toBe(getT('fr', 'funding')('meta.title'));
    expect(getPageT('ar', 'funding')('meta.title')).toBe(getT('ar', 'funding')('meta.title'));
    expect(getPageT('fr', 'funding')('meta.title')).not.toBe(getPageT('ar', 'funding')('meta.title'));
  });

  it('passes values that are not plain through to i18next every time', () => {
    let reads = 0;
    const values = { period: { toString: () => `20${20 + (reads += 1)}` } } as unknown as Record<string, string>;
    const t = getPageT('en', ['programmes', 'charts']);
    t('programme.byRegionTitle', values);
    t('programme.byRegionTitle', values);
    expect(reads).toBe(2);
  });
});
