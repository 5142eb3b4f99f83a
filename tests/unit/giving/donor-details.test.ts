// Issue #11 item 2: what /give says about a donor belongs to that pledge until a payment confirms
// it (decision 022). Someone who types another donor's email changes nothing the public sees —
// not the top donors, the contributions of the open data, or IATI — and the ledger check stays
// clean; a new donor's text appears publicly only once their first gift is paid.
import { beforeAll, describe, expect, it } from 'vitest';
import { startGiving } from '~/giving/giving-commands.server.ts';
import { getPledgeOverview } from '~/giving/giving-queries.server.ts';
import { getIatiData } from '~/funding/iati/iati-queries.server.ts';
import { checkLedger } from '~/ledger/check/ledger-check-queries.server.ts';
import { queryContributions, queryTopDonors } from '~/ledger/donor-giving-queries.server.ts';
import { recordPayment } from '~/ledger/payment-commands.server.ts';
import { changeDonorProfile } from '~/ledger/donor-profile-commands.server.ts';
import { getPrisma } from '~/platform/db.server.ts';
import { buildGivingFixture, giveRequest, thisYear } from './giving-fixture.ts';

const db = getPrisma();
const origin = 'http://localhost:3000';
/** Mid-year of the fixture's requirement years; nothing here depends on today's date beyond the year. */
const NOW = new Date(Date.UTC(thisYear, 5, 15, 12));
const years = { fromYear: thisYear - 1, toYear: thisYear + 1 };
let fixture: Awaited<ReturnType<typeof buildGivingFixture>>;

beforeAll(async () => {
  fixture = await buildGivingFixture(db);
});

/** A bank-transfer pledge through the giving service, as POST /give records it. */
async function pledgeByTransfer(overrides: Parameters<typeof giveRequest>[0]) {
  const result = await startGiving(giveRequest({ method: 'bank_transfer', earmark: 'project', project: 'GLOT59', ...overrides }), {
    origin,
    now: NOW,
  });
  if (result.kind !== 'bank-transfer') throw new Error(`expected a bank-transfer pledge, got ${result.kind}`);
  return db.pledge.findUniqueOrThrow({ where: { reference: result.reference } });
}

/** Finance records the transfer: the payment that confirms the pledge. */
async function receiveTransfer(pledge: Awaited<ReturnType<typeof pledgeByTransfer>>, statementLine: string) {
  const instalment = await db.pledgeInstalment.findFirstOrThrow({ where: { pledgeId: pledge.id } });
  await db.$transaction((tx) =>
    recordPayment({
      db: tx,
      pledge,
      instalmentId: instalment.id,
      provider: 'BANK',
      providerPaymentId: statementLine,
      currency: pledge.currency,
      amountMinor: pledge.amountMinor,
      receivedAt: NOW,
    }),
  );
}

async function publicNames() {
  const top = await queryTopDonors({ ...years, projectId: fixture.project.id, limit: 50, db });
  const contributions = await queryContributions({ ...years, sort: 'paid', limit: 100, db });
  const iati = await getIatiData({ db });
  const iatiNames = iati.projects.flatMap((project) =>
    [...project.funds, ...project.commitments].map((row) => (row.provider.kind === 'donor' ? row.provider.name : row.provider.kind)),
  );
  return {
    top: top.map((row) => [row.name, row.donorType]),
    contributions: contributions.rows.map((row) => [row.name, row.donorType, row.countryCode]),
    iati: [...new Set(iatiNames)],
  };
}

