// An appeal ready to send to every donor of a bench or scratch database (bench/appeal-send.ts and
// the worker-kill test): APPEALS consent for every donor (seedDonors grants impact reports only),
// a saved "everyone" segment, and a draft with texts in six languages and one project block.
import type { PrismaClient } from '../app/generated/prisma/client.ts';

const LOCALES = ['en', 'fr', 'es', 'ru', 'zh', 'ar'] as const;

/** An APPEALS grant of 2025-01-01 for every donor. */
export async function grantAppealConsent(db: PrismaClient): Promise<void> {
  await db.$executeRaw`
    INSERT INTO donor_consents ("donorId", kind, "isGranted", wording, locale, source, "recordedAt")
    SELECT id, 'APPEALS', true, 'Email me appeals', 'en', 'bench', '2025-01-01'::timestamptz FROM donors`;
}

/** A staff member, an "everyone" segment and a draft appeal to it; returns their ids. */
export async function createSendableAppeal(db: PrismaClient, { code, projectId }: { code: string; projectId: string }) {
  const staff = await db.staffUser.create({
    data: { email: `${code}@example.org`, name: 'Bench officer', roles: ['RESOURCE_MOBILIZATION'] },
  });
  const segment = await db.appealSegment.create({ data: { name: `${code} everyone`, definition: {}, createdById: staff.id } });
  const text = (make: (locale: string) => string) => Object.fromEntries(LOCALES.map((locale) => [locale, make(locale)]));
  const appeal = await db.appeal.create({
    data: {
      slug: code,
      title: text((locale) => `Clean water (${locale})`),
      subject: text((locale) => `Water for Turkana (${locale})`),
      preheader: text((locale) => `Wells, pumps and training (${locale})`),
      body: text((locale) => `Intro (${locale}): wells **now**, pumps and training.\n\n- one\n- two`),
      goalUsdMinor: 10_000_000n,
      segmentId: segment.id,
      createdById: staff.id,
      blocks: { create: [{ position: 0, projectId }] },
    },
  });
  return { staffUserId: staff.id, appealId: appeal.id };
}
