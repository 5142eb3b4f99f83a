// Institutional pledges from a CSV file, one row a pledge: what a pledging conference leaves
// finance with (forty Member States, each with its note verbale). `npm run pledges:import` is the
// form's command-line twin: every row passes the form's own checks (readPledgeForm) and the whole
// file is checked — fields, codes, rates — before anything is recorded, so a bad file records
// nothing and its errors name the line. Each row's request key is derived from the row itself, so
// running the file again (or after a crash half-way) records nothing twice.
import { createHash } from 'node:crypto';
import { FxRateMissingError, getUsdRate } from '~/ledger/fx-rate-commands.server.ts';
import { INSTITUTIONAL_DONOR_TYPES, recordInstitutionalPledge } from '~/ledger/institutional-pledge-commands.server.ts';
import { parseCsv } from '~/platform/csv.ts';
import { getPrisma } from '~/platform/db.server.ts';
import { describeFieldErrors } from './pledge-pages.server.ts';
import { readPledgeForm, SCHEDULE_ROWS } from './pledge-form.server.ts';

/** The file's columns (any order; a header row names them). */
export const PLEDGE_FILE_COLUMNS = [
  'donor_name',
  'donor_type',
  'donor_country',
  'donor_organisation_id',
  'donor_email',
  'currency',
  'total',
  'earmark',
  'programme',
  'project',
  'document_date',
  'document_reference',
  'public_name',
  'method',
  'schedule',
] as const;
type Column = (typeof PLEDGE_FILE_COLUMNS)[number];
type Row = Record<Column, string>;

/** What is wrong with a file; nothing of it was recorded. */
export class PledgeFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PledgeFileError';
  }
}

/** Errors listed at most (a file with a wrong column would otherwise print one per row). */
const ERRORS_SHOWN = 20;

type Db = ReturnType<typeof getPrisma>;

/** Reads, checks and records a pledge file; the staff member named is who recorded them (audit). */
export async function importPledgeFile({ db = getPrisma(), content, staffEmail }: { db?: Db; content: string; staffEmail: string }) {
  const staff = await db.staffUser.findUnique({ where: { email: staffEmail.trim().toLowerCase() } });
  if (!staff?.isActive || !staff.roles.some((role) => role === 'FINANCE' || role === 'ADMIN'))
    throw new PledgeFileError(`${staffEmail} is not an active finance officer or administrator`);
  const rows = readRows(content);
  const [programmes, projects] = await Promise.all([
    db.programme.findMany({ select: { id: true, code: true } }),
    db.project.findMany({ select: { id: true, code: true } }),
  ]);
  const programmeIds = new Map(programmes.map((programme) => [programme.code.toUpperCase(), programme.id]));
  const projectIds = new Map(projects.map((project) => [project.code.toUpperCase(), project.id]));

  const errors: string[] = [];
  const checked = [];
  const lineOfKey = new Map<string, number>();
  for (const { line, row } of rows) {
    const problems: string[] = [];
    const programmeId = row.programme ? programmeIds.get(row.programme.toUpperCase()) : '';
    const projectId = row.project ? projectIds.get(row.project.toUpperCase()) : '';
    if (programmeId === undefined) problems.push(`programme: no programme has the code ${row.programme}`);
    if (projectId === undefined) problems.push(`project: no project has the code ${row.project}`);
    const schedule = parseSchedule(row.schedule);
    if (typeof schedule === 'string') problems.push(`schedule: ${schedule}`);
    const requestKey = requestKeyOf(row);
    const read = readPledgeForm(
      formOf(row, {
        requestKey,
        programmeId: programmeId ?? '',
        projectId: projectId ?? '',
        schedule: Array.isArray(schedule) ? schedule : [],
      }),
    );
    if (!read.ok)
      for (const [field, message] of Object.entries(describeFieldErrors('en', read.errors))) problems.push(`${field}: ${message}`);
    const earlier = lineOfKey.get(requestKey);
    if (earlier) problems.push(`the same pledge as line ${earlier}`);
    lineOfKey.set(requestKey, line);
    if (read.ok && problems.length === 0) {
      try {
        await getUsdRate({ db, currency: read.value.currency, on: read.value.documentDate });
        checked.push({ line, value: read.value });
      } catch (error) {
        if (!(error instanceof FxRateMissingError)) throw error;
        problems.push(`currency: no operational rate for ${error.currency} in ${error.on.toISOString().slice(0, 7)} or earlier`);
      }
    }
    errors.push(...problems.map((problem) => `line ${line}: ${problem}`));
  }
  if (errors.length > 0) {
    const more = errors.length > ERRORS_SHOWN ? `\n… and ${errors.length - ERRORS_SHOWN} more` : '';
    throw new PledgeFileError(`nothing was recorded:\n${errors.slice(0, ERRORS_SHOWN).join('\n')}${more}`);
  }

  let recorded = 0;
  for (const { line, value } of checked) {
    // A donor named on an earlier line (or recorded before) is that donor, not a second one.
    const named = value.donor;
    const knownId = 'create' in named ? await findInstitution(db, named.create.displayName, named.create.type) : null;
    try {
      const result = await recordInstitutionalPledge({ db, ...value, donor: knownId ? { donorId: knownId } : named, staffId: staff.id });
      if (result.created) recorded += 1;
    } catch (error) {
      throw new PledgeFileError(
        `line ${line}: ${error instanceof Error ? error.message : String(error)} (lines before it were recorded; run the file again once it is corrected: they will not be recorded twice)`,
      );
    }
  }
  return { rows: rows.length, recorded, existing: rows.length - recorded };
}

