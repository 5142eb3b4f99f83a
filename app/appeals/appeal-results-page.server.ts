// /staff/appeals/:id/results (issue #15 item 6, docs/decisions/050): the appeal's results in the
// reader's language — every figure formatted here, the chart's points, axis and texts included —
// and the same figures as CSV rows.
import { getT } from '~/platform/i18n.server.ts';
import { directionOf, pickText, type Locale } from '~/platform/i18n.ts';
import { formatDate, formatNumber, formatPercentFromBasisPoints, formatYear } from '~/platform/format.ts';
import { formatMoney, formatUsd } from '~/platform/money.ts';
import { toCsv, type CsvCell } from '~/platform/csv.ts';
import { buildAxis } from '~/ui/charts/scale.ts';
import { getAppealResults, type AppealResults, type BlockCoverage } from './appeal-results-queries.server.ts';

/** givers ÷ recipients in basis points (0 without recipients), rounded down as coverage is. */
export function conversionBasisPoints(results: Pick<AppealResults, 'delivery' | 'money'>): number {
  const { recipients } = results.delivery;
  return recipients > 0 ? Math.floor((results.money.givers * 10_000) / recipients) : 0;
}

/** Money raised in USD ÷ gifts, rounded half up to a cent; null without a gift. */
export function averageGiftUsdMinor(results: Pick<AppealResults, 'money'>): bigint | null {
  const { gifts, usdMinor } = results.money;
  if (gifts === 0) return null;
  const count = BigInt(gifts);
  return (usdMinor * 2n + count) / (count * 2n);
}

function blockView(block: BlockCoverage, index: number, results: AppealResults, locale: Locale) {
  const t = getT(locale, 'staff-appeals');
  const title = pickText(block.title, locale);
  const day = (iso: string) => formatDate(iso, locale, { dateStyle: 'medium' });
  const pct = (basisPoints: number) => formatPercentFromBasisPoints(basisPoints, locale);
  const requirement = formatUsd(block.requirementUsdMinor, locale);
  const line = (key: 'before' | 'now', point: NonNullable<BlockCoverage['before']>) =>
    t(`results.coverage.${key}`, {
      date: day(point.day),
      coverage: pct(point.coverageBasisPoints),
      funded: formatUsd(point.fundedUsdMinor, locale),
      requirement,
    });
  const label =
    block.kind === 'programme'
      ? t('results.coverage.programme', { year: formatYear(block.fromYear, locale) })
      : t('results.coverage.project', { code: block.key, from: formatYear(block.fromYear, locale), to: formatYear(block.toYear, locale) });
  const first = block.series[0];
  const sentDay = results.sentAt ? results.sentAt.toISOString().slice(0, 10) : null;
  return {
    key: `${block.kind}-${block.key}`,
    title,
    label,
    beforeLine: block.before ? line('before', block.before) : t('results.coverage.notSent'),
    nowLine: line('now', block.now),
    change:
      block.before === null
        ? null
        : t('results.coverage.change', {
            points: formatNumber((block.now.coverageBasisPoints - block.before.coverageBasisPoints) / 100, locale, {
              maximumFractionDigits: 1,
              signDisplay: 'exceptZero',
            }),
            funded: formatUsd(block.now.fundedUsdMinor - block.before.fundedUsdMinor, locale),
          }),
    chart: {
      id: `coverage-${index}`,
      title: t('results.chart.title', { title }),
      description: t('results.chart.description', {
        from: first ? day(first.day) : '',
        to: day(block.now.day),
        start: pct(first?.coverageBasisPoints ?? 0),
        end: pct(block.now.coverageBasisPoints),
        sent: results.sentAt ? formatDate(results.sentAt, locale) : t('results.notSentShort'),
      }),
      seriesLabel: t('results.chart.series'),
      points: block.series.map((point) => ({
        key: point.day,
        label: day(point.day),
        value: point.coverageBasisPoints,
        valueLabel: `${pct(point.coverageBasisPoints)} (${formatUsd(point.fundedUsdMinor, locale)})`,
      })),
      axis: buildAxis(Math.max(0, ...block.series.map((point) => point.coverageBasisPoints)), pct),
      ...(sentDay ? { marker: { key: sentDay, label: t('results.chart.sent') } } : {}),
      dir: directionOf(locale),
      table: { summary: t('results.chart.table'), caption: t('results.chart.caption', { title }), categoryHeader: t('results.chart.day') },
      emptyText: t('results.chart.empty'),
    },
  };
}

