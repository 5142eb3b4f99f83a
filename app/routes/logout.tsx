// Sign-out is a POST (a link or an image on another site must not sign anyone out): it revokes
// the session row and clears the cookie.
import { redirect, type ActionFunctionArgs } from '@remix-run/node';
import { signOut } from '~/staff/auth.server.ts';
import { assertSameOrigin } from '~/platform/request.server.ts';

export async function loader() {
  return redirect('/');
}

export async function action({ request }: ActionFunctionArgs) {
  assertSameOrigin(request);
  return redirect('/', { headers: { 'Set-Cookie': await signOut(request) } });
}
