// The A/B subject test's arithmetic (issue #15 item 3, docs/decisions/049): which donors of the
// segment are in the sample and which subject each gets, decided by a hash of the appeal and the
// donor (so a page read again after a crash chooses the same), and which fan-out an appeal is in.
import { createHash } from 'node:crypto';

export type FanOutPhase =
  /** No test: every donor, the one subject */
  | { kind: 'all'; variantOf: (donorId: string) => number | null | undefined }
  /** The test's sample: donors in it get a variant, the others wait (undefined) */
  | { kind: 'sample'; variantOf: (donorId: string) => number | null | undefined }
  /** The sample is queued; the winner is not decided yet */
  | { kind: 'waiting'; variantOf: (donorId: string) => number | null | undefined }
  /** The rest of the segment, with the winning subject (the sample's rows are there already) */
  | { kind: 'rest'; variantOf: (donorId: string) => number | null | undefined };

/** Two numbers in [0, 2^32) from the appeal and donor: one picks the sample, the other the variant. */
function draws(appealId: string, donorId: string): [number, number] {
  const digest = createHash('sha256').update(`${appealId}:${donorId}`).digest();
  return [digest.readUInt32BE(0), digest.readUInt32BE(4)];
}

/** The variant a donor of the sample gets (0 … variants-1), or undefined when not in the sample. */
export function sampleVariant({
  appealId,
  donorId,
  samplePercent,
  variants,
}: {
  appealId: string;
  donorId: string;
  samplePercent: number;
  variants: number;
}): number | undefined {
  const [sample, variant] = draws(appealId, donorId);
  if (sample % 10_000 >= samplePercent * 100) return undefined;
  return variant % variants;
}

export interface TestSettings {
  id: string;
  subjectVariants: unknown;
  testSamplePercent: number | null;
  testSampledAt: Date | null;
  testWinner: number | null;
}

/** Whether the appeal has an A/B test: a sample share and at least one subject besides the main one. */
export function hasSubjectTest(appeal: Omit<TestSettings, 'id' | 'testSampledAt' | 'testWinner'>): boolean {
  return Array.isArray(appeal.subjectVariants) && appeal.subjectVariants.length > 0 && (appeal.testSamplePercent ?? 0) > 0;
}

/** Which fan-out the appeal is in now. */
export function fanOutPhase(appeal: TestSettings): FanOutPhase {
  if (!hasSubjectTest(appeal)) return { kind: 'all', variantOf: () => null };
  const winner = appeal.testWinner;
  if (winner !== null) return { kind: 'rest', variantOf: () => winner };
  if (appeal.testSampledAt) return { kind: 'waiting', variantOf: () => undefined };
  const variants = (appeal.subjectVariants as unknown[]).length + 1;
  const samplePercent = appeal.testSamplePercent!;
  return { kind: 'sample', variantOf: (donorId) => sampleVariant({ appealId: appeal.id, donorId, samplePercent, variants }) };
}
