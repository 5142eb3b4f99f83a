// Where a donor's account lives (/account, app/account): the address every receipt and impact
// report links to. In platform because the capabilities that send those emails (giving, impact)
// may not import the account capability.
import { getEnv } from './env.server.ts';

export const ACCOUNT_PATH = '/account';

/** The absolute address of the donor account, for emails. */
export function accountUrl(appOrigin: string = getEnv().APP_ORIGIN): string {
  return new URL(ACCOUNT_PATH, appOrigin).toString();
}
