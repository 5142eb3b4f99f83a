// npm run bench:appeal-render — what the outbox spends rendering one batch of 100 appeal emails
// (decision 055): with the batch's cache (the appeal read once, its HTML rendered once per language,
// each reader's links put in) against a cache per email (a read and a full react-email render each,
// as before). 100 donors in six languages, one project block; 2 warm-up rounds, median of 5.
import { withFreshDatabase } from './lib.ts';
import { loadavg } from 'node:os';
await withFreshDatabase(
  { server: process.env.BENCH_SERVER_URL ?? 'postgres://postgres@127.0.0.1:5432', prefix: 'portal_bench_render' },
  async () => {
    process.env.APP_ORIGIN ??= 'https://portal.example.org';
    const { getPrisma, disconnectPrisma } = await import('../app/platform/db.server.ts');
    const { createBenchProjects, seedDonors } = await import('./donor-seeding.ts');
    const { createSendableAppeal } = await import('./appeal-seeding.ts');
    const { renderEmail } = await import('../app/email-templates.server.ts');
    const db = getPrisma();
    const [projectId] = await createBenchProjects(db, ['RENDER1']);
    await seedDonors(db, { count: 100, isMixed: true });
    const { appealId } = await createSendableAppeal(db, { code: 'render-bench', projectId: projectId! });
    const donors = await db.donor.findMany({ select: { id: true, locale: true }, take: 100 });
    const batch = async (shared: boolean) => {
      const cache = new Map<string, unknown>();
      const started = performance.now();
      for (const donor of donors)
        await renderEmail({
          template: 'appeal',
          locale: donor.locale,
          props: { appealId, donorId: donor.id },
          cache: shared ? cache : new Map(),
        });
      return performance.now() - started;
    };
    for (let i = 0; i < 2; i++) {
      await batch(true);
      await batch(false);
    }
    const fast: number[] = [],
      slow: number[] = [];
    for (let i = 0; i < 5; i++) {
      fast.push(await batch(true));
      slow.push(await batch(false));
    }
    fast.sort((a, b) => a - b);
    slow.sort((a, b) => a - b);
    console.log(
      `100 appeal emails (one batch, six languages): batch cache median ${fast[2]!.toFixed(0)} ms, per-email read+render median ${slow[2]!.toFixed(0)} ms; load ${loadavg()[0]!.toFixed(1)}`,
    );
    await disconnectPrisma();
  },
);
