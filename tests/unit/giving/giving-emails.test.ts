// The giving emails (receipt, bank-transfer instructions, instalment reminders, failed monthly
// payment) in the six UN languages: translated, right to left in Arabic, amounts in the
// currency's own exponent (JPY 0, KWD 3), and props checked before anything is rendered.
import { readFileSync } from 'node:fs';
import { render } from '@react-email/render';
import { createElement } from 'react';
import { describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import BankTransferInstructionsEmail, { bankTransferInstructionsText } from '../../../emails/bank-transfer-instructions.tsx';
import GiftReceiptEmail, { giftReceiptText } from '../../../emails/gift-receipt.tsx';
import InstalmentReminderEmail, { instalmentReminderText } from '../../../emails/instalment-reminder.tsx';
import MonthlyPaymentFailedEmail, { monthlyPaymentFailedText } from '../../../emails/monthly-payment-failed.tsx';
import { renderEmail, type EmailTemplateProps } from '~/email-templates.server.ts';
import { formatDate } from '~/platform/format.ts';
import { locales } from '~/platform/i18n.ts';
import { formatMoney } from '~/platform/money.ts';

const bank = {
  accountName: 'UNODC Crime Programme',
  bankName: 'Example Bank Vienna',
  iban: 'AT61 1904 3002 3457 3201',
  bic: 'EXBKATWWXXX',
  bankAddress: 'Wagramer Strasse 5, 1220 Vienna, Austria',
};

const receipt: EmailTemplateProps['gift-receipt'] = {
  donorName: 'Amina Haddad',
  reference: 'UNODC-7K3M-Q9TX',
  paymentId: '5f0c2a7e-8d1b-4c3e-9a56-2b7d0e4f1a93',
  amountMinor: '12345',
  currency: 'JPY',
  receivedAt: '2026-03-05T10:15:00.000Z',
  method: 'card',
  frequency: 'once',
  earmark: { kind: 'general' },
  isAnonymous: false,
  pledgeUrl: 'https://funding.example.org/give/pledge/UNODC-7K3M-Q9TX',
  accountUrl: 'https://funding.example.org/account',
  trustUrls: {
    money: 'https://funding.example.org/about/money',
    privacy: 'https://funding.example.org/about/privacy',
    contact: 'https://funding.example.org/about/contact',
  },
};

const transfer: EmailTemplateProps['bank-transfer-instructions'] = {
  donorName: 'Gulf Justice Foundation',
  reference: 'UNODC-4HX2-PL8D',
  amountMinor: '1234567',
  currency: 'KWD',
  frequency: 'instalments',
  instalments: [
    { sequence: 2, dueOn: '2026-06-01', amountMinor: '411522' },
    { sequence: 1, dueOn: '2026-05-01', amountMinor: '411523' },
    { sequence: 3, dueOn: '2026-07-01', amountMinor: '411522' },
  ],
  bank,
  instructionsUrl: 'https://funding.example.org/give/transfer/UNODC-4HX2-PL8D',
  earmark: { kind: 'project', title: 'Strengthening border control in Central Asia' },
};

const cardReminder: EmailTemplateProps['instalment-reminder'] = {
  donorName: 'Amina Haddad',
  reference: 'UNODC-7K3M-Q9TX',
  kind: 'upcoming',
  sequence: 2,
  count: 3,
  dueOn: '2026-04-05',
  amountMinor: '5000',
  currency: 'JPY',
  method: 'card',
  payUrl: 'https://funding.example.org/give/pledge/UNODC-7K3M-Q9TX/pay/2',
  pledgeUrl: 'https://funding.example.org/give/pledge/UNODC-7K3M-Q9TX',
};

const failed: EmailTemplateProps['monthly-payment-failed'] = {
  donorName: 'Amina Haddad',
  reference: 'UNODC-M0NT-HLY1',
  amountMinor: '25000',
  currency: 'KWD',
  attemptedAt: '2026-03-05T03:00:00.000Z',
  fixUrl: 'https://funding.example.org/give/monthly/UNODC-M0NT-HLY1/fix',
};

// An untranslated key comes back from i18next as the key itself.
const RAW_KEY = /\b(giving|giftReceipt|bankTransferInstructions|instalmentReminder|monthlyPaymentFailed)\.[\w.-]+/;

const SAME_IN_EVERY_LANGUAGE = /^(|--|IBAN: .*|BIC \/ SWIFT: .*)$/;

function expectTranslated(email: { subject: string; html: string; text: string }, locale: string) {
  expect(email.subject.trim()).not.toBe('');
  for (const part of [email.subject, email.html, email.text]) {
    expect(part).not.toContain('{{');
    expect(part).not.toMatch(RAW_KEY);
  }
  expect(email.html).toMatch(new RegExp(`<html[^>]*lang="${locale}"`));
  expect(email.html).toMatch(new RegExp(`<html[^>]*dir="${locale === 'ar' ? 'rtl' : 'ltr'}"`));
  expect(email.text).not.toMatch(/<[a-z]/i);
}

/** Renders with no-break spaces (Intl puts them in "KWD 1,234.567") as plain spaces, for literal expectations. */
async function renderSpaced(args: Parameters<typeof renderEmail>[0]) {
  const email = await renderEmail(args);
  const spaced = (value: string) => value.replace(/[\u00a0\u202f]/g, ' ');
  return { subject: spaced(email.subject), html: spaced(email.html), text: spaced(email.text) };
}

const cases = [
  { template: 'gift-receipt', props: receipt },
  { template: 'bank-transfer-instructions', props: transfer },
  { template: 'instalment-reminder', props: cardReminder },
  { template: 'monthly-payment-failed', props: failed },
] as const;

// Every optional text once: each wording of each template is checked in every language.
const variants = [
  ...cases.map((entry) => ({ ...entry, name: entry.template })),
  {
    name: 'gift-receipt (instalment, programme, dedication, anonymous)',
    template: 'gift-receipt',
    props: {
      ...receipt,
      method: 'bank_transfer',
      frequency: 'instalments',
      instalment: { sequence: 1, count: 4 },
      earmark: { kind: 'programme', title: 'GLO.ACT' },
      dedication: 'For Nour',
      isAnonymous: true,
    },
  },
  {
    name: 'gift-receipt (company with tax number and contact, fee covered, EUR with its USD equivalent)',
    template: 'gift-receipt',
    props: {
      ...receipt,
      amountMinor: '10300',
      currency: 'EUR',
      organisation: { name: 'Acme Logistics SA', taxNumber: 'CHE-123.456.789', contactName: 'Ana Silva' },
      feeCoverMinor: '300',
      usdEquivalent: { usdMinor: '11124', usdRate: '1.08' },
    },
  },
  {
    name: 'gift-receipt (monthly, project)',
    template: 'gift-receipt',
    props: { ...receipt, frequency: 'monthly', earmark: { kind: 'project', title: 'GLOT59' } },
  },
  {
    name: 'bank-transfer-instructions (once)',
    template: 'bank-transfer-instructions',
    props: {
      ...transfer,
      frequency: 'once',
      earmark: { kind: 'general' },
      instalments: [{ sequence: 1, dueOn: '2026-05-01', amountMinor: transfer.amountMinor }],
    },
  },
  { name: 'instalment-reminder (overdue-3)', template: 'instalment-reminder', props: { ...cardReminder, kind: 'overdue-3' } },
  {
    name: 'instalment-reminder (overdue-14, bank transfer)',
    template: 'instalment-reminder',
    props: { ...cardReminder, kind: 'overdue-14', method: 'bank_transfer', payUrl: undefined, bank },
  },
] as const;

describe('giving emails in six languages', () => {
  for (const { name, template, props } of variants) {
    it(`${name}: translated, with direction, and the amount in its currency's exponent`, async () => {
      const subjects = new Set<string>();
      const english = (await renderEmail({ template, locale: 'en', props })).text.split('\n');
      for (const locale of locales) {
        const email = await renderEmail({ template, locale, props });
        expectTranslated(email, locale);
        // A key missing in one language falls back to English: no English line may show up
        // elsewhere, except blank lines, the signature separator and the universal IBAN/BIC labels.
        if (locale !== 'en') {
          const untranslated = email.text.split('\n').filter((line) => english.includes(line) && !SAME_IN_EVERY_LANGUAGE.test(line));
          expect(untranslated, locale).toEqual([]);
        }
        const amount = formatMoney(BigInt(props.amountMinor), props.currency, locale);
        expect(email.html).toContain(amount);
        expect(email.text).toContain(amount);
        expect(email.text).toContain(props.reference);
        subjects.add(email.subject);
      }
      expect(subjects.size).toBe(locales.length);
    });
  }

  it('formats JPY without decimals and KWD with three, exactly from minor units', async () => {
    const yen = await renderSpaced({ template: 'gift-receipt', locale: 'en', props: receipt });
    expect(yen.subject).toContain('¥12,345');
    expect(yen.text).not.toContain('¥12,345.');
    expect(yen.text).not.toContain('¥123.45');
    const dinar = await renderSpaced({ template: 'monthly-payment-failed', locale: 'en', props: failed });
    expect(dinar.subject).toContain('KWD 25.000');
    const schedule = await renderSpaced({ template: 'bank-transfer-instructions', locale: 'en', props: transfer });
    expect(schedule.text).toContain('KWD 1,234.567');
    expect(schedule.text).toContain('KWD 411.523');
  });
});

describe('giving email strings', () => {
  const sections = ['giving', 'giftReceipt', 'bankTransferInstructions', 'instalmentReminder', 'monthlyPaymentFailed'];
  // Labels the banking world writes the same in every language.
  const universal = new Set(['giving.bank.iban', 'giving.bank.bic']);
  function stringsOf(locale: string): Map<string, string> {
    // JSON.parse at a parse boundary: the locale files are plain nested objects of strings.
    const bundle = JSON.parse(readFileSync(`app/locales/${locale}/email.json`, 'utf8')) as Record<string, unknown>;
    const out = new Map<string, string>();
    const walk = (value: unknown, key: string) => {
      if (value && typeof value === 'object') for (const [child, item] of Object.entries(value)) walk(item, `${key}.${child}`);
      else out.set(key, String(value));
    };
    for (const section of sections) walk(bundle[section], section);
    return out;
  }

  it('exist in every language, translated (a missing key would silently fall back to English)', () => {
    const english = stringsOf('en');
    expect(english.size).toBeGreaterThan(60);
    for (const locale of locales.filter((lng) => lng !== 'en')) {
      const strings = stringsOf(locale);
      expect([...strings.keys()].sort(), locale).toEqual([...english.keys()].sort());
      const copied = [...english].filter(([key, text]) => strings.get(key) === text && !universal.has(key)).map(([key]) => key);
      expect(copied, `${locale}: English copies`).toEqual([]);
    }
  });
});

describe('gift-receipt', () => {
  it('is a receipt: amount, date, earmark explained, reference, payment id, keep-it line', async () => {
    const email = await renderSpaced({ template: 'gift-receipt', locale: 'en', props: receipt });
    expect(email.subject).toBe('Receipt for your gift of ¥12,345 — UNODC-7K3M-Q9TX');
    for (const part of [email.html, email.text]) {
      expect(part).toContain('Dear Amina Haddad,');
      expect(part).toContain('March 5, 2026');
      expect(part).toContain('General-purpose funds');
      expect(part).toContain('UNODC staff allocate them to the projects where the need is greatest');
      expect(part).toContain(receipt.paymentId);
      expect(part).toContain('This is your receipt; keep it for your records.');
      expect(part).not.toContain('anonymously');
    }
    expect(email.html).toContain(`href="${receipt.pledgeUrl}"`);
    expect(email.html).toContain(`href="${receipt.accountUrl}"`);
    expect(email.text).toContain(`Your gifts, pledges and receipts are in your account: ${receipt.accountUrl}`);
  });

  it('links how the money is used, the privacy notice and the contact page, in the reader’s language', async () => {
    const email = await renderSpaced({ template: 'gift-receipt', locale: 'en', props: receipt });
    for (const url of Object.values(receipt.trustUrls!)) expect(email.html).toContain(`href="${url}"`);
    expect(email.text).toContain(`How your money is used: ${receipt.trustUrls!.money}`);
    expect(email.text).toContain(`Privacy: ${receipt.trustUrls!.privacy}`);
    expect(email.text).toContain(`Contact: ${receipt.trustUrls!.contact}`);
    const arabic = await renderSpaced({ template: 'gift-receipt', locale: 'ar', props: receipt });
    expect(arabic.html).toContain(`href="${receipt.trustUrls!.privacy}"`);
    expect(arabic.text).toContain(`الخصوصية: ${receipt.trustUrls!.privacy}`);
    // A receipt queued before the trust pages existed still renders, without the line.
    const { trustUrls: _none, ...older } = receipt;
    const old = await renderSpaced({ template: 'gift-receipt', locale: 'en', props: older });
    expect(old.html).not.toContain('/about/privacy');
  });

  it('names a project earmark, the instalment, the dedication (escaped) and anonymity', async () => {
    const email = await renderSpaced({
      template: 'gift-receipt',
      locale: 'fr',
      props: {
        ...receipt,
        method: 'bank_transfer',
        frequency: 'instalments',
        instalment: { sequence: 2, count: 3 },
        earmark: { kind: 'project', title: 'Lutte contre la traite au Sahel' },
        dedication: 'En mémoire de <b>Léa</b>',
        isAnonymous: true,
        pledgeUrl: undefined,
      },
    });
    expect(email.text).toContain('Projet : Lutte contre la traite au Sahel');
    expect(email.text).toContain('Échéance 2 sur 3');
    expect(email.text).toContain('Virement bancaire');
    expect(email.text).toContain('anonymement');
    expect(email.text).toContain('En mémoire de <b>Léa</b>');
    expect(email.html).toContain('En mémoire de &lt;b&gt;Léa&lt;/b&gt;');
    expect(email.html).not.toContain('/give/pledge/');
  });
});

describe('gift-receipt for a company, a covered fee and another currency', () => {
  const company = {
    ...receipt,
    donorName: 'Acme Logistics SA',
    amountMinor: '10300',
    currency: 'EUR',
    organisation: { name: 'Acme Logistics SA', taxNumber: 'CHE-123.456.789', contactName: 'Ana Silva' },
    feeCoverMinor: '300',
    usdEquivalent: { usdMinor: '11124', usdRate: '1.080000000000' },
  };

  it('names the company, prints the tax number the form promised and the contact, and greets the contact', async () => {
    const email = await renderSpaced({ template: 'gift-receipt', locale: 'en', props: company });
    for (const part of [email.html, email.text]) {
      expect(part).toContain('Acme Logistics SA');
      expect(part).toMatch(/Registration or tax number:?\s*(<[^>]+>\s*)*CHE-123\.456\.789/);
      expect(part).toMatch(/Contact person:?\s*(<[^>]+>\s*)*Ana Silva/);
      expect(part).toContain('Dear Ana Silva,');
    }
  });

  it('shows the fee cover as its own line and the USD equivalent at the pinned rate', async () => {
    const email = await renderSpaced({ template: 'gift-receipt', locale: 'en', props: company });
    expect(email.text).toContain('Amount: €103.00');
    expect(email.text).toContain('Of which, the card processing fee you chose to cover: €3.00');
    expect(email.text).toContain(
      'Equivalent in US dollars: $111.24 at the United Nations operational rate of exchange on the day received (1 EUR = 1.08 USD)',
    );
    const french = await renderSpaced({ template: 'gift-receipt', locale: 'fr', props: company });
    expect(french.text).toContain('Numéro d’immatriculation ou d’identification fiscale: CHE-123.456.789');
    expect(french.text).toContain('3,00 €');
    expect(french.text).toContain('111,24 $US');
  });

  it('shows neither line for a US-dollar gift whose fee was not covered', async () => {
    const email = await renderSpaced({
      template: 'gift-receipt',
      locale: 'en',
      props: { ...receipt, currency: 'USD', amountMinor: '5000' },
    });
    expect(email.text).not.toContain('processing fee');
    expect(email.text).not.toContain('Equivalent in US dollars');
    expect(email.text).not.toContain('Registration or tax number');
  });
});

describe('bank-transfer-instructions', () => {
  it('puts the reference first and boxed, then the schedule in order, the bank details and the link', async () => {
    const email = await renderSpaced({ template: 'bank-transfer-instructions', locale: 'en', props: transfer });
    expect(email.subject).toBe('How to transfer your pledge of KWD 1,234.567 — reference UNODC-4HX2-PL8D');
    expect(email.text).toContain('*** Payment reference — quote it on your transfer: UNODC-4HX2-PL8D ***');
    expect(email.html).toMatch(/<p[^>]*font-size:24px[^>]*>UNODC-4HX2-PL8D<\/p>/);
    expect(email.text.indexOf('UNODC-4HX2-PL8D ***')).toBeLessThan(email.text.indexOf('Bank details'));
    const rows = [
      'Instalment 1 of 3: KWD 411.523 by May 1, 2026',
      'Instalment 2 of 3: KWD 411.522 by June 1, 2026',
      'Instalment 3 of 3: KWD 411.522 by July 1, 2026',
    ];
    const positions = rows.map((row) => email.text.indexOf(row));
    expect(positions.every((position) => position > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    for (const value of Object.values(bank)) {
      expect(email.text).toContain(value);
      expect(email.html).toContain(value);
    }
    expect(email.text).toContain('Project: Strengthening border control in Central Asia');
    expect(email.html).toContain(`href="${transfer.instructionsUrl}"`);
  });

  it('for a one-off transfer shows the pay-by date and no schedule', async () => {
    const email = await renderSpaced({
      template: 'bank-transfer-instructions',
      locale: 'ar',
      props: {
        ...transfer,
        frequency: 'once',
        earmark: { kind: 'general' },
        instalments: [{ sequence: 1, dueOn: '2026-05-01', amountMinor: '1234567' }],
      },
    });
    expect(email.text).toContain(formatDate('2026-05-01', 'ar'));
    expect(email.text).not.toContain('القسط 1 من 1');
    expect(email.text).toContain('أموال الأغراض العامة');
    expect(email.html).toContain('dir="rtl"');
  });
});

describe('instalment-reminder', () => {
  it('has a different subject for each kind, all polite and with the instalment', async () => {
    const subjects = await Promise.all(
      (['upcoming', 'overdue-3', 'overdue-14'] as const).map(
        async (kind) => (await renderSpaced({ template: 'instalment-reminder', locale: 'en', props: { ...cardReminder, kind } })).subject,
      ),
    );
    expect(subjects).toEqual([
      'Instalment 2 of 3 (¥5,000) is due on April 5, 2026',
      'Reminder: instalment 2 of 3 (¥5,000) was due on April 5, 2026',
      'Second reminder: instalment 2 of 3 (¥5,000), due on April 5, 2026',
    ]);
  });

  it('offers a pay button for cards and the bank details with the reference for transfers', async () => {
    const card = await renderSpaced({ template: 'instalment-reminder', locale: 'es', props: cardReminder });
    expect(card.html).toContain(`href="${cardReminder.payUrl}"`);
    expect(card.html).toContain('Pagar esta cuota');
    expect(card.html).not.toContain(bank.iban);

    const byTransfer = await renderSpaced({
      template: 'instalment-reminder',
      locale: 'ru',
      props: { ...cardReminder, kind: 'overdue-14', method: 'bank_transfer', payUrl: undefined, bank },
    });
    expect(byTransfer.html).toContain(bank.iban);
    expect(byTransfer.html).toMatch(/<p[^>]*font-size:24px[^>]*>UNODC-7K3M-Q9TX<\/p>/);
    expect(byTransfer.html).not.toContain('/pay/2');
    expect(byTransfer.subject).toContain('Повторное напоминание');
  });
});

describe('monthly-payment-failed', () => {
  it('links to fixing the card, reassures, and says how to stop the gift', async () => {
    const email = await renderSpaced({ template: 'monthly-payment-failed', locale: 'en', props: failed });
    expect(email.subject).toBe('Your monthly gift of KWD 25.000 could not be collected');
    expect(email.html).toContain(`href="${failed.fixUrl}"`);
    expect(email.text).toContain(failed.fixUrl);
    expect(email.text).toContain('On March 5, 2026 we tried to collect');
    expect(email.text).toContain('Nothing else needs doing');
    expect(email.text).toContain('reply to this email quoting reference UNODC-M0NT-HLY1');
    // It invites a reply, so its footer must not say "do not reply".
    expect(email.text).not.toMatch(/do not reply/i);
  });
});

describe('props are checked before rendering', () => {
  // The test name shows what differs from the valid fixture.
  function describeDifference(template: string, props: unknown): string {
    const base = cases.find((entry) => entry.template === template)?.props ?? {};
    const changed = Object.entries(props as Record<string, unknown>).filter(
      ([key, value]) => JSON.stringify(value) !== JSON.stringify((base as Record<string, unknown>)[key]),
    );
    return changed.map(([key, value]) => `${key}=${JSON.stringify(value) ?? 'undefined'}`).join(', ');
  }
  const refused: [string, unknown][] = [
    ['gift-receipt', { ...receipt, amountMinor: '12.5' }],
    ['gift-receipt', { ...receipt, amountMinor: '0' }],
    ['gift-receipt', { ...receipt, amountMinor: '-500' }],
    ['gift-receipt', { ...receipt, amountMinor: 12345 }],
    ['gift-receipt', { ...receipt, amountMinor: '99999999999999999999' }],
    ['gift-receipt', { ...receipt, currency: 'XYZ' }],
    ['gift-receipt', { ...receipt, receivedAt: '5 March 2026' }],
    ['gift-receipt', { ...receipt, earmark: { kind: 'project' } }],
    ['gift-receipt', { ...receipt, earmark: { kind: 'country', title: 'x' } }],
    ['gift-receipt', { ...receipt, instalment: { sequence: 4, count: 3 } }],
    ['gift-receipt', { ...receipt, pledgeUrl: 'javascript:alert(1)' }],
    ['gift-receipt', { ...receipt, feeCoverMinor: receipt.amountMinor }],
    ['gift-receipt', { ...receipt, currency: 'USD', usdEquivalent: { usdMinor: '100', usdRate: '1' } }],
    ['bank-transfer-instructions', { ...transfer, frequency: 'monthly' }],
    ['bank-transfer-instructions', { ...transfer, instalments: [] }],
    ['bank-transfer-instructions', { ...transfer, instalments: [{ sequence: 1, dueOn: '2026-02-30', amountMinor: '1' }] }],
    ['bank-transfer-instructions', { ...transfer, bank: { ...bank, iban: '' } }],
    ['instalment-reminder', { ...cardReminder, kind: 'overdue-7' }],
    ['instalment-reminder', { ...cardReminder, payUrl: undefined }],
    ['instalment-reminder', { ...cardReminder, method: 'bank_transfer', payUrl: undefined }],
    ['instalment-reminder', { ...cardReminder, sequence: 4 }],
    ['monthly-payment-failed', { ...failed, fixUrl: 'not a url' }],
    ['monthly-payment-failed', { ...failed, amountMinor: '25.000' }],
  ];
  for (const [template, props] of refused) {
    it(`${template} refuses ${describeDifference(template, props)}`, async () => {
      // A ZodError, not some failure further down the rendering.
      await expect(renderEmail({ template, locale: 'en', props })).rejects.toBeInstanceOf(ZodError);
    });
  }
});

describe('templates are pure components with preview props (react-email dev server)', () => {
  it('renders each preview', async () => {
    const previews = [
      {
        html: await render(createElement(GiftReceiptEmail, GiftReceiptEmail.PreviewProps)),
        text: giftReceiptText(GiftReceiptEmail.PreviewProps),
      },
      {
        html: await render(createElement(BankTransferInstructionsEmail, BankTransferInstructionsEmail.PreviewProps)),
        text: bankTransferInstructionsText(BankTransferInstructionsEmail.PreviewProps),
      },
      {
        html: await render(createElement(InstalmentReminderEmail, InstalmentReminderEmail.PreviewProps)),
        text: instalmentReminderText(InstalmentReminderEmail.PreviewProps),
      },
      {
        html: await render(createElement(MonthlyPaymentFailedEmail, MonthlyPaymentFailedEmail.PreviewProps)),
        text: monthlyPaymentFailedText(MonthlyPaymentFailedEmail.PreviewProps),
      },
    ];
    for (const preview of previews) {
      expect(preview.html).toContain('Dear Amina Haddad,');
      expect(preview.text).toContain('Dear Amina Haddad,');
    }
  });
});