describe('POST /give with another donor’s email', () => {
  it('changes neither their profile nor any public list, and the ledger check stays clean', async () => {
    const victim = await pledgeByTransfer({
      email: 'giving@acme.example',
      donorType: 'company',
      organisationName: 'Acme Trading Ltd',
      organisationId: 'GB123456789',
      countryCode: 'GB',
      givenName: 'Jane',
      familyName: 'Doe',
      amountMinor: 1_000_000n,
    });
    await receiveTransfer(victim, 'stmt-acme-1');
    const profile = await db.donor.findUniqueOrThrow({ where: { email: 'giving@acme.example' } });
    expect(profile).toMatchObject({ type: 'COMPANY', displayName: 'Acme Trading Ltd', countryCode: 'GB' });
    const shownBefore = await publicNames();
    expect(shownBefore.top).toContainEqual(['Acme Trading Ltd', 'COMPANY']);
    expect(shownBefore.iati).toContain('Acme Trading Ltd');

    // The attacker types the company's address with their own text, and never pays.
    const attack = await pledgeByTransfer({
      email: ' Giving@ACME.example ',
      donorType: 'individual',
      givenName: 'Pwned',
      familyName: 'By Mallory',
      countryCode: 'KP',
      locale: 'fr',
      amountMinor: 100n,
    });
    expect(attack.donorId).toBe(profile.id);
    const after = await db.donor.findUniqueOrThrow({ where: { id: profile.id } });
    expect(after).toEqual(profile);
    expect(await publicNames()).toEqual(shownBefore);
    expect(JSON.stringify(await publicNames())).not.toContain('Mallory');
    expect(await checkLedger({ db })).toEqual([]);
    // The typed text is kept with the attacker's pledge, and its page shows that, not the company's name.
    expect(await db.pledgeDonorDetails.findUnique({ where: { pledgeId: attack.id } })).toMatchObject({
      type: 'INDIVIDUAL',
      displayName: 'Pwned By Mallory',
      countryCode: 'KP',
      locale: 'fr',
    });
    expect((await getPledgeOverview({ reference: attack.reference, locale: 'en', db }))?.donorDisplayName).toBe('Pwned By Mallory');
  });

  it('a paid gift by a known donor’s email updates only the language, audited; the name and type stay', async () => {
    const profile = await db.donor.findUniqueOrThrow({ where: { email: 'giving@acme.example' } });
    const attack = await db.pledge.findFirstOrThrow({ where: { donorId: profile.id, amountMinor: 100n } });
    await receiveTransfer(attack, 'stmt-mallory-1');
    const after = await db.donor.findUniqueOrThrow({ where: { id: profile.id } });
    expect(after).toMatchObject({ type: 'COMPANY', displayName: 'Acme Trading Ltd', countryCode: 'GB', organisationId: 'GB123456789' });
    expect(after.locale).toBe('fr');
    // The company's own first payment confirmed its profile; the second gift only moved the language.
    const audit = await db.auditLog.findMany({ where: { entityType: 'donor', entityId: profile.id }, orderBy: { id: 'asc' } });
    expect(audit.map((row) => row.action)).toEqual(['donor.profile.confirmed', 'donor.locale.updated']);
    expect(audit[1]).toMatchObject({ actorKind: 'system', before: { locale: 'en' }, after: { locale: 'fr', pledgeId: attack.id } });
    expect(JSON.stringify(await publicNames())).not.toContain('Mallory');
    expect(await checkLedger({ db })).toEqual([]);
  });
});

