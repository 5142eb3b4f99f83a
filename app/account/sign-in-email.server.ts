// "account-sign-in-link": the donor's sign-in link email, transactional (sent whatever the
// donor's marketing consents). The link signs its holder in, so the outbox keeps no usable copy
// once it has been sent. Staff and donors get the same email (emails/sign-in-link.tsx) in words of
// their own.
import { render } from '@react-email/render';
import { createElement } from 'react';
import { z } from 'zod';
import SignInLinkEmail, { signInLinkText, type SignInLinkStrings } from '../../emails/sign-in-link.tsx';
import type { TemplateDefinition } from '~/platform/email/templates.ts';
import { getT } from '~/platform/i18n.server.ts';
import { directionOf } from '~/platform/i18n.ts';

const accountSignInLinkProps = z.object({ url: z.url({ protocol: /^https?$/ }), expiresInMinutes: z.number().int().positive() });

export type AccountSignInLinkProps = z.infer<typeof accountSignInLinkProps>;

export const accountSignInLink: TemplateDefinition<AccountSignInLinkProps> = {
  props: accountSignInLinkProps,
  async render({ props, locale }) {
    const t = getT(locale, ['account', 'email']);
    const strings: SignInLinkStrings = {
      subject: t('account:signInEmail.subject'),
      preview: t('account:signInEmail.preview'),
      brand: t('email:brand'),
      heading: t('account:signInEmail.heading'),
      intro: t('account:signInEmail.intro'),
      button: t('account:signInEmail.button'),
      expiry: t('account:signInEmail.expiry', { minutes: props.expiresInMinutes }),
      fallback: t('account:signInEmail.fallback'),
      ignore: t('account:signInEmail.ignore'),
      footer: t('email:footer'),
    };
    const element = createElement(SignInLinkEmail, {
      url: props.url,
      expiresInMinutes: props.expiresInMinutes,
      lang: locale,
      dir: directionOf(locale),
      strings,
    });
    return { subject: strings.subject, html: await render(element), text: signInLinkText({ url: props.url, strings }) };
  },
  redactAfterSend: (props) => ({ url: '[redacted after sending]', expiresInMinutes: props.expiresInMinutes }),
};
