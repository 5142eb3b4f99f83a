// /account/profile (issue #14 item 6): the signed-in donor changes their name, organisation, public
// display, language, report frequency and consents. Profile changes are audited with the donor as
// actor and refresh the public summaries (anonymity moves the money to the anonymous line, totals
// unchanged); each consent change is a row of the log with the label shown, the time and source
// 'account'; bad input is a 400 that changes nothing.
import { beforeAll, describe, expect, it } from 'vitest';
import { action, loader } from '~/routes/account.profile.tsx';
import { recordConsents } from '~/ledger/pledge-commands.server.ts';
import { getPrisma } from '~/platform/db.server.ts';
import { getT } from '~/platform/i18n.server.ts';
import { args, get, postForm, thrownResponse, unwrap } from '../staff/helpers.ts';
import { createDonor, donorCookie, giveOnce, refreshSummaries } from './account-fixture.ts';

const db = getPrisma();
let donorId: string;
let cookie: string;

/** The form as the page would post it for the donor as set up below, with `changes`. */
function form(changes: Record<string, string | null> = {}): Record<string, string> {
  const base: Record<string, string | null> = {
    donorType: 'individual',
    givenName: 'Petra',
    familyName: 'Profilova',
    organisationName: '',
    organisationId: '',
    countryCode: 'CZ',
    locale: 'en',
    reportFrequency: 'QUARTERLY',
    consentImpactReports: 'on',
    ...changes,
  };
  return Object.fromEntries(Object.entries(base).filter((entry): entry is [string, string] => entry[1] !== null));
}

const post = (fields: Record<string, string>, path = '/account/profile') => action(args(postForm(path, fields, { cookie })));

async function donorRow() {
  return db.donor.findUniqueOrThrow({ where: { id: donorId } });
}

async function publicTotals() {
  const rows = await db.donorContributionTotal.findMany();
  return {
    paid: rows.reduce((sum, row) => sum + row.paidUsdMinor, 0n),
    pledged: rows.reduce((sum, row) => sum + row.pledgedUsdMinor, 0n),
    own: rows.filter((row) => row.donorId === donorId).map((row) => row.paidUsdMinor),
    anonymousIndividuals: rows.find((row) => row.donorKey === 'anonymous:INDIVIDUAL')?.paidUsdMinor ?? 0n,
  };
}

beforeAll(async () => {
  const donor = await createDonor(db, 'profile@example.org', { displayName: 'Petra Profilova' });
  donorId = donor.id;
  await db.donor.update({ where: { id: donorId }, data: { givenName: 'Petra', familyName: 'Profilova', countryCode: 'CZ', locale: 'en' } });
  // Granted on the give form, timed by the database's clock as the app times every consent.
  await recordConsents({
    db,
    donorId,
    consents: [{ kind: 'IMPACT_REPORTS', wording: 'Email me impact reports' }],
    locale: 'en',
    source: 'give-form',
  });
  await giveOnce(db, donorId, { currency: 'USD', amountMinor: 4_200n });
  await refreshSummaries(db);
  cookie = (await donorCookie(donorId)).cookie;
});

