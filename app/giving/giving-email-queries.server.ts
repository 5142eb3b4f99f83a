// The giving emails' outbox entries: which template, to whom, in which language, with which
// props (templates in emails/, rendering in email-render.server.ts). Built from the database
// rows inside the writer's transaction, so the email and the fact it reports commit together.
// Idempotency keys name the fact (payment, pledge, instalment + reminder kind): the same fact
// never mails twice, whatever retries happen.
import type { EnqueueEmailInput } from '~/platform/email/outbox.server.ts';
import { pledgeDetails } from '~/ledger/pledge-commands.server.ts';
import type { DbClient } from '~/platform/db.server.ts';
import { accountUrl } from '~/platform/account-link.server.ts';
import { getEnv } from '~/platform/env.server.ts';
import { isLocale, pickText, type Locale } from '~/platform/i18n.ts';
import { trustUrls } from '~/platform/trust-links.ts';
import { absoluteUrl, pledgePath, transferPath } from './pledge-links.server.ts';
import { feeCoverOfPayment } from './fee-cover.ts';

type OutboxEntry = Omit<EnqueueEmailInput, 'db'>;

const methodOf = (method: string) => (method === 'CARD' ? 'card' : 'bank_transfer') as 'card' | 'bank_transfer';
const frequencyOf = (frequency: string) => frequency.toLowerCase() as 'once' | 'monthly' | 'instalments';
const localeOf = (value: string): Locale => (isLocale(value) ? value : 'en');
const dateOnly = (date: Date) => date.toISOString().slice(0, 10);

/** Bank account details for transfers, from configuration. */
export function bankDetails() {
  const env = getEnv();
  return {
    accountName: env.BANK_ACCOUNT_NAME,
    bankName: env.BANK_NAME,
    iban: env.BANK_IBAN,
    bic: env.BANK_BIC,
    bankAddress: env.BANK_ADDRESS,
  };
}

/** What a pledge is earmarked to, titled in the reader's language (a project with its code). */
export function earmarkSummary(
  pledge: { earmarkType: string; programme: { title: unknown } | null; project: { code: string; title: unknown } | null },
  locale: Locale,
) {
  if (pledge.earmarkType === 'PROJECT' && pledge.project) {
    return { kind: 'project' as const, title: `${pickText(pledge.project.title, locale)} (${pledge.project.code})` };
  }
  if (pledge.earmarkType === 'PROGRAMME' && pledge.programme)
    return { kind: 'programme' as const, title: pickText(pledge.programme.title, locale) };
  return { kind: 'general' as const };
}

/** The receipt for one payment (null when the donor has no email address). */
export async function receiptEmail({ db, paymentId }: { db: DbClient; paymentId: string }): Promise<OutboxEntry | null> {
  const payment = await db.payment.findUnique({ where: { id: paymentId }, include: { pledge: { include: pledgeDetails } } });
  const pledge = payment?.pledge;
  if (!payment || !pledge?.donor.email) return null;
  const locale = localeOf(pledge.donor.locale);
  const instalment = payment.instalmentId ? pledge.instalments.find((row) => row.id === payment.instalmentId) : undefined;
  return {
    template: 'gift-receipt',
    to: pledge.donor.email,
    locale,
    donorId: pledge.donorId,
    idempotencyKey: `gift-receipt:${payment.id}`,
    props: {
      donorName: pledge.donor.displayName,
      reference: pledge.reference,
      paymentId: payment.providerPaymentId ?? payment.id,
      amountMinor: payment.amountMinor.toString(),
      currency: payment.currency,
      receivedAt: payment.receivedAt.toISOString(),
      method: methodOf(payment.method),
      frequency: frequencyOf(pledge.frequency),
      ...(pledge.frequency === 'INSTALMENTS' && instalment
        ? { instalment: { sequence: instalment.sequence, count: pledge.instalments.length } }
        : {}),
      earmark: earmarkSummary(pledge, locale),
      ...(pledge.dedication ? { dedication: pledge.dedication } : {}),
      isAnonymous: pledge.isAnonymous,
      ...(pledge.frequency === 'INSTALMENTS' ? { pledgeUrl: absoluteUrl(pledgePath(pledge.reference)) } : {}),
      accountUrl: accountUrl(),
      trustUrls: trustUrls(getEnv().APP_ORIGIN),
      ...receiptExtras(payment, pledge),
    },
  };
}