/** Everything the results page shows, formatted; null when there is no such appeal. */
export async function buildAppealResultsPage({ appealId, locale, now = new Date() }: { appealId: string; locale: Locale; now?: Date }) {
  const results = await getAppealResults({ appealId, now });
  if (!results) return null;
  const t = getT(locale, ['staff-appeals', 'common']);
  const n = (value: number) => formatNumber(value, locale);
  const average = averageGiftUsdMinor(results);
  const title = pickText(results.title, locale);
  const { delivery, clicks, money } = results;
  const row = (key: string, value: string) => ({ key, label: t(`results.figures.${key}`), value });
  return {
    title: t('common:meta.title', { page: t('results.title', { appeal: title }), site: t('common:site.name') }),
    heading: t('results.title', { appeal: title }),
    id: results.id,
    asOf: t('results.asOf', { date: formatDate(now, locale) }),
    sent: results.sentAt
      ? t('results.sentOn', { date: formatDate(results.sentAt, locale), code: results.code })
      : t('results.notSent', { code: results.code }),
    emails: [
      row('recipients', n(delivery.recipients)),
      row('sent', n(delivery.sent)),
      row('delivered', n(delivery.delivered)),
      row('bounced', n(delivery.bounced)),
      row('complained', n(delivery.complained)),
      row('skipped', n(delivery.skipped)),
      row('failed', n(delivery.failed)),
      row('pending', n(delivery.pending)),
      row('unsubscribed', n(delivery.unsubscribed)),
    ],
    engagement: [row('clicks', n(clicks.total)), row('clickers', n(clicks.recipients))],
    gifts: [
      row('pledges', n(money.pledges)),
      row('trackedPledges', n(money.trackedPledges)),
      row('gifts', n(money.gifts)),
      row('givers', n(money.givers)),
      row('raised', formatUsd(money.usdMinor, locale)),
      row('conversion', formatPercentFromBasisPoints(conversionBasisPoints(results), locale)),
      row('average', average === null ? t('results.none') : formatUsd(average, locale)),
    ],
    byCurrency: money.byCurrency.map((line) => ({
      currency: line.currency,
      amount: formatMoney(line.amountMinor, line.currency, locale),
      usd: formatUsd(line.usdMinor, locale),
    })),
    blocks: results.blocks.map((block, index) => blockView(block, index, results, locale)),
  };
}

/** The results as CSV (one figure a row; amounts in minor units, as finance exports them); null: no such appeal. */
export async function buildAppealResultsCsv({ appealId, now = new Date() }: { appealId: string; now?: Date }) {
  const results = await getAppealResults({ appealId, now });
  if (!results) return null;
  const rows: CsvCell[][] = [];
  const add = (section: string, figure: string, value: CsvCell, currency = '') => rows.push([section, figure, currency, value]);
  for (const [figure, value] of Object.entries(results.delivery)) add('emails', figure, value);
  add('clicks', 'total', results.clicks.total);
  add('clicks', 'recipients', results.clicks.recipients);
  const { money } = results;
  add('gifts', 'pledges', money.pledges);
  add('gifts', 'trackedPledges', money.trackedPledges);
  add('gifts', 'gifts', money.gifts);
  add('gifts', 'givers', money.givers);
  add('gifts', 'conversionBasisPoints', conversionBasisPoints(results));
  add('gifts', 'raisedMinor', money.usdMinor, 'USD');
  add('gifts', 'averageGiftMinor', averageGiftUsdMinor(results), 'USD');
  for (const line of money.byCurrency) {
    add('raised', 'amountMinor', line.amountMinor, line.currency);
    add('raised', 'usdMinor', line.usdMinor, line.currency);
  }
  for (const block of results.blocks) {
    const name = `${block.kind}:${block.key}`;
    add(name, 'requirementMinor', block.requirementUsdMinor, 'USD');
    if (block.before) add(name, `coverageBasisPoints:${block.before.day}:beforeSend`, block.before.coverageBasisPoints);
    for (const point of block.series) {
      add(name, `fundedMinor:${point.day}`, point.fundedUsdMinor, 'USD');
      add(name, `coverageBasisPoints:${point.day}`, point.coverageBasisPoints);
    }
  }
  return { code: results.code, csv: toCsv(['section', 'figure', 'currency', 'value'], rows) };
}
