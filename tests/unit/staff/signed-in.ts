// A staff member with these roles and a live session, and the Cookie header their browser sends.
import type { StaffRole } from '~/generated/prisma/client.ts';
import { createSession } from '~/staff/session-commands.server.ts';
import { serializeSessionCookie } from '~/staff/session-cookie.server.ts';
import { createStaff } from '~/staff/staff-user-commands.server.ts';
import { cookieFrom, get } from './helpers.ts';

export async function signedIn(roles: StaffRole[], email: string) {
  const user = await createStaff({ email, name: email.split('@')[0] ?? email, roles });
  const { secret, session } = await createSession({ staffUserId: user.id });
  return { user, session, cookie: cookieFrom(await serializeSessionCookie(get('/'), secret)) };
}
