// npm run bench:appeal-send — an appeal to BENCH_DONORS donors (default 100,000) end to end
// (issue #15 item 4): a fresh database on BENCH_SERVER_URL (dropped at the end), every donor with
// appeal consent, one "everyone" segment, a draft in six languages with one project block. The send
// is started as staff start it (startAppealSend: frozen, figures pinned, job queued); `npm run
// worker` (a child process) fans it out and drains the outbox through the Resend fake at Resend's
// default 2 requests/s × 100 emails per batch = 200 emails/s. Every 10 s it prints the progress as
// the page reads it (getAppealSendProgress: queued, sent, failed, skipped, rate, and how long that
// read took); at the end the rate against the ceiling, the fan-out's time and the fake's counts.
import '../scripts/production-mode.ts';
import { startResendFake } from '../tests/fakes/resend.ts';
import { spawnTsx } from '../tests/unit/platform/outage/process-harness.ts';
import { withFreshDatabase } from './lib.ts';

const serverUrl = process.env.BENCH_SERVER_URL ?? 'postgres://postgres@127.0.0.1:5432';
const donors = Number(process.env.BENCH_DONORS ?? 100_000);
const ratePerSecond = 2;
const ceiling = ratePerSecond * 100;
const seconds = (ms: number) => (ms / 1000).toFixed(1);
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

await withFreshDatabase({ server: serverUrl, prefix: 'portal_bench_appeal' }, async (url) => {
  process.env.APP_ORIGIN ??= 'https://portal.example.org';
  const { getPrisma, disconnectPrisma } = await import('../app/platform/db.server.ts');
  const { startAppealSend } = await import('../app/appeals/appeal-send-commands.server.ts');
  const { getAppealSendProgress } = await import('../app/appeals/appeal-send-queries.server.ts');
  const { createBenchProjects, seedDonors } = await import('./donor-seeding.ts');
  const { createSendableAppeal, grantAppealConsent } = await import('./appeal-seeding.ts');
  const db = getPrisma();
  const [projectId] = await createBenchProjects(db, ['APPEAL1']);
  let started = performance.now();
  await seedDonors(db, { count: donors, isMixed: true });
  await grantAppealConsent(db);
  await db.$executeRawUnsafe('ANALYZE');
  console.log(`seeded ${donors} donors with appeal consent: ${seconds(performance.now() - started)} s`);
  const { appealId, staffUserId } = await createSendableAppeal(db, { code: 'bench-appeal', projectId: projectId! });

  const fake = await startResendFake({ rateLimitPerSecond: ratePerSecond });
  const worker = spawnTsx('scripts/worker.ts', {
    DATABASE_URL: url,
    PORTAL_MODE: 'demo',
    RESEND_BASE_URL: fake.url,
    RESEND_API_KEY: 're_bench',
    RESEND_RATE_LIMIT_PER_SECOND: String(ratePerSecond),
  });
  try {
    while (!worker.output().includes('[worker] running')) await sleep(50);
    started = performance.now();
    const start = await startAppealSend({ appealId, staffUserId });
    console.log(
      `send started (${JSON.stringify(start)}) in ${seconds(performance.now() - started)} s (freeze, figures pinned, segment counted)`,
    );
    let fannedOutMs: number | null = null;
    let lastLine = started;
    const reads: number[] = [];
    for (;;) {
      if (worker.child.exitCode !== null) throw new Error(`the worker exited (${worker.child.exitCode}):\n${worker.output()}`);
      await sleep(1000);
      const readAt = performance.now();
      const progress = (await getAppealSendProgress({ appealId }))!;
      reads.push(performance.now() - readAt);
      if (fannedOutMs === null && progress.status === 'SENT') {
        fannedOutMs = performance.now() - started;
        console.log(`  fan-out done: ${progress.recipients} recipients queued in ${seconds(fannedOutMs)} s`);
        // What autovacuum does in production (this test server runs without it): the outbox's 100,000
        // new rows get statistics, or the drain's claim plans for 3 rows and sorts 100,000 per batch.
        await db.$executeRawUnsafe('ANALYZE email_outbox');
      }
      if (performance.now() - lastLine >= 10_000 || !progress.isActive) {
        lastLine = performance.now();
        console.log(
          `  progress at ${seconds(lastLine - started)} s: ${progress.status}, ${progress.sent} sent / ${progress.total}, ` +
            `${progress.queued} queued, ${progress.failed} failed, ${progress.skipped} skipped, ${progress.ratePerSecond}/s ` +
            `(read in ${reads[reads.length - 1]!.toFixed(0)} ms)`,
        );
      }
      if (!progress.isActive) break;
    }
    const sendMs = performance.now() - started;
    const range = await db.emailOutbox.aggregate({ _min: { sentAt: true }, _max: { sentAt: true }, where: { status: 'SENT' } });
    const sent = await db.emailOutbox.count({ where: { status: 'SENT' } });
    const firstToLastMs = range._max.sentAt!.getTime() - range._min.sentAt!.getTime();
    const rate = sent / (sendMs / 1000);
    const steadyRate = (sent - 100) / (firstToLastMs / 1000);
    const calls = fake.counts();
    const recipients = new Set(fake.messages().flatMap((message) => message.to));
    reads.sort((a, b) => a - b);
    console.log(
      `sending: ${sent} sent in ${seconds(sendMs)} s from "send now": ${rate.toFixed(1)} emails/s = ${((rate / ceiling) * 100).toFixed(1)} % ` +
        `of the ${ceiling}/s ceiling (first to last batch: ${steadyRate.toFixed(1)}/s = ${((steadyRate / ceiling) * 100).toFixed(1)} %)`,
    );
    console.log(
      `progress reads: ${reads.length}, median ${reads[Math.floor(reads.length / 2)]!.toFixed(0)} ms, max ${reads[reads.length - 1]!.toFixed(0)} ms; ` +
        `fake: ${calls.batches} batch calls, ${calls.rateLimited} answered 429, ${fake.messages().length} messages to ${recipients.size} addresses`,
    );
  } finally {
    await worker.stop();
    await fake.close();
  }
  await disconnectPrisma();
});
