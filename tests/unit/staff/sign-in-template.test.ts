// The sign-in email in the six UN languages: translated, right-to-left for Arabic, with the link.
import { readFileSync } from 'node:fs';
import { render } from '@react-email/render';
import { createElement } from 'react';
import { describe, expect, it } from 'vitest';
import SignInLinkEmail, { signInLinkText } from '../../../emails/sign-in-link.tsx';
import { renderEmail } from '~/email-templates.server.ts';
import { locales } from '~/platform/i18n.ts';

const url = 'https://funding.example.org/login/verify?token=abc_DEF-123';

function keysOf(value: unknown, prefix = ''): string[] {
  if (!value || typeof value !== 'object') return [prefix];
  return Object.entries(value).flatMap(([key, item]) => keysOf(item, prefix ? `${prefix}.${key}` : key));
}

describe('sign-in-link email', () => {
  it('renders in all six languages with the right lang, direction, subject and link', async () => {
    const subjects = new Set<string>();
    for (const locale of locales) {
      const email = await renderEmail({ template: 'sign-in-link', locale, props: { url, expiresInMinutes: 15 } });
      const html = email.html;
      expect(html).toMatch(new RegExp(`<html[^>]*lang="${locale}"`));
      expect(html).toMatch(new RegExp(`<html[^>]*dir="${locale === 'ar' ? 'rtl' : 'ltr'}"`));
      expect(html).toContain(`href="${url}"`);
      expect(email.text).toContain(url);
      expect(email.text).toContain('15');
      expect(html).not.toContain('signInLink.');
      subjects.add(email.subject);
    }
    expect(subjects.size).toBe(6);
  });

  it('falls back to English for an unknown locale and refuses bad props', async () => {
    const email = await renderEmail({ template: 'sign-in-link', locale: 'de', props: { url, expiresInMinutes: 15 } });
    expect(email.subject).toBe('Your sign-in link for the Funding Portal');
    await expect(
      renderEmail({ template: 'sign-in-link', locale: 'en', props: { url: 'not a url', expiresInMinutes: 15 } }),
    ).rejects.toThrow();
    await expect(renderEmail({ template: 'no-such-template', locale: 'en', props: {} })).rejects.toThrow(/unknown email template/);
  });

  it('is a pure component with preview props (react-email dev server)', async () => {
    const html = await render(createElement(SignInLinkEmail, SignInLinkEmail.PreviewProps));
    expect(html).toContain('Sign in to the Funding Portal');
    expect(signInLinkText(SignInLinkEmail.PreviewProps)).toContain(SignInLinkEmail.PreviewProps.url);
  });

  it('has the same keys in every language for the email and auth namespaces', () => {
    for (const ns of ['email', 'auth']) {
      const read = (locale: string) => JSON.parse(readFileSync(`app/locales/${locale}/${ns}.json`, 'utf8')) as unknown;
      const english = keysOf(read('en')).sort();
      for (const locale of locales) {
        expect(keysOf(read(locale)).sort(), `${locale}/${ns}.json`).toEqual(english);
        if (locale !== 'en') expect(JSON.stringify(read(locale))).not.toEqual(JSON.stringify(read('en')));
      }
    }
  });
});
