// /account/data.csv: the signed-in donor's payments and what was given back, one movement a row.
import type { LoaderFunctionArgs } from '@remix-run/node';
import { requireDonor } from '~/account/account-auth.server.ts';
import { donorDataDownload } from '~/account/my-data-commands.server.ts';

export async function loader({ request }: LoaderFunctionArgs) {
  return donorDataDownload({ donor: await requireDonor(request), format: 'csv' });
}