/**
 * What a receipt adds for some gifts: a company's or foundation's name, tax number and contact
 * (the form promises the number "appears on your receipt"), the part that covers the card fee,
 * and the USD value at the pinned operational rate of a gift in another currency.
 */
function receiptExtras(
  payment: { amountMinor: bigint; currency: string; usdMinor: bigint; usdRate: { toFixed(): string } },
  pledge: {
    coversFee: boolean;
    frequency: string;
    amountMinor: bigint;
    donor: {
      type: string;
      organisationName: string | null;
      organisationId: string | null;
      givenName: string | null;
      familyName: string | null;
    };
  },
) {
  const { donor } = pledge;
  const contactName = [donor.givenName, donor.familyName].filter(Boolean).join(' ').trim();
  const feeCoverMinor = pledge.coversFee
    ? feeCoverOfPayment({
        paymentMinor: payment.amountMinor,
        // A monthly payment carries the fee of its own amount, which the donor may have changed (decision 043).
        pledgeMinor: pledge.frequency === 'MONTHLY' ? payment.amountMinor : pledge.amountMinor,
        currency: payment.currency,
      })
    : 0n;
  return {
    ...(donor.type !== 'INDIVIDUAL' && donor.organisationName
      ? {
          organisation: {
            name: donor.organisationName,
            ...(donor.organisationId ? { taxNumber: donor.organisationId } : {}),
            ...(contactName ? { contactName } : {}),
          },
        }
      : {}),
    ...(feeCoverMinor > 0n ? { feeCoverMinor: feeCoverMinor.toString() } : {}),
    ...(payment.currency !== 'USD' ? { usdEquivalent: { usdMinor: payment.usdMinor.toString(), usdRate: payment.usdRate.toFixed() } } : {}),
  };
}

/** How to pay a bank-transfer pledge: account, amounts, due dates and the reference to quote. */
export async function bankTransferEmail({ db, pledgeId }: { db: DbClient; pledgeId: string }): Promise<OutboxEntry | null> {
  const pledge = await db.pledge.findUnique({ where: { id: pledgeId }, include: pledgeDetails });
  if (!pledge?.donor.email) return null;
  const locale = localeOf(pledge.donor.locale);
  return {
    template: 'bank-transfer-instructions',
    to: pledge.donor.email,
    locale,
    donorId: pledge.donorId,
    idempotencyKey: `bank-transfer-instructions:${pledge.id}`,
    props: {
      donorName: pledge.donor.displayName,
      reference: pledge.reference,
      amountMinor: pledge.amountMinor.toString(),
      currency: pledge.currency,
      frequency: pledge.frequency === 'INSTALMENTS' ? 'instalments' : 'once',
      instalments: pledge.instalments.map((row) => ({
        sequence: row.sequence,
        dueOn: dateOnly(row.dueOn),
        amountMinor: row.amountMinor.toString(),
      })),
      bank: bankDetails(),
      instructionsUrl: absoluteUrl(transferPath(pledge.reference)),
      earmark: earmarkSummary(pledge, locale),
    },
  };
}

export type ReminderKind = 'upcoming' | 'overdue-3' | 'overdue-14';

/** A reminder for one instalment; card pledges get a pay link, transfers the bank details. */
export async function instalmentReminderEmail({
  db,
  instalmentId,
  kind,
}: {
  db: DbClient;
  instalmentId: string;
  kind: ReminderKind;
}): Promise<OutboxEntry | null> {
  const instalment = await db.pledgeInstalment.findUnique({ where: { id: instalmentId }, include: { pledge: { include: pledgeDetails } } });
  const pledge = instalment?.pledge;
  if (!instalment || !pledge?.donor.email) return null;
  const locale = localeOf(pledge.donor.locale);
  const isCard = pledge.method === 'CARD';
  return {
    template: 'instalment-reminder',
    to: pledge.donor.email,
    locale,
    donorId: pledge.donorId,
    idempotencyKey: `instalment-reminder:${instalment.id}:${kind}`,
    props: {
      donorName: pledge.donor.displayName,
      reference: pledge.reference,
      kind,
      sequence: instalment.sequence,
      count: pledge.instalments.length,
      dueOn: dateOnly(instalment.dueOn),
      amountMinor: instalment.amountMinor.toString(),
      currency: pledge.currency,
      method: methodOf(pledge.method),
      ...(isCard ? { payUrl: absoluteUrl(pledgePath(pledge.reference)) } : { bank: bankDetails() }),
      pledgeUrl: absoluteUrl(isCard ? pledgePath(pledge.reference) : transferPath(pledge.reference)),
    },
  };
}
