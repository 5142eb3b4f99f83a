// Donor sign-out is a POST (a link or an image on another site must not sign anyone out): it
// revokes the session row and clears the account cookie.
import { redirect, type ActionFunctionArgs } from '@remix-run/node';
import { signOutDonor } from '~/account/account-auth.server.ts';
import { assertSameOrigin } from '~/platform/request.server.ts';

export async function loader() {
  return redirect('/account');
}

export async function action({ request }: ActionFunctionArgs) {
  assertSameOrigin(request);
  return redirect('/account/sign-in?signedOut=1', { headers: { 'Set-Cookie': await signOutDonor(request) } });
}