describe('/account/profile', () => {
  it('sends a visitor without a session to sign in, and refuses a cross-site post', async () => {
    const response = await thrownResponse(() => loader(args(get('/account/profile'))));
    expect(response.headers.get('Location')).toBe('/account/sign-in');
    const crossSite = await thrownResponse(() =>
      action(args(postForm('/account/profile', form(), { cookie, origin: 'https://evil.example' }))),
    );
    expect(crossSite.status).toBe(403);
  });

  it('shows the donor’s own profile, preferences and consents', async () => {
    const page = unwrap(await loader(args(get('/account/profile', { cookie }))));
    expect(page.status).toBe(200);
    expect(page.data).toMatchObject({
      email: 'profile@example.org',
      values: {
        donorType: 'individual',
        givenName: 'Petra',
        familyName: 'Profilova',
        countryCode: 'CZ',
        locale: 'en',
        reportFrequency: 'QUARTERLY',
        consentImpactReports: 'on',
      },
    });
    expect((page.data as { values: Record<string, unknown> }).values.consentAppeals).toBeUndefined();
  });

  it('refuses bad input with a 400 and changes nothing', async () => {
    const before = await donorRow();
    const audits = await db.auditLog.count({ where: { entityId: donorId } });
    const consents = await db.donorConsent.count({ where: { donorId } });
    for (const fields of [
      form({ givenName: '' }),
      form({ donorType: 'company', organisationName: '' }),
      form({ countryCode: 'Czechia' }),
      form({ locale: 'de', consentImpactReports: null }),
      form({ reportFrequency: 'WEEKLY' }),
      form({ familyName: 'x'.repeat(101) }),
    ]) {
      const answer = unwrap(await post(fields));
      expect(answer.status, JSON.stringify(fields)).toBe(400);
    }
    const refused = unwrap(await post(form({ donorType: 'company', organisationName: '' })));
    expect(JSON.stringify(refused.data)).toContain('errors.organisationRequired');
    expect(await donorRow()).toEqual(before);
    expect(await db.auditLog.count({ where: { entityId: donorId } })).toBe(audits);
    expect(await db.donorConsent.count({ where: { donorId } })).toBe(consents);
  });

  it('changes the name and organisation, audited with the donor as actor, the summaries refreshed', async () => {
    const answer = unwrap(
      await post(
        form({ donorType: 'company', organisationName: 'Profilova s.r.o.', organisationId: 'CZ12345678', givenName: 'Petra Marie' }),
      ),
    );
    expect(answer.status).toBe(200);
    expect(answer.data).toMatchObject({ saved: true, changed: true });
    expect(await donorRow()).toMatchObject({
      type: 'COMPANY',
      displayName: 'Profilova s.r.o.',
      givenName: 'Petra Marie',
      organisationName: 'Profilova s.r.o.',
      organisationId: 'CZ12345678',
    });
    const audit = await db.auditLog.findFirstOrThrow({
      where: { entityId: donorId, action: 'donor.profile.changed' },
      orderBy: { id: 'desc' },
    });
    expect(audit).toMatchObject({ actorKind: 'donor', actorId: null });
    expect(audit.before).toMatchObject({ type: 'INDIVIDUAL', givenName: 'Petra', displayName: 'Petra Profilova', organisationName: null });
    expect(audit.after).toMatchObject({ type: 'COMPANY', organisationId: 'CZ12345678', reason: expect.stringContaining('donor') });
    // The public summaries show the donor's new type.
    const own = await db.donorContributionTotal.findMany({ where: { donorId } });
    expect(own.map((row) => row.donorType)).toEqual(['COMPANY']);

    // Back to an individual: the organisation's details are dropped, as on the give form.
    expect(unwrap(await post(form({ organisationName: 'ignored', organisationId: 'ignored' }))).status).toBe(200);
    expect(await donorRow()).toMatchObject({
      type: 'INDIVIDUAL',
      displayName: 'Petra Profilova',
      organisationName: null,
      organisationId: null,
    });
  });

  it('an anonymous donor’s money moves to the anonymous line of public lists; the totals stay identical', async () => {
    const before = await publicTotals();
    expect(before.own).toEqual([4_200n]);
    expect(unwrap(await post(form({ isAnonymous: 'on' }))).status).toBe(200);
    expect((await donorRow()).isAnonymous).toBe(true);
    const after = await publicTotals();
    expect(after.own).toEqual([]);
    expect({ paid: after.paid, pledged: after.pledged }).toEqual({ paid: before.paid, pledged: before.pledged });
    expect(after.anonymousIndividuals - before.anonymousIndividuals).toBe(4_200n);

    expect(unwrap(await post(form())).status).toBe(200);
    const named = await publicTotals();
    expect(named).toEqual(before);
  });

  it('a consent withdrawn then granted again: two rows with the label shown (in the page’s language), the time and source ‘account’', async () => {
    const startedAt = (await db.$queryRaw<{ now: Date }[]>`SELECT now() AS now`)[0]!.now;
    expect(unwrap(await post(form({ consentImpactReports: null }), '/account/profile?lng=fr')).status).toBe(200);
    expect(unwrap(await post(form(), '/account/profile?lng=fr')).status).toBe(200);
    // Saving again with the same answers adds nothing.
    const again = unwrap(await post(form(), '/account/profile?lng=fr'));
    expect(again.data).toMatchObject({ saved: true, changed: false });
    const rows = await db.donorConsent.findMany({ where: { donorId, source: 'account' }, orderBy: [{ recordedAt: 'asc' }, { id: 'asc' }] });
    const wording = getT('fr', 'give')('consent.impactReports');
    expect(wording).not.toBe(getT('en', 'give')('consent.impactReports'));
    expect(rows.map(({ kind, isGranted, wording: words, locale, source }) => ({ kind, isGranted, words, locale, source }))).toEqual([
      { kind: 'IMPACT_REPORTS', isGranted: false, words: wording, locale: 'fr', source: 'account' },
      { kind: 'IMPACT_REPORTS', isGranted: true, words: wording, locale: 'fr', source: 'account' },
    ]);
    for (const row of rows) expect(row.recordedAt.getTime()).toBeGreaterThanOrEqual(startedAt.getTime() - 1);

    // Appeals granted for the first time, in Arabic.
    expect(unwrap(await post(form({ consentAppeals: 'on' }), '/account/profile?lng=ar')).status).toBe(200);
    expect(await db.donorConsent.findFirstOrThrow({ where: { donorId, kind: 'APPEALS' } })).toMatchObject({
      isGranted: true,
      wording: getT('ar', 'give')('consent.appeals'),
      locale: 'ar',
      source: 'account',
    });
  });

  it('changes the report frequency and the language', async () => {
    const answer = unwrap(await post(form({ reportFrequency: 'ANNUAL', locale: 'es', consentAppeals: 'on' })));
    expect(answer.status).toBe(200);
    expect(await donorRow()).toMatchObject({ impactReportFrequency: 'ANNUAL', locale: 'es' });
    const page = unwrap(await loader(args(get('/account/profile', { cookie }))));
    expect(page.data).toMatchObject({ values: { reportFrequency: 'ANNUAL', locale: 'es', consentAppeals: 'on' } });
  });
});
