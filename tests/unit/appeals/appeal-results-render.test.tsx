// /staff/appeals/:id/results renders what its page builder read (issue #15 item 6): the figures
// formatted in the reader's language, the coverage lines before and after the send, a chart with an
// accessible name and description and its figures as a table, and a CSV download behind the role.
import type { ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { saveAppealDraft } from '~/appeals/appeal-draft-commands.server.ts';
import { averageGiftUsdMinor, buildAppealResultsPage, conversionBasisPoints } from '~/appeals/appeal-results-page.server.ts';
import { recordPayment } from '~/ledger/payment-commands.server.ts';
import { getPrisma } from '~/platform/db.server.ts';
import { getLocaleResources } from '~/platform/i18n.server.ts';
import { getI18nInstance } from '~/platform/i18n-instance.ts';
import { locales, type Locale } from '~/platform/i18n.ts';
import { args, get } from '../staff/helpers.ts';
import { signedIn } from '../staff/signed-in.ts';
import { createDonor, createProject } from '../impact/impact-report-fixture.ts';

const page = vi.hoisted(() => ({ data: undefined as unknown }));
vi.mock('@remix-run/react', () => ({
  useLoaderData: () => page.data,
  useRouteError: () => null,
  Link: ({ children, to, ...rest }: { children: ReactNode; to: string }) => (
    <a href={to} {...rest}>
      {children}
    </a>
  ),
}));

const { default: AppealResults } = await import('~/routes/staff.appeals.$id_.results.tsx');
const { loader: csvLoader } = await import('~/routes/staff.appeals.$id_.results[.]csv.ts');

const db = getPrisma();
const SENT_AT = new Date('2025-06-10T09:00:00Z');
const NOW = new Date('2025-06-20T12:00:00Z');
let appealId = '';

beforeAll(async () => {
  const staffUserId = (await signedIn(['RESOURCE_MOBILIZATION'], 'rm-results-render@example.org')).user.id;
  const project = await createProject('RSR001'); // needs $100,000.00 in 2025
  const texts = { title: 'Shelters now', subject: 'Shelters now', preheader: '', intro: 'Please give.' };
  const saved = await saveAppealDraft({
    draft: {
      code: 'shelters-now',
      goalUsdMinor: 1_000_000n,
      segmentId: null,
      fallbackLocale: 'en',
      texts: Object.fromEntries(locales.map((locale) => [locale, texts])),
      blocks: [{ kind: 'project', id: project.id }],
    },
    staffUserId,
  });
  if (!saved.ok) throw new Error(saved.reason);
  appealId = saved.id;
  await db.appeal.update({ where: { id: appealId }, data: { status: 'SENT', sentAt: SENT_AT } });
  const donors = [await createDonor({ name: 'Giver' }), await createDonor({ name: 'Reader' })];
  for (const donor of donors) {
    const email = await db.emailOutbox.create({
      data: {
        idempotencyKey: `appeal:${appealId}:${donor.id}`,
        template: 'appeal',
        toAddress: donor.email ?? 'x@example.org',
        locale: 'en',
        props: { appealId, donorId: donor.id },
        status: 'SENT',
        sentAt: SENT_AT,
        deliveryOutcome: 'DELIVERED',
        consentKind: 'APPEALS',
      },
    });
    await db.appealRecipient.create({ data: { appealId, donorId: donor.id, emailId: email.id, queuedAt: SENT_AT } });
  }
  const giver = await db.appealRecipient.findFirstOrThrow({ where: { appealId, donorId: donors[0]!.id } });
  await db.appealClick.create({
    data: { appealId, recipientId: giver.id, target: '/give?appeal=shelters-now&project=RSR001', clickedAt: SENT_AT },
  });
  const pledge = await db.pledge.create({
    data: {
      reference: 'RSR-1',
      donorId: donors[0]!.id,
      frequency: 'ONCE',
      method: 'CARD',
      currency: 'USD',
      amountMinor: 2_500_000n,
      usdRate: '1',
      earmarkType: 'PROJECT',
      projectId: project.id,
      appealId,
      appealRecipientId: giver.id,
    },
  });
  const at = new Date('2025-06-12T12:00:00Z');
  const { payment } = await db.$transaction((tx) =>
    recordPayment({
      db: tx,
      pledge,
      instalmentId: null,
      provider: 'MANUAL',
      providerPaymentId: 'rsr-1',
      currency: 'USD',
      amountMinor: 2_500_000n,
      receivedAt: at,
    }),
  );
  await db.$transaction([
    db.$executeRaw`SET LOCAL session_replication_role = replica`,
    db.$executeRaw`UPDATE payments SET "createdAt" = ${at} WHERE id = ${payment.id}::uuid`,
    db.$executeRaw`UPDATE allocations SET "createdAt" = ${at} WHERE "paymentId" = ${payment.id}::uuid`,
  ]);
});

async function render(locale: Locale) {
  page.data = await buildAppealResultsPage({ appealId, locale, now: NOW });
  return renderToStaticMarkup(
    <I18nextProvider i18n={getI18nInstance(locale, getLocaleResources(locale))}>
      <AppealResults />
    </I18nextProvider>,
  );
}

const figure = (html: string, key: string) => new RegExp(`data-figure="${key}"><dt>[^<]+</dt><dd>([^<]+)</dd>`).exec(html)?.[1];

describe('the results page', () => {
  it('shows the figures, the coverage before and after the send, and the chart with its table', async () => {
    const html = await render('en');
    expect(html).toContain('<h1 id="results-title">Results: Shelters now</h1>');
    expect(html).toContain('Sent on June 10, 2025 · code shelters-now');
    expect(figure(html, 'recipients')).toBe('2');
    expect(figure(html, 'delivered')).toBe('2');
    expect(figure(html, 'clicks')).toBe('1');
    expect(figure(html, 'givers')).toBe('1');
    expect(figure(html, 'raised')).toBe('$25,000.00');
    expect(figure(html, 'conversion')).toBe('50%');
    expect(figure(html, 'average')).toBe('$25,000.00');
    expect(html).toContain('The day before the send (Jun 9, 2025): 0% covered — $0.00 of $100,000.00');
    expect(html).toContain('Now (Jun 20, 2025): 25% covered — $25,000.00 of $100,000.00');
    expect(html).toMatch(/<svg[^>]*role="img"[^>]*aria-labelledby="coverage-0-title"[^>]*aria-describedby="coverage-0-desc"/);
    expect(html).toContain('<title id="coverage-0-title">Coverage of Project RSR001 over time</title>');
    expect(html).toContain(
      'Coverage from May 27, 2025 to Jun 20, 2025: 0% at the start, 25% at the end. The appeal was sent on June 10, 2025.',
    );
    expect(html).toContain('<caption>Coverage of Project RSR001 by day</caption>');
    expect(html).toContain('<td>25% ($25,000.00)</td>');
    expect(html).toContain('href="/staff/appeals/' + appealId + '/results.csv"');
  });

  it('is written in each language, Arabic included, with the chart mirrored', async () => {
    for (const locale of locales) {
      const html = await render(locale);
      // An untranslated key would show as its name.
      expect(html).not.toMatch(/[>"](results|figures|coverage|chart|byCurrency)\.[a-zA-Z]/);
      if (locale === 'ar') expect(html).toContain('direction="rtl"');
    }
  });

  it('computes conversion and the average gift, and none without gifts', () => {
    const money = { pledges: 0, trackedPledges: 0, byCurrency: [], givers: 1, gifts: 3, usdMinor: 1_000n };
    expect(averageGiftUsdMinor({ money })).toBe(333n);
    expect(averageGiftUsdMinor({ money: { ...money, usdMinor: 1_001n, gifts: 2 } })).toBe(501n);
    expect(averageGiftUsdMinor({ money: { ...money, gifts: 0 } })).toBeNull();
    const delivery = {
      recipients: 3,
      sent: 3,
      delivered: 3,
      bounced: 0,
      complained: 0,
      skipped: 0,
      failed: 0,
      pending: 0,
      unsubscribed: 0,
    };
    expect(conversionBasisPoints({ delivery, money })).toBe(3333);
    expect(conversionBasisPoints({ delivery: { ...delivery, recipients: 0 }, money })).toBe(0);
  });

  it('downloads the results as CSV, figures in minor units', async () => {
    const { cookie } = await signedIn(['RESOURCE_MOBILIZATION'], 'rm-results-csv@example.org');
    const response = (await csvLoader({
      ...args(get(`/staff/appeals/${appealId}/results.csv`, { cookie })),
      params: { id: appealId },
    })) as Response;
    expect(response.headers.get('Content-Type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('Content-Disposition')).toBe('attachment; filename="appeal-shelters-now-results.csv"');
    const text = await response.text();
    expect(text).toContain('section,figure,currency,value\r\n');
    expect(text).toContain('emails,recipients,,2\r\n');
    expect(text).toContain('gifts,raisedMinor,USD,2500000\r\n');
    expect(text).toContain('raised,amountMinor,USD,2500000\r\n');
    expect(text).toContain('project:RSR001,requirementMinor,USD,10000000\r\n');
    // The route reads "now" from the clock: only rows that do not depend on today are compared.
    expect(text).toContain('project:RSR001,coverageBasisPoints:2025-06-09:beforeSend,,0\r\n');
  });
});
