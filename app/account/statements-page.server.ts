// /account/statements (issue #14 item 5): the years the donor can have a statement for, and the
// range form's check. A valid range goes on to the PDF (/account/statements/pdf?from=&to=); an
// invalid one comes back to the form with its errors, as the PDF route's 400 would not show them.
import { parseWithZod } from '@conform-to/zod/v4';
import type { SignedInDonor } from './account-auth.server.ts';
import { listStatementYears } from './statement-queries.server.ts';
import { rangeOf, statementRangeSchema, statementYearSchema, yearRange, type StatementRange } from './statement-schema.ts';
import { formatNumber } from '~/platform/format.ts';
import { getT, pageTitle } from '~/platform/i18n.server.ts';
import type { Locale } from '~/platform/i18n.ts';

export const STATEMENT_PDF_PATH = '/account/statements/pdf';

/** The PDF's address for a span (a year's, or any range's). */
export function statementPdfHref(range: StatementRange): string {
  const query: Record<string, string> = range.year !== null ? { year: String(range.year) } : { from: range.firstDay, to: range.lastDay };
  return `${STATEMENT_PDF_PATH}?${new URLSearchParams(query).toString()}`;
}

/** The statements page: a link per year with giving, newest first. */
export async function buildStatementsPage({ donor, locale }: { donor: SignedInDonor; locale: Locale }) {
  const t = getT(locale, 'account-statements');
  const years = await listStatementYears({ donorId: donor.id });
  return {
    title: pageTitle(locale, t('title')),
    years: years.map((year) => ({
      year,
      href: statementPdfHref(yearRange(year)),
      label: t('yearly.link', { year: formatNumber(year, locale, { useGrouping: false }) }),
    })),
  };
}

/** The range the form asked for (GET /account/statements?from=&to=), checked; null when none was asked. */
export function submittedRange(url: URL) {
  if (!url.searchParams.has('from') && !url.searchParams.has('to')) return null;
  const submission = parseWithZod(url.searchParams, { schema: statementRangeSchema });
  if (submission.status !== 'success') return { ok: false as const, reply: submission.reply() };
  return { ok: true as const, range: rangeOf(submission.value.from, submission.value.to) };
}

/**
 * The span a PDF request names: ?year=YYYY, or ?from=&to=. An invalid one is the first error's
 * message key (the PDF route answers 400 with its text).
 */
export function requestedRange(url: URL): { ok: true; range: StatementRange } | { ok: false; error: string } {
  if (url.searchParams.has('year')) {
    const parsed = statementYearSchema.safeParse({ year: url.searchParams.get('year') ?? undefined });
    return parsed.success ? { ok: true, range: yearRange(Number(parsed.data.year)) } : { ok: false, error: 'errors.yearInvalid' };
  }
  const parsed = statementRangeSchema.safeParse({
    from: url.searchParams.get('from') || undefined,
    to: url.searchParams.get('to') || undefined,
  });
  if (!parsed.success) return { ok: false, error: parsed.error.issues[0]?.message ?? 'errors.dateInvalid' };
  return { ok: true, range: rangeOf(parsed.data.from, parsed.data.to) };
}
