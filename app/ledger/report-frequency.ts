// How often a donor receives impact reports (issue #13 item 4): quarterly unless they choose
// otherwise on the signed preferences page. NONE stops reports without withdrawing consent.
// The list the pages offer (the signed preferences page, the account's profile page), in its
// order; `satisfies` keeps it to the database enum's values.
import type { ImpactReportFrequency } from '~/generated/prisma/client.ts';

export const reportFrequencies = ['QUARTERLY', 'SEMIANNUAL', 'ANNUAL', 'NONE'] as const satisfies readonly ImpactReportFrequency[];
