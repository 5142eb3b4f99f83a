// How often a donor receives impact reports (issue #13 item 4): quarterly unless they choose
// otherwise on the signed preferences page. NONE stops reports without withdrawing consent.
export const reportFrequencies = ['QUARTERLY', 'SEMIANNUAL', 'ANNUAL', 'NONE'] as const;
export type ReportFrequency = (typeof reportFrequencies)[number];

export function isReportFrequency(value: unknown): value is ReportFrequency {
  return typeof value === 'string' && (reportFrequencies as readonly string[]).includes(value);
}
