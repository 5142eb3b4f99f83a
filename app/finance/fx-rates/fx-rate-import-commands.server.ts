// The staff page's and the command's way into the ledger's rate import: a parsed file, recorded
// in one transaction and audited (app/ledger/fx-rate-commands.server.ts).
import { importFxRates, type FxRateImportResult } from '~/ledger/fx-rate-commands.server.ts';
import { getPrisma } from '~/platform/db.server.ts';
import type { FxRateLine } from './fx-rate-csv.ts';

export function importFxRatesFromStaff({
  db = getPrisma(),
  staffUserId,
  rates,
}: {
  db?: ReturnType<typeof getPrisma>;
  staffUserId: string | null;
  rates: FxRateLine[];
}): Promise<FxRateImportResult> {
  return importFxRates({ db, staffUserId, rates });
}
