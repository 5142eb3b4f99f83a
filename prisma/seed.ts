// Demo data (DOMAIN.md "Demo data" and "Real proportions"): the four global programmes, plausible
// projects, donors of every type, several years of requirements and money facts in eight
// currencies, impact updates and a finished appeal. Deterministic (seeded PRNG); years are relative
// to the current UTC year. Every money fact is an insert and passes the ledger check.
// `npm run seed` runs it against DATABASE_URL (or npm start's embedded database); the server runs
// it on an empty demo database.
import { randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import type { PrismaClient } from '../app/generated/prisma/client.ts';
import { refreshFundingSummaries } from '../app/ledger/summaries/summary-commands.server.ts';
import { segmentDefinitionSchema } from '../app/appeals/segment-definition.ts';
import type { Locale } from '../app/platform/i18n.ts';
import { consentWording, donorSeeds, lapsedCorruptionDonors, monthlyGivers } from './seed-data/donors.ts';
import { splitByLargestRemainder } from '../app/ledger/largest-remainder.ts';
import { appealSeed, indicatorsByProgramme, storyUpdateTitle, updateBodies, updateTitle } from './seed-data/impact.ts';
import {
  createCalendar,
  createFxTable,
  createLedgerWriter,
  createRng,
  createRows,
  fromUsd,
  niceStep,
  type Calendar,
  type Earmark,
  type Rng,
  type Rows,
} from './seed-data/plan.ts';
import { programmeSeeds, type ProgrammeSlug } from './seed-data/programmes.ts';
import { DEMO_PHOTO_PROJECT, demoPhoto, demoPhotoAlt } from './seed-data/demo-photo.ts';
import type { ProcessedPhoto } from '../app/programmes/photos/process-photo.server.ts';
import { projectSeeds, type ProjectSeed } from './seed-data/projects.ts';
import { suggestedAmountCurrencies, suggestedAmountSeeds } from './seed-data/suggested-amounts.ts';

const SEED = 20_021_717; // ECOSOC 2002/17
const SEED_LOCK_KEY = 727_100_002;

/** Share of a project-year's funding by source, in permille (RB ≈ 12 %, general-purpose small). */
const SPLIT = { regularBudget: 110n, generalPurpose: 30n, programme: 80n };

interface ProjectYear {
  project: ProjectSeed;
  projectId: string;
  programmeId: string;
  year: number;
  requirement: bigint;
  funded: bigint;
}

const fill = (text: Record<Locale, string>, values: Record<string, string | number>) =>
  Object.fromEntries(
    Object.entries(text).map(([locale, value]) => [locale, value.replace(/\{(\w+)\}/g, (_, key: string) => String(values[key] ?? ''))]),
  );

const permille = (value: bigint, share: bigint) => (value * share) / 1000n;

function planProjects(rows: Rows, calendar: Calendar, rng: Rng) {
  const programmeIds = new Map<ProgrammeSlug, string>();
  for (const programme of programmeSeeds) {
    const id = randomUUID();
    programmeIds.set(programme.slug, id);
    rows.programmes.push({
      id,
      slug: programme.slug,
      code: programme.code,
      title: programme.title,
      mandate: programme.mandate,
      sortOrder: programme.sortOrder,
    });
  }
  const { currentYear: Y } = calendar;
  const projectYears: ProjectYear[] = [];
  const projectIds = new Map<string, string>();
  for (const project of projectSeeds) {
    const id = randomUUID();
    const programmeId = programmeIds.get(project.programme) as string;
    const coverageNow = BigInt(programmeSeeds.find((p) => p.slug === project.programme)?.currentCoveragePermille ?? 500);
    projectIds.set(project.code, id);
    rows.projects.push({
      id,
      code: project.code,
      programmeId,
      title: project.title,
      description: project.description,
      countryCode: project.countryCode,
      regionCode: project.regionCode,
      sectorCode: project.sectorCode,
      status: project.status,
      startDate: calendar.date(Y + project.startOffset, 1, 1),
      endDate: calendar.date(Y + project.endOffset, 12, 31),
    });
    for (let year = Math.max(Y - 3, Y + project.startOffset); year <= Math.min(Y + 1, Y + project.endOffset); year++) {
      // requirements are budgeted in round tens of thousands of dollars
      const requirement = BigInt(Math.round((project.baseRequirementUsd * rng.int(85, 115)) / 100 / 10_000) * 10_000) * 100n;
      const share = year < Y ? BigInt(rng.int(620, 930)) : year === Y ? coverageNow + BigInt(rng.int(-90, 90)) : BigInt(rng.int(50, 110));
      rows.requirements.push({ projectId: id, year, usdMinor: requirement });
      projectYears.push({ project, projectId: id, programmeId, year, requirement, funded: permille(requirement, share) });
    }
  }
  return { programmeIds, projectIds, projectYears };
}

function planDonors(rows: Rows, calendar: Calendar) {
  const donorIds = new Map<string, string>();
  donorSeeds.forEach((donor, index) => {
    const id = randomUUID();
    donorIds.set(donor.key, id);
    rows.donors.push({
      id,
      type: donor.type,
      email: donor.email,
      displayName: donor.displayName,
      givenName: donor.givenName ?? null,
      familyName: donor.familyName ?? null,
      organisationName: donor.organisationName ?? null,
      organisationId: donor.organisationId ?? null,
      countryCode: donor.countryCode,
      locale: donor.locale,
      isAnonymous: donor.isAnonymous ?? false,
    });
    if (donor.hasBounced && donor.email) rows.suppressions.push({ address: donor.email.toLowerCase(), reason: 'HARD_BOUNCE' });
    if (!donor.consents || !donor.email) return;
    const recordedAt = calendar.addDays(calendar.date(calendar.currentYear - 3, 1, 10), index * 11);
    const consent = (kind: 'IMPACT_REPORTS' | 'APPEALS', isGranted: boolean, at: Date) =>
      rows.consents.push({
        donorId: id,
        kind,
        isGranted,
        wording: consentWording[kind][donor.locale],
        locale: donor.locale,
        source: 'demo-seed',
        recordedAt: at,
      });
    consent('IMPACT_REPORTS', donor.consents.impactReports, recordedAt);
    consent('APPEALS', donor.consents.appeals, recordedAt);
    if (donor.consents.withdrewAppeals) consent('APPEALS', false, calendar.addDays(recordedAt, 400));
  });
  const donor = (key: string) => {
    const seed = donorSeeds.find((candidate) => candidate.key === key);
    const id = donorIds.get(key);
    if (!seed || !id) throw new Error(`unknown demo donor ${key}`);
    return { ...seed, id };
  };
  return { donor };
}

/** Seeds the demo portal unless programmes already exist. Safe to call concurrently. */
export async function seedDemoData(args: { db: PrismaClient; now?: Date }): Promise<{ created: boolean }> {
  // Drawn before the transaction: image work holds no locks.
  const photo = await demoPhoto();
  return args.db.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${SEED_LOCK_KEY})`;
      if ((await tx.programme.count()) > 0) return { created: false };
      const rows = buildDemoRows(args.now ?? new Date());
      await tx.programme.createMany({ data: rows.programmes });
      await tx.project.createMany({ data: rows.projects });
      await tx.projectRequirement.createMany({ data: rows.requirements });
      await tx.donor.createMany({ data: rows.donors });
      await tx.donorConsent.createMany({ data: rows.consents });
      await tx.emailSuppression.createMany({ data: rows.suppressions, skipDuplicates: true });
      await tx.fxRate.createMany({ data: rows.fxRates, skipDuplicates: true });
      await tx.regularBudgetEntry.createMany({ data: rows.regularBudget });
      await tx.appeal.createMany({ data: rows.appeals });
      await tx.appealRecipient.createMany({ data: rows.recipients });
      await tx.pledge.createMany({ data: rows.pledges });
      await tx.pledgeInstalment.createMany({ data: rows.instalments });
      await tx.pledgeEvent.createMany({ data: rows.pledgeEvents });
      await tx.payment.createMany({ data: rows.payments });
      await tx.paymentFee.createMany({ data: rows.paymentFees });
      await tx.reversal.createMany({ data: rows.reversals });
      await tx.staffUser.createMany({ data: rows.staffUsers });
      await tx.poolAllocation.createMany({ data: rows.poolAllocations });
      await tx.allocation.createMany({ data: rows.allocations });
      await tx.impactUpdate.createMany({ data: rows.updates });
      await tx.indicator.createMany({ data: rows.indicators });
      await tx.indicatorValue.createMany({ data: rows.indicatorValues });
      await tx.appealSegment.createMany({ data: demoSegments(rows.programmes) });
      await tx.suggestedAmount.createMany({ data: demoSuggestedAmounts(rows.programmes) });
      await seedDemoPhoto(tx, photo, args.now ?? new Date());
      await refreshFundingSummaries({ db: tx });
      return { created: true };
    },
    { timeout: 120_000, maxWait: 30_000 },
  );
}

/** The demo's illustrative image on one project (docs/decisions/058). */
async function seedDemoPhoto(tx: Parameters<Parameters<PrismaClient['$transaction']>[0]>[0], photo: ProcessedPhoto, now: Date) {
  const project = await tx.project.findUnique({ where: { code: DEMO_PHOTO_PROJECT }, select: { id: true } });
  if (!project) return;
  await tx.projectPhoto.create({
    data: {
      projectId: project.id,
      alt: demoPhotoAlt,
      sourceWidth: photo.sourceWidth,
      sourceHeight: photo.sourceHeight,
      uploadedAt: now,
      updatedAt: now,
      renditions: {
        create: photo.renditions.map((r) => ({
          width: r.width,
          height: r.height,
          hash: r.hash,
          bytes: r.bytes,
          byteSize: r.bytes.byteLength,
        })),
      },
    },
  });
}

/** Two saved segments for /staff/appeals (issue #15), as an officer would have built them. */
function demoSegments(programmes: readonly { id?: string; slug: string }[]) {
  const corruption = programmes.find((programme) => programme.slug === 'corruption')?.id;
  return [
    {
      name: 'Lapsed donors to the corruption programme',
      definition: segmentDefinitionSchema.parse({ lastGift: 'LYBUNT', programmeIds: corruption ? [corruption] : [] }),
    },
    { name: 'Monthly donors in Europe', definition: segmentDefinitionSchema.parse({ frequencies: ['MONTHLY'], regions: ['150'] }) },
  ];
}

/** Suggested amounts on /give (decision 057; illustrative demo texts), in USD and EUR cents. */
function demoSuggestedAmounts(programmes: readonly { id?: string; slug: string }[]) {
  return suggestedAmountSeeds.flatMap((seed) => {
    const programmeId = programmes.find((programme) => programme.slug === seed.programme)?.id;
    if (!programmeId) return [];
    return suggestedAmountCurrencies.flatMap((currency) =>
      seed.amounts.map((amount, position) => ({
        programmeId,
        currency,
        position,
        amountMinor: BigInt(amount.major) * 100n,
        isPreselected: amount.isPreselected ?? false,
        text: amount.text,
      })),
    );
  });
}

/** The whole demo as rows, without touching a database (deterministic for a given `now`). */
export function buildDemoRows(now: Date): Rows {
  const rng = createRng(SEED);
  const calendar = createCalendar(now, rng);
  const { currentYear: Y, date, addDays, notAfterNow, pastMoment, dayOnly } = calendar;
  const rows = createRows();
  const fx = createFxTable(calendar, Y - 3, rng);
  rows.fxRates.push(...fx.rows);
  const { programmeIds, projectIds, projectYears } = planProjects(rows, calendar, rng);
  const { donor } = planDonors(rows, calendar);
  const ledger = createLedgerWriter(rows, fx.rateOn);
  const programmeId = (slug: ProgrammeSlug) => programmeIds.get(slug) as string;
  const projectEarmark = (code: string): Earmark => {
    const project = projectSeeds.find((candidate) => candidate.code === code) as ProjectSeed;
    return { type: 'PROJECT', projectId: projectIds.get(code) as string, programmeId: programmeId(project.programme) };
  };
  const yearEndOrNow = (year: number) => notAfterNow(new Date(Date.UTC(year, 11, 31, 18)));

  // ---- regular budget: one entry per programme and year, allocated to its projects
  for (const programme of programmeSeeds) {
    for (let year = Y - 3; year <= Y + 1; year++) {
      const shares = projectYears
        .filter((py) => py.programmeId === programmeId(programme.slug) && py.year === year)
        .map((py) => ({ py, usd: year > Y ? py.funded : permille(py.funded, SPLIT.regularBudget) }));
      const total = shares.reduce((sum, share) => sum + share.usd, 0n);
      if (total === 0n) continue;
      const id = randomUUID();
      // the current and next year keep a little regular budget not yet assigned to projects
      const entry = year >= Y ? ((total * 106n) / 100n / 100_000n) * 100_000n : total;
      rows.regularBudget.push({
        id,
        programmeId: programmeId(programme.slug),
        year,
        usdMinor: entry,
        note: `Section 21 regular budget ${year} (illustrative)`,
        createdAt: notAfterNow(date(year, 1, 20)),
      });
      for (const { py, usd } of shares) {
        rows.allocations.push({
          projectId: py.projectId,
          year,
          source: 'REGULAR_BUDGET',
          usdMinor: usd,
          regularBudgetEntryId: id,
          note: 'Regular-budget allocation',
          createdAt: notAfterNow(date(year, 2, 1)),
        });
      }
    }
  }

  // ---- lead donors: one multi-year earmarked pledge per project, an instalment a year
  const overdueThisYear = new Set(['XAMT72', 'COLC18']);
  for (const project of projectSeeds) {
    if (!project.leadDonor) continue;
    const lead = donor(project.leadDonor);
    const years = projectYears.filter((py) => py.project.code === project.code);
    const first = years[0];
    if (!first) continue;
    const pledgedAt = notAfterNow(date(first.year, 1, 15));
    const rate = fx.rateOn(lead.currency, pledgedAt);
    const step = niceStep(100_000, lead.currency);
    const instalments: { dueOn: Date; amountMinor: bigint; year: number; paid: 'full' | 'partial' | 'none' }[] = [];
    for (const py of years) {
      const earmarked = py.funded - permille(py.funded, SPLIT.regularBudget + SPLIT.generalPurpose + SPLIT.programme);
      if (py.year < Y) {
        const partial = project.code === 'IRQR09' && py.year === Y - 1;
        instalments.push({
          dueOn: date(py.year, rng.int(3, 9), 1),
          amountMinor: fromUsd(earmarked, lead.currency, rate, step),
          year: py.year,
          paid: partial ? 'partial' : 'full',
        });
      } else if (py.year === Y) {
        // this year: a first instalment due already (paid, or overdue), a second one later in the year;
        // "already" is before today, so on 1 January the first one fell due on 31 December
        const today = dayOnly(now);
        const dueSoFar = dayOnly(pastMoment(Y, 0, 120));
        const dueFirst = dueSoFar.getTime() < today.getTime() ? dueSoFar : addDays(today, -1);
        instalments.push({
          dueOn: dueFirst,
          amountMinor: fromUsd(earmarked, lead.currency, rate, step),
          year: Y,
          paid: overdueThisYear.has(project.code) ? 'none' : 'full',
        });
        const later = dayOnly(addDays(now, rng.int(20, 150)));
        // at the latest on 31 December, so that it is never overdue within its own year
        const dueSecond = later.getUTCFullYear() > Y ? date(Y, 12, 31) : later;
        instalments.push({
          dueOn: dueSecond,
          amountMinor: fromUsd((earmarked * 2n) / 3n, lead.currency, rate, step),
          year: Y,
          paid: 'none',
        });
      } else {
        instalments.push({
          dueOn: date(py.year, rng.int(2, 6), 1),
          amountMinor: fromUsd(permille(py.requirement, 450n), lead.currency, rate, step),
          year: py.year,
          paid: 'none',
        });
      }
    }
    const pledge = ledger.pledge({
      donorId: lead.id,
      frequency: 'INSTALMENTS',
      method: 'BANK_TRANSFER',
      currency: lead.currency,
      pledgedAt,
      earmark: projectEarmark(project.code),
      instalments: instalments.map(({ dueOn, amountMinor }) => ({ dueOn, amountMinor })),
    });
    instalments.forEach((instalment, index) => {
      if (instalment.paid === 'none') return;
      const amountMinor = instalment.paid === 'full' ? instalment.amountMinor : (instalment.amountMinor * 6n) / 10n;
      const receivedAt = notAfterNow(addDays(instalment.dueOn, rng.int(0, 25)));
      ledger.pay({ pledge, instalmentId: pledge.instalments[index]?.id, amountMinor, receivedAt, allocateToYear: instalment.year });
    });
  }

  // ---- Member States' general-purpose and programme-level contributions, one a year each
  const contribute = (key: string, earmark: Earmark, usd: bigint, year: number) => {
    if (usd <= 0n) return;
    const giver = donor(key);
    const pledgedAt = year < Y ? date(year, rng.int(1, 4), rng.int(1, 28)) : pastMoment(Y, 0, 90);
    const amountMinor = fromUsd(usd, giver.currency, fx.rateOn(giver.currency, pledgedAt), niceStep(10_000, giver.currency));
    const pledge = ledger.pledge({
      donorId: giver.id,
      frequency: 'ONCE',
      method: 'BANK_TRANSFER',
      currency: giver.currency,
      pledgedAt,
      earmark,
      instalments: [{ dueOn: dayOnly(pledgedAt), amountMinor }],
    });
    ledger.pay({
      pledge,
      instalmentId: pledge.instalments[0]?.id,
      amountMinor,
      receivedAt: notAfterNow(addDays(pledgedAt, rng.int(5, 30))),
    });
  };
  const programmeDonors: Record<ProgrammeSlug, [string, string]> = {
    'trafficking-in-persons': ['meridian', 'lumiere'],
    corruption: ['gb', 'kestrel'],
    'organized-crime': ['ch', 'nordlys'],
    'terrorism-prevention': ['jp', 'kw'],
  };
  for (let year = Y - 3; year <= Y; year++) {
    const inYear = projectYears.filter((py) => py.year === year);
    const gpNeed = inYear.reduce((sum, py) => sum + permille(py.funded, SPLIT.generalPurpose), 0n);
    // received this year but partly not yet allocated: the general-purpose pool stays visible
    const gpReceived = year === Y ? (gpNeed * 125n) / 100n : gpNeed;
    contribute('se', { type: 'GENERAL_PURPOSE' }, permille(gpReceived, 600n), year);
    contribute('no', { type: 'GENERAL_PURPOSE' }, permille(gpReceived, 330n), year);
    for (const programme of programmeSeeds) {
      const need = inYear
        .filter((py) => py.programmeId === programmeId(programme.slug))
        .reduce((sum, py) => sum + permille(py.funded, SPLIT.programme), 0n);
      const received = year === Y ? (need * 112n) / 100n : need;
      const [main, second] = programmeDonors[programme.slug];
      contribute(main, { type: 'PROGRAMME', programmeId: programmeId(programme.slug) }, permille(received, 700n), year);
      contribute(second, { type: 'PROGRAMME', programmeId: programmeId(programme.slug) }, permille(received, 300n), year);
    }
  }

  // ---- individual one-off card gifts: to projects, programmes and general purpose
  const individuals = donorSeeds.filter((seed) => seed.type === 'INDIVIDUAL' && !seed.storyOnly).map((seed) => donor(seed.key));
  const giftSizes = [25, 50, 100, 150, 250, 500, 1_000, 2_500];
  const gifts: { payment: ReturnType<typeof ledger.pay>; pledgeId: string; donorKey: string }[] = [];
  for (let index = 0; index < 24; index++) {
    const giver = individuals[index % individuals.length] as (typeof individuals)[number];
    const year = Y - 2 + (index % 3);
    const at = pastMoment(year);
    const usdMajor = rng.pick(giftSizes);
    const active = projectYears.filter((py) => py.year === year && py.project.status !== 'PIPELINE' && py.project.status !== 'CLOSED');
    const target = rng.pick(active);
    const earmark: Earmark =
      index % 3 === 0
        ? projectEarmark(target.project.code)
        : index % 3 === 1
          ? { type: 'PROGRAMME', programmeId: target.programmeId }
          : { type: 'GENERAL_PURPOSE' };
    const amountMinor = fromUsd(BigInt(usdMajor) * 100n, giver.currency, fx.rateOn(giver.currency, at), niceStep(usdMajor, giver.currency));
    const pledge = ledger.pledge({
      donorId: giver.id,
      frequency: 'ONCE',
      method: 'CARD',
      currency: giver.currency,
      pledgedAt: at,
      earmark,
      instalments: [{ dueOn: dayOnly(at), amountMinor }],
      isAnonymous: giver.isAnonymous,
      coversFee: index % 4 === 0,
      dedication: index === 5 ? 'In memory of my grandmother, who taught me to stand up for others' : undefined,
    });
    const payment = ledger.pay({ pledge, instalmentId: pledge.instalments[0]?.id, amountMinor, receivedAt: at });
    gifts.push({ payment, pledgeId: pledge.id, donorKey: giver.key });
  }

  // ---- one refund: a project gift returned at the donor's request, with a reversing allocation
  const refunded = gifts.find((gift) => gift.payment.earmark.type === 'PROJECT' && gift.payment.receivedAt.getUTCFullYear() < Y);
  if (refunded && refunded.payment.earmark.type === 'PROJECT') {
    const reversalId = randomUUID();
    const at = notAfterNow(addDays(refunded.payment.receivedAt, 6));
    rows.reversals.push({
      id: reversalId,
      paymentId: refunded.payment.id,
      kind: 'REFUND',
      providerReversalId: `re_demo_${reversalId.slice(0, 8)}`,
      amountMinor: refunded.payment.amountMinor,
      usdMinor: refunded.payment.usdMinor,
      reason: "Refunded at the donor's request",
      createdAt: at,
    });
    rows.allocations.push({
      projectId: refunded.payment.earmark.projectId,
      year: refunded.payment.receivedAt.getUTCFullYear(),
      source: 'EARMARKED',
      usdMinor: -refunded.payment.usdMinor,
      paymentId: refunded.payment.id,
      reversalId,
      note: 'Reversal of a refunded gift',
      createdAt: at,
    });
    rows.pledgeEvents.push({
      pledgeId: refunded.pledgeId,
      kind: 'CANCELLED',
      reason: "Gift refunded at the donor's request",
      createdAt: at,
    });
  }

  // ---- monthly donors: a card subscription paid every month so far
  for (const giver of monthlyGivers) {
    const person = donor(giver.donor);
    const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - giver.months + 1, Math.min(now.getUTCDate(), 28), 9));
    const amountMinor = BigInt(giver.amountMajor) * 100n;
    const earmark: Earmark =
      giver.earmark === 'GENERAL_PURPOSE' ? { type: 'GENERAL_PURPOSE' } : { type: 'PROGRAMME', programmeId: programmeId(giver.earmark) };
    const pledge = ledger.pledge({
      donorId: person.id,
      frequency: 'MONTHLY',
      method: 'CARD',
      currency: person.currency,
      amountMinor,
      pledgedAt: notAfterNow(start),
      earmark,
      isAnonymous: person.isAnonymous,
    });
    for (let month = 0; month < giver.months; month++) {
      const at = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + month, start.getUTCDate(), 9));
      if (at.getTime() <= now.getTime()) ledger.pay({ pledge, amountMinor, receivedAt: at });
    }
  }

  // ---- pledges with a story: written off, cancelled, cancelled then reinstated, open transfer
  const nordlys = donor('nordlys');
  const writtenOff = ledger.pledge({
    donorId: nordlys.id,
    frequency: 'INSTALMENTS',
    method: 'BANK_TRANSFER',
    currency: 'NOK',
    pledgedAt: date(Y - 2, 2, 10),
    earmark: projectEarmark('MOZC27'),
    instalments: [
      { dueOn: date(Y - 2, 6, 30), amountMinor: 40_000_000n },
      { dueOn: date(Y - 1, 6, 30), amountMinor: 40_000_000n },
    ],
  });
  ledger.pay({ pledge: writtenOff, instalmentId: writtenOff.instalments[0]?.id, amountMinor: 40_000_000n, receivedAt: date(Y - 2, 7, 14) });
  rows.pledgeEvents.push({
    pledgeId: writtenOff.id,
    kind: 'WRITTEN_OFF',
    reason: 'Second instalment will not be paid after a change of company policy',
    createdAt: date(Y - 1, 12, 10),
  });

  const kestrel = donor('kestrel');
  const cancelledAt = pastMoment(Y, 0, 60);
  const cancelled = ledger.pledge({
    donorId: kestrel.id,
    frequency: 'ONCE',
    method: 'BANK_TRANSFER',
    currency: 'CHF',
    pledgedAt: addDays(cancelledAt, -20),
    earmark: { type: 'PROGRAMME', programmeId: programmeId('corruption') },
    instalments: [{ dueOn: dayOnly(addDays(cancelledAt, 40)), amountMinor: 8_000_000n }],
  });
  rows.pledgeEvents.push({
    pledgeId: cancelled.id,
    kind: 'CANCELLED',
    reason: 'Budget reallocated by the company board',
    createdAt: cancelledAt,
  });

  const students = donor('vienna-students');
  const reinstated = ledger.pledge({
    donorId: students.id,
    frequency: 'ONCE',
    method: 'BANK_TRANSFER',
    currency: 'EUR',
    pledgedAt: date(Y - 1, 10, 1),
    earmark: { type: 'PROGRAMME', programmeId: programmeId('trafficking-in-persons') },
    instalments: [{ dueOn: date(Y, 6, 30), amountMinor: 500_000n }],
  });
  rows.pledgeEvents.push(
    { pledgeId: reinstated.id, kind: 'CANCELLED', reason: 'Fundraising event postponed', createdAt: date(Y - 1, 11, 15) },
    { pledgeId: reinstated.id, kind: 'REINSTATED', reason: 'Event rescheduled', createdAt: date(Y - 1, 12, 1) },
  );

  const lumiere = donor('lumiere');
  ledger.pledge({
    donorId: lumiere.id,
    frequency: 'ONCE',
    method: 'BANK_TRANSFER',
    currency: 'EUR',
    pledgedAt: pastMoment(Y, 0, 200),
    earmark: projectEarmark('NGAT81'),
    instalments: [{ dueOn: date(Y, 12, 15), amountMinor: 12_000_000n }],
  });

  // ---- the finished appeal, its recipients and the gifts it raised
  const sentAt = new Date(now.getTime() - 50 * 86_400_000);
  const appealId = randomUUID();
  rows.appeals.push({
    id: appealId,
    slug: appealSeed.slug,
    title: appealSeed.title,
    subject: appealSeed.subject,
    body: appealSeed.body,
    goalUsdMinor: BigInt(appealSeed.goalUsd) * 100n,
    programmeId: programmeId('trafficking-in-persons'),
    segment: { donorTypes: ['INDIVIDUAL', 'FOUNDATION', 'COMPANY', 'OTHER'], consent: 'APPEALS', countries: [] },
    status: 'SENT',
    createdAt: addDays(sentAt, -3),
    sentAt,
    closesAt: addDays(sentAt, 35),
  });
  const recipients = donorSeeds.filter((seed) => seed.email && seed.consents?.appeals && !seed.consents.withdrewAppeals && !seed.storyOnly);
  for (const recipient of recipients) rows.recipients.push({ appealId, donorId: donor(recipient.key).id, queuedAt: sentAt });
  const appealGifts: [string, number, 'CARD' | 'BANK_TRANSFER', string | null][] = [
    ['aurora', 25_000, 'BANK_TRANSFER', null],
    ['lumiere', 20_000, 'BANK_TRANSFER', null],
    ['meridian', 10_000, 'BANK_TRANSFER', null],
    ['amina.diallo', 250, 'CARD', null],
    ['zhang.wei', 1_000, 'CARD', 'NGAT81'],
    ['fatima.alsayed', 500, 'CARD', null],
    ['olga.petrova', 150, 'CARD', 'NGAT81'],
    ['daniel.okafor', 100, 'CARD', null],
    ['karl.meier', 2_500, 'CARD', null],
  ];
  appealGifts.forEach(([key, usdMajor, method, projectCode], index) => {
    const giver = donor(key);
    const at = notAfterNow(new Date(sentAt.getTime() + (1 + index * 3) * 86_400_000 + 3_600_000 * (9 + index)));
    const amountMinor = fromUsd(BigInt(usdMajor) * 100n, giver.currency, fx.rateOn(giver.currency, at), niceStep(usdMajor, giver.currency));
    const earmark: Earmark = projectCode
      ? projectEarmark(projectCode)
      : { type: 'PROGRAMME', programmeId: programmeId('trafficking-in-persons') };
    const pledge = ledger.pledge({
      donorId: giver.id,
      frequency: 'ONCE',
      method,
      currency: giver.currency,
      pledgedAt: at,
      earmark,
      appealId,
      instalments: [{ dueOn: dayOnly(at), amountMinor }],
      isAnonymous: giver.isAnonymous,
    });
    ledger.pay({
      pledge,
      instalmentId: pledge.instalments[0]?.id,
      amountMinor,
      receivedAt: notAfterNow(addDays(at, method === 'CARD' ? 0 : 4)),
    });
  });

  // ---- staff allocations of pooled money, year by year (some stays unallocated, visibly)
  for (let year = Y - 3; year <= Y; year++) {
    for (const py of projectYears.filter((candidate) => candidate.year === year)) {
      const availableBy = yearEndOrNow(year);
      ledger.allocateFromPool({
        sources: ledger.gpSources,
        projectId: py.projectId,
        year,
        usdMinor: permille(py.funded, SPLIT.generalPurpose),
        source: 'GENERAL_PURPOSE',
        availableBy,
      });
      ledger.allocateFromPool({
        sources: ledger.programmeSources.get(py.programmeId) ?? [],
        projectId: py.projectId,
        year,
        usdMinor: permille(py.funded, SPLIT.programme),
        source: 'EARMARKED',
        availableBy,
      });
    }
  }

  planImpact(rows, calendar, rng, projectIds);
  planReportStory({ rows, calendar, ledger, donor, projectIds, projectEarmark });
  planLapsedDonors({ calendar, ledger, fx, donor, corruption: programmeId('corruption'), projectEarmark });
  return rows;
}

/**
 * The lapsed corruption donors (seed-data/donors.ts): one or two card gifts each, all in the year
 * before the seed date's, to the corruption programme or one of its projects running that year —
 * none since, so "Lapsed donors to the corruption programme" (LYBUNT) takes them in on any day.
 * Drawn last and without the PRNG, so the rest of the demo is the same as without them.
 */
function planLapsedDonors(args: {
  calendar: Calendar;
  ledger: ReturnType<typeof createLedgerWriter>;
  fx: ReturnType<typeof createFxTable>;
  donor: (key: string) => { id: string; currency: string };
  corruption: string;
  projectEarmark: (code: string) => Earmark;
}) {
  const { calendar, ledger, fx } = args;
  const lastYear = calendar.currentYear - 1;
  const projects = projectSeeds.filter(
    (project) =>
      project.programme === 'corruption' && project.startOffset <= -1 && project.endOffset >= -1 && project.status !== 'PIPELINE',
  );
  const sizes = [50, 100, 250, 75, 500, 150, 1_000];
  lapsedCorruptionDonors.forEach((seed, index) => {
    const giver = args.donor(seed.key);
    for (let gift = 0; gift < (index % 4 === 0 ? 2 : 1); gift++) {
      const at = new Date(Date.UTC(lastYear, (index + gift * 5) % 12, 1 + ((index * 7) % 27), 9 + (index % 8)));
      const usdMajor = sizes[(index + gift) % sizes.length] as number;
      const amountMinor = fromUsd(
        BigInt(usdMajor) * 100n,
        giver.currency,
        fx.rateOn(giver.currency, at),
        niceStep(usdMajor, giver.currency),
      );
      const project = projects[index % projects.length];
      const earmark: Earmark =
        (index + gift) % 3 === 0 || !project ? { type: 'PROGRAMME', programmeId: args.corruption } : args.projectEarmark(project.code);
      const pledge = ledger.pledge({
        donorId: giver.id,
        frequency: 'ONCE',
        method: 'CARD',
        currency: giver.currency,
        pledgedAt: at,
        earmark,
        instalments: [{ dueOn: calendar.dayOnly(at), amountMinor }],
      });
      ledger.pay({ pledge, instalmentId: pledge.instalments[0]?.id, amountMinor, receivedAt: at });
    }
  });
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** The UTC quarter `back` quarters before the current one: its name ("2026-Q3") and [from, to). */
function quarterBefore(now: Date, back: number) {
  const index = now.getUTCFullYear() * 4 + Math.floor(now.getUTCMonth() / 3) - back;
  const year = Math.floor(index / 4);
  const quarter = index % 4;
  return {
    name: `${year}-Q${quarter + 1}`,
    from: new Date(Date.UTC(year, quarter * 3, 1)),
    to: new Date(Date.UTC(year, quarter * 3 + 3, 1)),
  };
}

/**
 * The impact-report story (issue #13), in the two quarters that ended last, whatever the day of
 * seeding. Rosa Reportwell gave general-purpose money in the earlier one; in the last one she
 * funded two projects directly, finance allocated part of the general-purpose pool to a third
 * project (a pool_allocations decision as /staff/finance/allocations makes: every origin with a
 * balance gives its part in proportion, largest remainder, decision 025), and the three projects
 * published a field report with new indicator values. Layla Mansour, whose address bounces
 * (Resend's test address), gave to the first project in both quarters. Every fact is recorded
 * (createdAt) inside its quarter, which is what a report period counts (decision 033).
 */
function planReportStory({
  rows,
  calendar,
  ledger,
  donor,
  projectIds,
  projectEarmark,
}: {
  rows: Rows;
  calendar: Calendar;
  ledger: ReturnType<typeof createLedgerWriter>;
  donor: (key: string) => { id: string; currency: string };
  projectIds: Map<string, string>;
  projectEarmark: (code: string) => Earmark;
}) {
  const { now, dayOnly } = calendar;
  const earlier = quarterBefore(now, 2);
  const last = quarterBefore(now, 1);
  const at = (quarter: { from: Date }, days: number, hour: number) => new Date(quarter.from.getTime() + days * DAY + hour * HOUR);
  const [direct, second, pooled] = ['GLOU68', 'MOZC27', 'XEEC63'] as const;
  const give = (key: string, earmark: Earmark, usdMajor: number, when: Date) => {
    const giver = donor(key);
    const amountMinor = BigInt(usdMajor) * 100n;
    const pledge = ledger.pledge({
      donorId: giver.id,
      frequency: 'ONCE',
      method: 'CARD',
      currency: giver.currency,
      pledgedAt: when,
      earmark,
      instalments: [{ dueOn: dayOnly(when), amountMinor }],
    });
    ledger.pay({ pledge, instalmentId: pledge.instalments[0]?.id, amountMinor, receivedAt: when });
  };
  give('report-story', { type: 'GENERAL_PURPOSE' }, 2_400, at(earlier, 9, 10));
  give('report-story-bounce', projectEarmark(direct), 150, at(earlier, 12, 14));
  give('report-story', projectEarmark(direct), 1_200, at(last, 14, 9));
  give('report-story-bounce', projectEarmark(direct), 200, at(last, 17, 15));
  give('report-story', projectEarmark(second), 750, at(last, 21, 11));

  // A finance officer's decision: a quarter of the general-purpose pool (to the dollar) to the third project.
  const officerId = randomUUID();
  rows.staffUsers.push({
    id: officerId,
    email: 'finance.officer@example.org',
    name: 'Demo finance officer (seeded, inactive)',
    roles: ['FINANCE'],
    isActive: false,
    createdAt: calendar.date(calendar.currentYear - 3, 1, 2),
  });
  const decidedAt = at(last, 35, 10);
  // The origins with a balance then, oldest first (the rule's tie order); their balances are what
  // the seed's own pool allocations left.
  const origins = ledger.gpSources
    .filter((source) => source.remaining > 0n && source.receivedAt.getTime() <= decidedAt.getTime())
    .sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime());
  const balance = origins.reduce((sum, source) => sum + source.remaining, 0n);
  const usdMinor = (balance / 4n / 100n) * 100n;
  const projectId = projectIds.get(pooled) as string;
  const decisionId = randomUUID();
  rows.poolAllocations.push({
    id: decisionId,
    pool: 'GENERAL_PURPOSE',
    programmeId: null,
    projectId,
    year: decidedAt.getUTCFullYear(),
    usdMinor,
    note: 'Quarterly allocation of general-purpose funds to the largest gaps',
    createdById: officerId,
    createdAt: decidedAt,
  });
  const parts = splitByLargestRemainder(
    usdMinor,
    origins.map((source) => ({ id: source.id, weight: source.remaining })),
  );
  parts.forEach(({ id, part }, index) => {
    if (part === 0n) return;
    (origins[index] as (typeof origins)[number]).remaining -= part;
    rows.allocations.push({
      projectId,
      year: decidedAt.getUTCFullYear(),
      source: 'GENERAL_PURPOSE',
      usdMinor: part,
      paymentId: id,
      poolAllocationId: decisionId,
      note: 'Quarterly allocation of general-purpose funds to the largest gaps',
      createdById: officerId,
      createdAt: decidedAt,
    });
  });

  // Each project's field report of the quarter, with its indicators measured half-way to target.
  const publishedAt = at(last, 50, 9);
  for (const code of [direct, second, pooled]) {
    const id = projectIds.get(code) as string;
    const updateId = randomUUID();
    const values = rows.indicators
      .filter((indicator) => indicator.projectId === id)
      .map((indicator) => {
        const value = Math.round((Number(indicator.baseline) + Number(indicator.target)) / 2);
        rows.indicatorValues.push({
          indicatorId: indicator.id as string,
          impactUpdateId: updateId,
          measuredOn: dayOnly(publishedAt),
          value: String(value),
          createdAt: publishedAt,
        });
        return value;
      });
    rows.updates.push({
      id: updateId,
      projectId: id,
      publishedAt,
      createdAt: publishedAt,
      title: fill(storyUpdateTitle, { quarter: last.name }),
      body: fill(updateBodies[0] as Record<Locale, string>, { trained: values[0] ?? 0, reached: values[1] ?? 0 }),
    });
  }
}

function planImpact(rows: Rows, calendar: Calendar, rng: Rng, projectIds: Map<string, string>) {
  const { currentYear: Y, date, now } = calendar;
  for (const project of projectSeeds) {
    if (project.status === 'PIPELINE' || project.startOffset > -1) continue;
    const projectId = projectIds.get(project.code) as string;
    const indicators = indicatorsByProgramme[project.programme].map((seed) => {
      const id = randomUUID();
      rows.indicators.push({
        id,
        projectId,
        code: seed.code,
        name: seed.name,
        unit: seed.unit,
        baseline: String(seed.baseline),
        target: String(seed.target),
      });
      return { id, seed };
    });
    const closed = project.status === 'CLOSED';
    const moments = closed
      ? [date(Y + project.endOffset - 1, 9, 15), date(Y + project.endOffset, 11, 20)]
      : [date(Y - 1, 9, 15), new Date(now.getTime() - rng.int(10, 40) * 86_400_000)];
    moments.forEach((publishedAt, step) => {
      const updateId = randomUUID();
      const progress = step === 0 ? rng.int(30, 45) : rng.int(60, 90);
      const values = indicators.map(({ id, seed }) => {
        const value = Math.round(seed.baseline + ((seed.target - seed.baseline) * progress) / 100);
        rows.indicatorValues.push({
          indicatorId: id,
          impactUpdateId: updateId,
          measuredOn: date(publishedAt.getUTCFullYear(), publishedAt.getUTCMonth() + 1, 1),
          value: String(value),
          // recorded when published: a report period counts what was recorded in it (decision 033)
          createdAt: publishedAt,
        });
        return value;
      });
      const body = updateBodies[step % updateBodies.length] as Record<Locale, string>;
      rows.updates.push({
        id: updateId,
        projectId,
        publishedAt,
        createdAt: publishedAt,
        title: fill(updateTitle, { year: publishedAt.getUTCFullYear() }),
        body: fill(body, { trained: values[0] ?? 0, reached: values[1] ?? 0 }),
      });
    });
  }
}

async function main(): Promise<void> {
  await import('dotenv/config');
  const { parseEnv } = await import('../app/platform/env.server.ts');
  const { openDatabase } = await import('../app/platform/database/database-url.server.ts');
  // DATABASE_URL, or the embedded database of `npm start` (which seeds it by itself at start).
  const database = await openDatabase({ env: parseEnv(process.env) });
  console.log(`seed: ${database.description}`);
  const { createPrismaClient } = await import('../app/platform/db.server.ts');
  const db = createPrismaClient(database.databaseUrl);
  try {
    const started = Date.now();
    const { created } = await seedDemoData({ db });
    console.log(created ? `seed: demo data created in ${Date.now() - started} ms` : 'seed: programmes already exist, nothing to do');
  } finally {
    await db.$disconnect();
    await database.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(`seed: failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
