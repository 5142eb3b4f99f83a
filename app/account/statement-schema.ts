// The statement form of /account/statements (issue #14 item 5): a range of UTC calendar days, or
// one year. zod/mini, as every schema that may reach the browser; messages are keys of the
// account-statements namespace. The PDF route checks its query string with the same schemas.
import * as z from 'zod/mini';

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;
/** The longest range one statement covers: ten years of days (a bound on the work one request asks for). */
export const MAX_STATEMENT_DAYS = 3_660;
export const FIRST_STATEMENT_YEAR = 2000;
export const LAST_STATEMENT_YEAR = 2100;

/** The instant a YYYY-MM-DD day starts in UTC, or null when it is no calendar day (2026-02-30). */
export function utcDayStart(day: string): Date | null {
  if (!ISO_DAY.test(day)) return null;
  const date = new Date(`${day}T00:00:00.000Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === day ? date : null;
}

function inYears(day: string): boolean {
  const year = Number(day.slice(0, 4));
  return year >= FIRST_STATEMENT_YEAR && year <= LAST_STATEMENT_YEAR;
}

const dayField = (required: string) =>
  z.string({ error: required }).check(
    z.refine((day: string) => utcDayStart(day) !== null, { error: 'errors.dateInvalid' }),
    z.refine((day: string) => utcDayStart(day) === null || inYears(day), { error: 'errors.dateOutOfRange' }),
  );

const rangeFields = z.object({ from: dayField('errors.fromRequired'), to: dayField('errors.toRequired') });

export const statementRangeSchema = rangeFields.check(
  z.superRefine((value: z.output<typeof rangeFields>, ctx) => {
    const from = utcDayStart(value.from);
    const to = utcDayStart(value.to);
    if (!from || !to) return;
    if (to < from) ctx.addIssue({ code: 'custom', path: ['to'], message: 'errors.toBeforeFrom' });
    else if ((to.getTime() - from.getTime()) / DAY_MS + 1 > MAX_STATEMENT_DAYS)
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'errors.rangeTooLong' });
  }),
);

export const statementYearSchema = z.object({
  year: z.string({ error: 'errors.yearInvalid' }).check(
    z.regex(/^\d{4}$/, { error: 'errors.yearInvalid' }),
    z.refine((year: string) => Number(year) >= FIRST_STATEMENT_YEAR && Number(year) <= LAST_STATEMENT_YEAR, {
      error: 'errors.yearInvalid',
    }),
  ),
});

/** A statement's span: the first and last UTC day it covers, and the instant after its last day. */
export interface StatementRange {
  firstDay: string;
  lastDay: string;
  from: Date;
  until: Date;
  /** The calendar year, when the statement is a yearly one. */
  year: number | null;
}

/** The span of a valid range (the schema has checked it). */
export function rangeOf(firstDay: string, lastDay: string, year: number | null = null): StatementRange {
  const from = utcDayStart(firstDay);
  const last = utcDayStart(lastDay);
  if (!from || !last) throw new RangeError(`not a statement range: ${firstDay}..${lastDay}`);
  return { firstDay, lastDay, from, until: new Date(last.getTime() + DAY_MS), year };
}

/** The span of a calendar year, 1 January to 31 December, UTC. */
export function yearRange(year: number): StatementRange {
  return rangeOf(`${String(year).padStart(4, '0')}-01-01`, `${String(year).padStart(4, '0')}-12-31`, year);
}
