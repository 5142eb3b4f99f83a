// npm run bench:statement-pdf — time to render a yearly statement of ~100 gifts as a PDF (issue
// #14 item 5), in English, Arabic and Chinese: the model built from rows in memory (the database
// read is one indexed query per table, timed by the account tests' pages), then react-pdf's layout
// and the embedded, subset fonts. The first render of a language pays for reading and parsing its
// fonts; the figures after it are what each further download costs the server.
// BENCH_GIFTS (default 100) gifts, BENCH_RUNS (default 10) runs per language. Prints min / p50 /
// max in ms, the pages and the bytes, and the machine's load average (others share it).
import { loadavg } from 'node:os';
import { renderStatementPdf } from '../app/account/statement-pdf.server.tsx';
import type { StatementData } from '../app/account/statement-queries.server.ts';
import { yearRange } from '../app/account/statement-schema.ts';
import { formatStatement } from '../app/account/statement.server.ts';
import { feeCoverOfPayment } from '../app/giving/fee-cover.ts';
import type { Locale } from '../app/platform/i18n.ts';

const gifts = Number(process.env.BENCH_GIFTS ?? 100);
const runs = Number(process.env.BENCH_RUNS ?? 10);

const titles = [
  { en: 'Global Programme against Trafficking in Persons', ar: 'البرنامج العالمي لمكافحة الاتجار بالأشخاص', zh: '打击贩运人口全球方案' },
  { en: 'Global Programme against Corruption', ar: 'البرنامج العالمي لمكافحة الفساد', zh: '反腐败全球方案' },
  { en: 'Global Programme against Organized Crime', ar: 'البرنامج العالمي لمكافحة الجريمة المنظمة', zh: '打击有组织犯罪全球方案' },
];
const currencies = [
  { currency: 'USD', usdRate: 1, amountMinor: 5_000n },
  { currency: 'EUR', usdRate: 1.08, amountMinor: 10_300n },
  { currency: 'JPY', usdRate: 0.0067, amountMinor: 12_000n },
];

function yearOfGifts(): StatementData {
  const data: StatementData = {
    donor: {
      displayName: 'Amal Haddad',
      type: 'COMPANY',
      organisationName: 'Haddad Trading',
      organisationId: 'DE 123 456 789',
      givenName: 'Amal',
      familyName: 'Haddad',
    },
    gifts: [],
    reversals: [],
  };
  for (let i = 0; i < gifts; i += 1) {
    const { currency, usdRate, amountMinor } = currencies[i % currencies.length]!;
    const amount = amountMinor + BigInt(i * 100);
    data.gifts.push({
      paymentId: `p${i}`,
      receivedAt: new Date(Date.UTC(2026, 0, 1) + Math.floor((i * 365) / gifts) * 86_400_000).toISOString(),
      currency,
      amountMinor: amount,
      usdMinor: BigInt(Math.round(Number(amount) * usdRate * (currency === 'JPY' ? 100 : 1))),
      method: 'CARD',
      instalmentSequence: null,
      earmark: i % 4 === 0 ? { kind: 'general' } : { kind: 'project', code: `GLO${i % 3}`, title: titles[i % 3] },
      pledge: {
        reference: `UN-2026-${String(i).padStart(5, '0')}`,
        frequency: i % 2 ? 'MONTHLY' : 'ONCE',
        coversFee: i % 5 === 0,
        amountMinor: amount,
      },
    });
  }
  for (let i = 0; i < Math.floor(gifts / 20); i += 1) {
    const gift = data.gifts[i * 20]!;
    data.reversals.push({
      id: `r${i}`,
      paymentId: gift.paymentId,
      at: gift.receivedAt,
      kind: 'REFUND',
      currency: gift.currency,
      amountMinor: gift.amountMinor / 2n,
      usdMinor: gift.usdMinor / 2n,
      reference: gift.pledge?.reference ?? null,
    });
  }
  return data;
}

const data = yearOfGifts();
console.log(
  `statement PDF, ${gifts} gifts and ${data.reversals.length} refunds in a year, ${runs} runs per language; load ${loadavg()
    .map((n) => n.toFixed(2))
    .join(' ')}`,
);
for (const locale of ['en', 'ar', 'zh'] as Locale[]) {
  const times: number[] = [];
  let bytes = 0;
  let first = 0;
  for (let run = 0; run <= runs; run += 1) {
    const started = performance.now();
    const statement = formatStatement({
      data,
      range: yearRange(2026),
      locale,
      feeCoverOf: feeCoverOfPayment,
      issuedAt: new Date('2027-01-05T00:00:00Z'),
    });
    const pdf = await renderStatementPdf(statement);
    const ms = performance.now() - started;
    if (run === 0) first = ms;
    else times.push(ms);
    bytes = pdf.length;
  }
  times.sort((x, y) => x - y);
  const pick = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!.toFixed(0);
  console.log(
    `${locale}: first ${first.toFixed(0)} ms; then min ${pick(0)} / p50 ${pick(0.5)} / max ${pick(1)} ms; ${(bytes / 1024).toFixed(0)} KiB`,
  );
}
