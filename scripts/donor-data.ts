// `npm run donor:export -- (--donor ID | --email ADDRESS) [--format json|csv]`: prints everything the
// portal holds about one donor (JSON) or their money movements (CSV) on stdout.
// `npm run donor:erase -- (--donor ID | --email ADDRESS) --staff ADMIN_EMAIL`: erases the donor's
// personal data (docs/decisions/042), keeping every financial fact; prints ONE JSON line
// {"donorId","erased","pledges","emails"} (erased false: it had been erased before).
// Both use DATABASE_URL or the embedded database `npm start` uses; exit 1 on a bad request, 2 without a database.
import { parseArgs } from 'node:util';
import { z } from 'zod';
import {
  DonorDataCommandError,
  eraseDonorFor,
  exportDonorDataFor,
  type DonorReference,
} from '../app/account/donor-data-commands.server.ts';
import { donorDataCsv, donorDataJson } from '../app/account/donor-data-export-queries.server.ts';
import { runCommand, withCommandDatabase } from './command-database.ts';

const [action, ...rest] = process.argv.slice(2);
const usage =
  'usage: donor-data.ts export (--donor ID | --email ADDRESS) [--format json|csv]\n       donor-data.ts erase (--donor ID | --email ADDRESS) --staff ADMIN_EMAIL';

const referenceSchema = z.union([z.object({ id: z.uuid() }), z.object({ email: z.email() })]);
const argsSchema = z.object({
  action: z.enum(['export', 'erase']),
  donor: referenceSchema,
  format: z.enum(['json', 'csv']).default('json'),
  staff: z.email().optional(),
});

async function main(): Promise<number> {
  let values: Record<string, string | undefined>;
  try {
    ({ values } = parseArgs({
      args: rest,
      options: { donor: { type: 'string' }, email: { type: 'string' }, format: { type: 'string' }, staff: { type: 'string' } },
    }));
  } catch (error) {
    console.error(`donor data: ${error instanceof Error ? error.message : String(error)}\n${usage}`);
    return 1;
  }
  const reference = values.donor !== undefined ? { id: values.donor } : { email: values.email };
  const parsed = argsSchema.safeParse({ action, donor: reference, format: values.format, staff: values.staff });
  if (
    !parsed.success ||
    (parsed.data.action === 'erase' && !parsed.data.staff) ||
    (values.donor !== undefined && values.email !== undefined)
  ) {
    console.error(`donor data: bad arguments\n${usage}`);
    return 1;
  }
  const { donor, format, staff } = parsed.data as { donor: DonorReference; format: 'json' | 'csv'; staff?: string };
  return withCommandDatabase(`donor ${parsed.data.action}`, async ({ db }) => {
    try {
      if (parsed.data.action === 'export') {
        const data = await exportDonorDataFor({ db, donor });
        process.stdout.write(format === 'csv' ? donorDataCsv(data) : donorDataJson(data));
      } else {
        const outcome = await eraseDonorFor({ db, donor, staffEmail: staff! });
        console.log(JSON.stringify({ donorId: outcome.donorId, erased: outcome.erased, pledges: outcome.pledges, emails: outcome.emails }));
      }
      return 0;
    } catch (error) {
      if (!(error instanceof DonorDataCommandError)) throw error;
      console.error(`donor ${parsed.data.action}: ${error.message}`);
      return 1;
    }
  });
}

runCommand('donor data', main);
