// askable_donors (decision 055): after each change the triggers follow — consent withdrawn and given
// again, an address suppressed and the suppression lifted, a new address, a profile confirmed, an
// erasure, a changed language and country — the table holds exactly the donors an appeal may ask,
// and the ledger check agrees (it runs again after the file).
import { describe, expect, it } from 'vitest';
import { checkAskableDonors } from '~/ledger/check/askable-donor-check-queries.server.ts';
import { getPrisma } from '~/platform/db.server.ts';
import { createDonor } from './segment-fixture.ts';

const db = () => getPrisma();
let day = 0;

const askable = (donorId: string) =>
  db().askableDonor.findUnique({ where: { donorId }, select: { type: true, locale: true, countryCode: true } });

async function consent(donorId: string, isGranted: boolean) {
  day += 1;
  await db().donorConsent.create({
    data: {
      donorId,
      kind: 'APPEALS',
      isGranted,
      wording: 'Appeals',
      locale: 'en',
      source: 'test',
      recordedAt: new Date(Date.UTC(2025, 0, day)),
    },
  });
}

describe('the askable donors', () => {
  it('follow consent, suppression, address, profile, erasure and the copied fields', async () => {
    const donor = await createDonor({ name: 'Askable One', locale: 'fr', countryCode: 'SN' });
    expect(await askable(donor.id)).toEqual({ type: 'INDIVIDUAL', locale: 'fr', countryCode: 'SN' });

    await consent(donor.id, false);
    expect(await askable(donor.id)).toBeNull();
    await consent(donor.id, true);
    expect(await askable(donor.id)).not.toBeNull();
    // Another kind of consent does not change it.
    await db().donorConsent.create({
      data: {
        donorId: donor.id,
        kind: 'IMPACT_REPORTS',
        isGranted: false,
        wording: 'No',
        locale: 'en',
        source: 'test',
        recordedAt: new Date(),
      },
    });
    expect(await askable(donor.id)).not.toBeNull();

    await db().emailSuppression.create({ data: { address: donor.email!, reason: 'HARD_BOUNCE' } });
    expect(await askable(donor.id)).toBeNull();
    await db().donor.update({ where: { id: donor.id }, data: { email: 'askable.new@example.org' } });
    expect(await askable(donor.id)).not.toBeNull();
    await db().donor.update({ where: { id: donor.id }, data: { email: donor.email } });
    expect(await askable(donor.id)).toBeNull();
    await db().emailSuppression.delete({ where: { address: donor.email! } });
    expect(await askable(donor.id)).not.toBeNull();

    await db().donor.update({ where: { id: donor.id }, data: { locale: 'ar', countryCode: 'EG', type: 'COMPANY' } });
    expect(await askable(donor.id)).toEqual({ type: 'COMPANY', locale: 'ar', countryCode: 'EG' });

    await db().donor.update({ where: { id: donor.id }, data: { isProfilePending: true } });
    expect(await askable(donor.id)).toBeNull();
    await db().donor.update({ where: { id: donor.id }, data: { isProfilePending: false } });
    expect(await askable(donor.id)).not.toBeNull();

    await db().donor.update({ where: { id: donor.id }, data: { erasedAt: new Date('2026-01-01T00:00:00Z') } });
    expect(await askable(donor.id)).toBeNull();
    expect(await checkAskableDonors({ db: db() })).toEqual([]);
  });

  it('never holds a donor who never consented, or has no address', async () => {
    const never = await createDonor({ name: 'Never Asked', consents: [] });
    const noAddress = await createDonor({ name: 'No Address', email: null });
    expect(await askable(never.id)).toBeNull();
    expect(await askable(noAddress.id)).toBeNull();
    expect(await checkAskableDonors({ db: db() })).toEqual([]);
  });
});