function readRows(content: string): { line: number; row: Row }[] {
  const [header, ...lines] = parseCsv(content).filter((cells) => cells.some((cell) => cell.trim() !== ''));
  if (!header) throw new PledgeFileError('the file is empty');
  const names = header.map((name) => name.trim().toLowerCase());
  const missing = PLEDGE_FILE_COLUMNS.filter((column) => !names.includes(column));
  if (missing.length > 0) throw new PledgeFileError(`the header lacks the column(s) ${missing.join(', ')}`);
  if (lines.length === 0) throw new PledgeFileError('the file has a header but no pledge');
  return lines.map((cells, index) => ({
    // line numbers as an editor shows them (the header is line 1); blank lines are not counted
    line: index + 2,
    row: Object.fromEntries(PLEDGE_FILE_COLUMNS.map((column) => [column, (cells[names.indexOf(column)] ?? '').trim()])) as Row,
  }));
}

/** "2027-03-01 1000000; 2027-09-01 500000.50" → the form's due-date and amount pairs, or what is wrong. */
function parseSchedule(text: string): { dueOn: string; amount: string }[] | string {
  const parts = text
    .split(';')
    .map((part) => part.trim())
    .filter(Boolean);
  if (parts.length === 0) return 'give at least one instalment as "YYYY-MM-DD amount"';
  if (parts.length > SCHEDULE_ROWS) return `at most ${SCHEDULE_ROWS} instalments`;
  const pairs = parts.map((part) => /^(\S+)\s+(\S+)$/.exec(part));
  if (pairs.some((pair) => !pair)) return 'each instalment is "YYYY-MM-DD amount", instalments separated by ";"';
  return pairs.map((pair) => ({ dueOn: pair![1]!, amount: pair![2]! }));
}

/** The row as the recording form would post it, so it meets exactly the form's checks. */
function formOf(
  row: Row,
  extra: { requestKey: string; programmeId: string; projectId: string; schedule: { dueOn: string; amount: string }[] },
): FormData {
  const form = new FormData();
  const fields: Record<string, string> = {
    requestKey: extra.requestKey,
    donorMode: 'new',
    donorId: '',
    donorType: row.donor_type.toUpperCase(),
    donorName: row.donor_name,
    donorCountry: row.donor_country,
    donorOrganisationId: row.donor_organisation_id,
    donorEmail: row.donor_email,
    currency: row.currency,
    earmark: row.earmark.toUpperCase() || 'GENERAL_PURPOSE',
    programmeId: extra.programmeId,
    projectId: extra.projectId,
    documentDate: row.document_date,
    documentReference: row.document_reference,
    publicName: row.public_name.toLowerCase() || 'named',
    method: row.method.toUpperCase() || 'BANK_TRANSFER',
    total: row.total,
  };
  extra.schedule.forEach((instalment, index) => {
    fields[`dueOn${index + 1}`] = instalment.dueOn;
    fields[`amount${index + 1}`] = instalment.amount;
  });
  for (const [name, value] of Object.entries(fields)) form.set(name, value);
  return form;
}

/** The same row always gives the same key (a UUID made from its hash): a rerun records nothing twice. */
function requestKeyOf(row: Row): string {
  const hex = createHash('sha256')
    .update(JSON.stringify(PLEDGE_FILE_COLUMNS.map((column) => row[column])))
    .digest('hex');
  // version 5 and RFC 4122 variant bits, so it is a valid UUID like the form's keys
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${((parseInt(hex.slice(16, 18), 16) & 0x3f) | 0x80).toString(16)}${hex.slice(18, 20)}-${hex.slice(20, 32)}`;
}

async function findInstitution(db: Db, displayName: string, type: (typeof INSTITUTIONAL_DONOR_TYPES)[number]): Promise<string | null> {
  const donor = await db.donor.findFirst({
    where: { displayName: { equals: displayName, mode: 'insensitive' }, type, erasedAt: null },
    orderBy: { createdAt: 'asc' },
    select: { id: true },
  });
  return donor?.id ?? null;
}
