// The donor's sign-in email in the six UN languages: translated, right-to-left for Arabic, with
// the link; its link is scrubbed from the outbox once sent.
import { describe, expect, it } from 'vitest';
import { redactedPropsAfterSend, renderEmail } from '~/email-templates.server.ts';
import { locales } from '~/platform/i18n.ts';

const url = 'https://funding.example.org/account/verify?token=abc_DEF-123';

describe('account-sign-in-link email', () => {
  it('renders in all six languages with the right lang, direction, subject, link and expiry', async () => {
    const subjects = new Set<string>();
    for (const locale of locales) {
      const email = await renderEmail({ template: 'account-sign-in-link', locale, props: { url, expiresInMinutes: 10 } });
      expect(email.html).toMatch(new RegExp(`<html[^>]*lang="${locale}"`));
      expect(email.html).toMatch(new RegExp(`<html[^>]*dir="${locale === 'ar' ? 'rtl' : 'ltr'}"`));
      expect(email.html).toContain(`href="${url}"`);
      expect(email.text).toContain(url);
      expect(email.text).toContain('10');
      expect(email.html).not.toMatch(/signInEmail\.|account:/);
      if (locale === 'en') expect(email.html).toContain('Sign in to your giving account');
      subjects.add(email.subject);
    }
    expect(subjects.size).toBe(6);
  });

  it('refuses a link that is not a web address, and keeps no usable link after sending', async () => {
    await expect(
      renderEmail({ template: 'account-sign-in-link', locale: 'en', props: { url: 'javascript:alert(1)', expiresInMinutes: 10 } }),
    ).rejects.toThrow();
    expect(redactedPropsAfterSend({ template: 'account-sign-in-link', props: { url, expiresInMinutes: 10 } })).toEqual({
      url: '[redacted after sending]',
      expiresInMinutes: 10,
    });
  });
});
