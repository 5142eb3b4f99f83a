// The forms of /staff/users as Zod schemas: one intent per form, checked before anything changes.
// zod/mini, like every schema the browser loads (the /give bundle shares Zod's chunk; decision 012).
import * as z from 'zod/mini';
import { locales } from '~/platform/i18n.ts';
import { UUID_PATTERN } from '~/platform/uuid.ts';

export const STAFF_ROLES = ['ADMIN', 'RESOURCE_MOBILIZATION', 'PROGRAMME_OFFICER', 'FINANCE'] as const;

const staffUserId = z.string().check(z.regex(UUID_PATTERN));
const roles = z.array(z.enum(STAFF_ROLES));

export const staffUsersFormSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('end-sessions'), staffUserId }),
  z.object({ intent: z.literal('disable'), staffUserId }),
  z.object({ intent: z.literal('enable'), staffUserId }),
  z.object({ intent: z.literal('set-roles'), staffUserId, roles }),
  z.object({
    intent: z.literal('invite'),
    name: z.string().check(z.trim(), z.minLength(1, 'nameRequired'), z.maxLength(200, 'nameTooLong')),
    email: z.email({ error: 'emailInvalid' }).check(z.maxLength(320, 'emailInvalid')),
    roles: roles.check(z.minLength(1, 'rolesRequired')),
    locale: z.enum(locales),
  }),
]);

export type StaffUsersForm = z.infer<typeof staffUsersFormSchema>;

/** The submitted fields as the schema reads them: `roles` is every checked box. */
export function readStaffUsersForm(form: FormData): Record<string, unknown> {
  const fields: Record<string, unknown> = Object.fromEntries([...form.entries()].filter(([key]) => key !== 'roles'));
  if (typeof fields.email === 'string') fields.email = fields.email.trim();
  return { ...fields, roles: form.getAll('roles') };
}
