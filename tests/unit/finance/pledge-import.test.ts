// `npm run pledges:import` (a pledging conference's pledges from a CSV): rows meet the recording
// form's checks; a file with any bad row records nothing and names each line; a second run records
// nothing twice; a donor named on two lines is one donor; the command prints one JSON line.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { importPledgeFile, PLEDGE_FILE_COLUMNS, PledgeFileError } from '~/finance/pledges/pledge-import-commands.server.ts';
import { upsertFxRate } from '~/ledger/fx-rate-commands.server.ts';
import { getPrisma } from '~/platform/db.server.ts';
import { runCommandScript } from '../run-command.ts';

const db = getPrisma();
const STAFF = 'pledge-import@example.org';
const header = PLEDGE_FILE_COLUMNS.join(',');
type Line = Partial<Record<(typeof PLEDGE_FILE_COLUMNS)[number], string>>;
const line = (fields: Line) => PLEDGE_FILE_COLUMNS.map((column) => `"${fields[column] ?? ''}"`).join(',');
const japan: Line = {
  donor_name: 'Japan',
  donor_type: 'MEMBER_STATE',
  donor_country: 'JP',
  currency: 'JPY',
  total: '3000000',
  earmark: 'PROGRAMME',
  programme: 'prgi',
  document_date: '2025-02-10',
  document_reference: 'NV-2025-15',
  schedule: '2025-03-01 1000000; 2025-06-01 2000000',
};
const goodFile = [
  header,
  line(japan),
  line({
    ...japan,
    currency: 'USD',
    total: '50000.00',
    earmark: 'GENERAL_PURPOSE',
    programme: '',
    document_reference: 'NV-2025-16',
    schedule: '2025-04-01 50000',
  }),
  line({
    donor_name: 'European Union',
    donor_type: 'INTERGOVERNMENTAL',
    currency: 'USD',
    total: '250000',
    earmark: 'PROJECT',
    project: 'IMP1',
    document_date: '2025-03-01',
    document_reference: 'EU-2025-7',
    public_name: 'anonymous',
    schedule: '2025-05-01 250000',
  }),
].join('\n');

beforeAll(async () => {
  const title = { en: 'Programme I', fr: 'I', es: 'I', ru: 'I', zh: 'I', ar: 'I' };
  const programme = await db.programme.create({ data: { slug: 'prg-i', code: 'PRGI', title, mandate: title } });
  await db.project.create({
    data: {
      code: 'IMP1',
      programmeId: programme.id,
      title,
      description: title,
      regionCode: '001',
      sectorCode: '15130',
      status: 'IMPLEMENTATION',
      startDate: new Date('2025-01-01T00:00:00Z'),
      endDate: new Date('2026-12-31T00:00:00Z'),
    },
  });
  await upsertFxRate({ currency: 'JPY', month: new Date('2025-01-01T00:00:00Z'), usdRate: '0.0065' });
  await db.staffUser.create({ data: { email: STAFF, name: 'Finance', roles: ['FINANCE'] } });
  await db.staffUser.create({ data: { email: 'officer-import@example.org', name: 'Officer', roles: ['PROGRAMME_OFFICER'] } });
});

describe('pledges:import', () => {
  it('refuses a file with bad rows as a whole, naming each line and field', async () => {
    const bad = [
      header,
      line({ ...japan, document_date: '2025-02-30' }),
      line({ ...japan, programme: 'NOPE', document_reference: 'NV-X' }),
      line({ ...japan, currency: 'EUR', total: '10', schedule: '2025-03-01 10', document_reference: 'NV-Y' }),
      line({ ...japan, schedule: '2025-03-01 1000000 2025-06-01', document_reference: 'NV-Z' }),
      line(japan),
      line(japan),
    ].join('\n');
    const failure = await importPledgeFile({ db, content: bad, staffEmail: STAFF }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(PledgeFileError);
    const message = (failure as Error).message;
    expect(message).toContain('line 2: documentDate: Enter a date as YYYY-MM-DD.');
    expect(message).toContain('line 3: programme: no programme has the code NOPE');
    expect(message).toContain('line 4: currency: no operational rate for EUR in 2025-02 or earlier');
    expect(message).toContain('line 5: schedule: each instalment is "YYYY-MM-DD amount"');
    expect(message).toContain('line 7: the same pledge as line 6');
    expect(await db.pledge.count()).toBe(0);
    await expect(importPledgeFile({ db, content: 'donor_name,total\nJapan,1', staffEmail: STAFF })).rejects.toThrow(
      /the header lacks the column\(s\) donor_type/,
    );
    await expect(importPledgeFile({ db, content: goodFile, staffEmail: 'officer-import@example.org' })).rejects.toThrow(
      /not an active finance officer/,
    );
    expect(await db.pledge.count()).toBe(0);
  });

  it('records every row once, one donor for two lines, credited to the staff member; a rerun records nothing', async () => {
    expect(await importPledgeFile({ db, content: goodFile, staffEmail: STAFF })).toEqual({ rows: 3, recorded: 3, existing: 0 });
    const pledges = await db.pledge.findMany({ include: { donor: true, instalments: true }, orderBy: { documentReference: 'asc' } });
    expect(pledges.map((pledge) => [pledge.documentReference, pledge.donor.displayName, pledge.currency, pledge.amountMinor])).toEqual([
      ['EU-2025-7', 'European Union', 'USD', 25_000_000n],
      ['NV-2025-15', 'Japan', 'JPY', 3_000_000n],
      ['NV-2025-16', 'Japan', 'USD', 5_000_000n],
    ]);
    expect(new Set(pledges.filter((pledge) => pledge.donor.displayName === 'Japan').map((pledge) => pledge.donorId)).size).toBe(1);
    expect(pledges[0]!.isAnonymous).toBe(true);
    expect(pledges[1]!.instalments.map((row) => row.amountMinor)).toEqual([1_000_000n, 2_000_000n]);
    const staff = await db.staffUser.findUniqueOrThrow({ where: { email: STAFF } });
    expect(await db.auditLog.count({ where: { action: 'pledge.recorded', actorId: staff.id } })).toBe(3);

    expect(await importPledgeFile({ db, content: goodFile, staffEmail: STAFF })).toEqual({ rows: 3, recorded: 0, existing: 3 });
    expect(await db.pledge.count()).toBe(3);
  });

  it('runs as a command: one JSON line and exit 0; a bad file exits 1 with its errors on stderr', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pledges-import-'));
    const run = (content: string) => {
      const file = join(dir, `pledges-${Math.random().toString(36).slice(2)}.csv`);
      writeFileSync(file, content);
      return runCommandScript('scripts/pledges-import.ts', [file, '--staff', STAFF]);
    };
    const again = run(goodFile);
    expect(again.stderr).toBe('');
    expect(again.code).toBe(0);
    expect(again.stdout.trim().split('\n')).toEqual(['{"rows":3,"recorded":0,"existing":3}']);
    const bad = run([header, line({ ...japan, total: 'lots' })].join('\n'));
    expect(bad.code).toBe(1);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toContain('line 2: total: Enter an amount greater than zero.');
  });
});
