// /account/data.json: everything the portal holds about the signed-in donor, as a JSON file.
import type { LoaderFunctionArgs } from '@remix-run/node';
import { requireDonor } from '~/account/account-auth.server.ts';
import { donorDataDownload } from '~/account/my-data-commands.server.ts';

export async function loader({ request }: LoaderFunctionArgs) {
  return donorDataDownload({ donor: await requireDonor(request), format: 'json' });
}
