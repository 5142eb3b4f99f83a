// The A/B subject test (issue #15 item 3; docs/decisions/049), real PostgreSQL: the first fan-out
// queues only the sample, each donor with the variant the hash gives; the decision job is queued
// for the end of the wait; the winner by clicks is decided (here "now", as the staff button does),
// audited; the rest of the segment gets the winning subject, the sample nothing more.
import { beforeAll, describe, expect, it } from 'vitest';
import { saveAppealDraft } from '~/appeals/appeal-draft-commands.server.ts';
import { continueAppealSend, startAppealSend } from '~/appeals/appeal-send-commands.server.ts';
import { getAppealSendProgress } from '~/appeals/appeal-send-queries.server.ts';
import { sampleVariant } from '~/appeals/appeal-subject-test.server.ts';
import { decideSubjectTest, pickWinner } from '~/appeals/appeal-subject-test-commands.server.ts';
import { renderEmail } from '~/email-templates.server.ts';
import { getPrisma } from '~/platform/db.server.ts';
import { signedIn } from '../staff/signed-in.ts';
import { createDonor, createProgramme, createProject, refreshSummaries } from './segment-fixture.ts';

const db = () => getPrisma();
const NOW = new Date('2026-11-20T10:00:00Z');
let staffUserId: string;
let appealId: string;
const donorIds: string[] = [];

beforeAll(async () => {
  staffUserId = (await signedIn(['RESOURCE_MOBILIZATION'], 'rm-ab@example.org')).user.id;
  const programme = await createProgramme('ab-programme');
  const project = await createProject('AB01', programme.id);
  for (let i = 0; i < 24; i += 1) donorIds.push((await createDonor({ name: `Donor ${i}`, countryCode: 'UG' })).id);
  await refreshSummaries();
  const segment = await db().appealSegment.create({ data: { name: 'Uganda', definition: { countries: ['UG'] } } });
  const saved = await saveAppealDraft({
    draft: {
      code: 'ab-test',
      goalUsdMinor: 10_000_000n,
      segmentId: segment.id,
      fallbackLocale: 'en',
      texts: { en: { title: 'Schools', subject: 'Subject A', preheader: '', intro: 'Intro.' } },
      blocks: [{ kind: 'project', id: project.id }],
    },
    staffUserId,
  });
  if (!saved.ok) throw new Error(saved.reason);
  appealId = saved.id;
  await db().appeal.update({
    where: { id: appealId },
    data: { subjectVariants: [{ en: 'Subject B' }], testSamplePercent: 50, testMetric: 'CLICKS', testWaitMinutes: 120 },
  });
});

describe('the A/B subject test', () => {
  it('picks the best share, ties to the lower variant', () => {
    expect(
      pickWinner([
        { variant: 0, recipients: 10, converted: 1 },
        { variant: 1, recipients: 5, converted: 1 },
      ]),
    ).toBe(1);
    expect(
      pickWinner([
        { variant: 0, recipients: 10, converted: 2 },
        { variant: 1, recipients: 5, converted: 1 },
      ]),
    ).toBe(0);
    expect(pickWinner([])).toBe(0);
  });

  it('sends the sample, decides by clicks, then sends the rest the winning subject', async () => {
    await startAppealSend({ appealId, staffUserId, now: NOW });
    const expected = new Map(
      donorIds.flatMap((donorId) => {
        const variant = sampleVariant({ appealId, donorId, samplePercent: 50, variants: 2 });
        return variant === undefined ? [] : [[donorId, variant] as const];
      }),
    );
    const sampled = await continueAppealSend({ appealId, pageSize: 5, now: () => NOW });
    expect(sampled).toEqual({ status: 'SENDING', queued: expected.size, decideAt: new Date(NOW.getTime() + 120 * 60_000) });
    const sample = await db().appealRecipient.findMany({ where: { appealId } });
    expect(new Map(sample.map((row) => [row.donorId, row.variant]))).toEqual(expected);
    const [job] = await db().$queryRaw<
      { runAt: Date }[]
    >`SELECT run_at AS "runAt" FROM graphile_worker.jobs WHERE key = ${`appeal-test:${appealId}`}`;
    expect(job?.runAt).toEqual(new Date(NOW.getTime() + 120 * 60_000));
    // Until the decision, the job adds nobody.
    expect(await continueAppealSend({ appealId })).toMatchObject({ status: 'SENDING', queued: 0 });

    expect(await getAppealSendProgress({ appealId })).toMatchObject({ isTestWaiting: true, testWinner: null });
    // One click, from a recipient of variant 1: variant 1 wins.
    const clicker = sample.find((row) => row.variant === 1)!;
    await db().appealClick.create({
      data: { appealId, recipientId: clicker.id, target: 'https://portal.example.org/give?appeal=ab-test' },
    });
    // The panel shows each subject with its sample's recipients and clickers so far (none sent yet: no drain runs here).
    const inSample = (variant: number) => [...expected.values()].filter((value) => value === variant).length;
    expect((await getAppealSendProgress({ appealId }))?.subjectTest).toEqual({
      metric: 'CLICKS',
      samplePercent: 50,
      decideAt: new Date(NOW.getTime() + 120 * 60_000).toISOString(),
      variants: [
        { variant: 0, subject: 'Subject A', recipients: inSample(0), sent: 0, clicked: 0, gave: 0 },
        { variant: 1, subject: 'Subject B', recipients: inSample(1), sent: 0, clicked: 1, gave: 0 },
      ],
    });
    const decided = await decideSubjectTest({ appealId, staffUserId, now: NOW });
    expect(decided).toMatchObject({ ok: true, winner: 1 });
    expect(await db().auditLog.count({ where: { entityId: appealId, action: 'appeal.test-decide', actorId: staffUserId } })).toBe(1);
    expect(await decideSubjectTest({ appealId, staffUserId, now: NOW })).toEqual({ ok: false, reason: 'not-testing' });
    expect(await getAppealSendProgress({ appealId })).toMatchObject({ isTestWaiting: false, testWinner: 1 });

    expect(await continueAppealSend({ appealId, pageSize: 5, now: () => NOW })).toEqual({
      status: 'SENT',
      queued: donorIds.length - expected.size,
    });
    const all = await db().appealRecipient.findMany({ where: { appealId } });
    expect(all).toHaveLength(donorIds.length);
    // Decided: the winner's row counts the rest of the segment too.
    expect((await getAppealSendProgress({ appealId }))?.subjectTest?.variants.map((row) => row.recipients)).toEqual([
      inSample(0),
      donorIds.length - inSample(0),
    ]);
    const rest = all.filter((row) => !expected.has(row.donorId));
    expect(rest.every((row) => row.variant === 1)).toBe(true);
    const email = await db().emailOutbox.findUniqueOrThrow({ where: { id: rest[0]!.emailId! } });
    expect(email.props).toMatchObject({ variant: 1 });
    const rendered = await renderEmail({ template: 'appeal', locale: 'en', props: email.props as Record<string, unknown> });
    expect(rendered.subject).toBe('Subject B');
    const first = all.find((row) => row.variant === 0);
    if (first) {
      const a = await db().emailOutbox.findUniqueOrThrow({ where: { id: first.emailId! } });
      expect((await renderEmail({ template: 'appeal', locale: 'en', props: a.props as Record<string, unknown> })).subject).toBe(
        'Subject A',
      );
    }
  });
});