describe('a new donor', () => {
  it('is shown anonymously until their first gift is paid, then under the details they typed, audited', async () => {
    const pledge = await pledgeByTransfer({
      email: 'board@neue-stiftung.example',
      donorType: 'foundation',
      organisationName: 'Neue Stiftung',
      countryCode: 'DE',
      locale: 'es',
      amountMinor: 250_000n,
    });
    const pending = await db.donor.findUniqueOrThrow({ where: { id: pledge.donorId } });
    expect(pending).toMatchObject({ type: 'FOUNDATION', displayName: 'Neue Stiftung', isProfilePending: true, isAnonymous: true });
    // A promise counts in the contributions at once — but not under text nobody has confirmed.
    const before = await queryContributions({ ...years, sort: 'pledged', limit: 100, db });
    expect(before.rows.some((row) => row.donorType === 'FOUNDATION' && row.isAnonymous && row.pledgedUsdMinor > 0)).toBe(true);
    expect(JSON.stringify(await publicNames())).not.toContain('Neue Stiftung');
    expect(await checkLedger({ db })).toEqual([]);

    await receiveTransfer(pledge, 'stmt-stiftung-1');
    const confirmed = await db.donor.findUniqueOrThrow({ where: { id: pledge.donorId } });
    expect(confirmed).toMatchObject({ displayName: 'Neue Stiftung', isProfilePending: false, isAnonymous: false, locale: 'es' });
    const shown = await publicNames();
    expect(shown.top).toContainEqual(['Neue Stiftung', 'FOUNDATION']);
    expect(shown.contributions).toContainEqual(['Neue Stiftung', 'FOUNDATION', 'DE']);
    const audit = await db.auditLog.findFirstOrThrow({ where: { entityType: 'donor', entityId: pledge.donorId } });
    expect(audit).toMatchObject({ actorKind: 'system', action: 'donor.profile.confirmed' });
    expect(await checkLedger({ db })).toEqual([]);
  });

  it('who chose anonymity stays anonymous after paying', async () => {
    const pledge = await pledgeByTransfer({ email: 'quiet@example.org', givenName: 'Quiet', familyName: 'Giver', isAnonymous: true });
    await receiveTransfer(pledge, 'stmt-quiet-1');
    expect(await db.donor.findUniqueOrThrow({ where: { id: pledge.donorId } })).toMatchObject({
      isAnonymous: true,
      isProfilePending: false,
    });
    expect(JSON.stringify(await publicNames())).not.toContain('Quiet Giver');
  });
});

describe('changeDonorProfile (staff, or the donor signed in)', () => {
  it('renames and retypes a donor with money allocated, audited with who and why, and the figures follow', async () => {
    const staff = await db.staffUser.create({ data: { email: 'finance@unodc.example', name: 'Finance Officer', roles: ['FINANCE'] } });
    const donor = await db.donor.findUniqueOrThrow({ where: { email: 'giving@acme.example' } });
    const changed = await db.$transaction((tx) =>
      changeDonorProfile({
        db: tx,
        donorId: donor.id,
        changes: { displayName: 'Acme Foundation', organisationName: 'Acme Foundation', type: 'FOUNDATION' },
        actor: { kind: 'staff', staffUserId: staff.id },
        reason: 'Letter from the company of 3 March: gifts now through its foundation',
      }),
    );
    expect(changed).toEqual(['type', 'displayName', 'organisationName']);
    const audit = await db.auditLog.findFirstOrThrow({ where: { entityId: donor.id, action: 'donor.profile.changed' } });
    expect(audit).toMatchObject({
      actorId: staff.id,
      actorKind: 'staff',
      before: { type: 'COMPANY', displayName: 'Acme Trading Ltd', organisationName: 'Acme Trading Ltd' },
      after: { type: 'FOUNDATION', displayName: 'Acme Foundation', reason: expect.stringContaining('3 March') },
    });
    expect((await publicNames()).top).toContainEqual(['Acme Foundation', 'FOUNDATION']);
    expect(await checkLedger({ db })).toEqual([]);
    // No change, no write and no audit entry; a change without a reason is refused.
    const again = await db.$transaction((tx) =>
      changeDonorProfile({ db: tx, donorId: donor.id, changes: { type: 'FOUNDATION' }, actor: { kind: 'donor' }, reason: 'same' }),
    );
    expect(again).toEqual([]);
    await expect(
      db.$transaction((tx) =>
        changeDonorProfile({ db: tx, donorId: donor.id, changes: { type: 'COMPANY' }, actor: { kind: 'donor' }, reason: ' ' }),
      ),
    ).rejects.toThrow(/reason/);
    expect(await db.auditLog.count({ where: { entityId: donor.id, action: 'donor.profile.changed' } })).toBe(1);
  });
});
