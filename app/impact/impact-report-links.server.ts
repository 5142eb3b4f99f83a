// What ties one donor's report for one period together: the outbox row's idempotency key (so a
// rerun or a crash never queues a second report) and the signed link to its web version. Both
// are derived from (donor, period) alone, so the scheduler can put the link in the props before
// the row exists, and the web version finds the row without any other lookup table.
import { signedLinkUrl, signLinkToken, verifyLinkToken } from '~/platform/signed-link.server.ts';

/** A report period's name: "2026-Q4" (quarter), "2026-H2" (half year) or "2026" (year). */
export const reportPeriodPattern = /^\d{4}(-Q[1-4]|-H[12])?$/;

export function impactReportIdempotencyKey({ donorId, period }: { donorId: string; period: string }): string {
  return `impact-report:${donorId}:${period}`;
}

/** The signed address of a report's web version, /impact/report/<token>; it never expires. */
export function impactReportWebLink({ donorId, period, appOrigin }: { donorId: string; period: string; appOrigin?: string }): string {
  return signedLinkUrl('/impact/report', signLinkToken({ purpose: 'impact-report', claims: { donorId, period } }), appOrigin);
}

/** The (donor, period) a web-version link names, or null when it was altered or made for something else. */
export function readImpactReportWebLink(token: string): { donorId: string; period: string } | null {
  const claims = verifyLinkToken({ purpose: 'impact-report', token });
  if (!claims?.donorId || !claims.period || !reportPeriodPattern.test(claims.period)) return null;
  return { donorId: claims.donorId, period: claims.period };
}
