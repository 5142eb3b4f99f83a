// What the send panel shows of an appeal's send (read by appeal-send-queries.server.ts; shared with the browser).

/** One subject of an A/B test with its recipients so far (docs/decisions/054). */
export interface SubjectVariantProgress {
  /** 0: the main subject (A), 1: B, 2: C */
  variant: number;
  /** The subject in the appeal's fallback language */
  subject: string;
  recipients: number;
  sent: number;
  /** Recipients who followed a link at least once */
  clicked: number;
  /** Recipients whose pledge names them */
  gave: number;
}

export interface SubjectTestProgress {
  metric: 'CLICKS' | 'GIFTS';
  samplePercent: number;
  /** When the decision job runs (the sample queued + the wait); null before the sample is queued */
  decideAt: string | null;
  variants: SubjectVariantProgress[];
}
export interface AppealSendProgress {
  status: string;
  scheduledAt: string | null;
  sentAt: string | null;
  /** Recipient rows written so far by the fan-out */
  recipients: number;
  queued: number;
  sent: number;
  failed: number;
  skipped: number;
  skippedNoConsent: number;
  skippedSuppressed: number;
  skippedCancelled: number;
  /** Emails sent per second over the last RATE_WINDOW_SECONDS */
  ratePerSecond: number;
  /** The progress bar's end: the segment's count when the send began, or the recipients once more are known */
  total: number;
  /** Whether anything may still change (scheduled, fanning out, or mail still queued) */
  isActive: boolean;
  error: string | null;
  /** An A/B test's sample is queued and its winner not decided yet */
  isTestWaiting: boolean;
  /** The A/B test's winning variant (0: the main subject), once decided */
  testWinner: number | null;
  /** The A/B test's subjects and their figures; null: the appeal has no test */
  subjectTest: SubjectTestProgress | null;
}
