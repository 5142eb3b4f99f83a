// The forms of /staff/users as Zod schemas: one intent per form, checked before anything changes.
import { z } from 'zod';
import { locales } from '~/platform/i18n.ts';

export const STAFF_ROLES = ['ADMIN', 'RESOURCE_MOBILIZATION', 'PROGRAMME_OFFICER', 'FINANCE'] as const;

const roles = z.array(z.enum(STAFF_ROLES));

export const staffUsersFormSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('end-sessions'), staffUserId: z.uuid() }),
  z.object({ intent: z.literal('disable'), staffUserId: z.uuid() }),
  z.object({ intent: z.literal('enable'), staffUserId: z.uuid() }),
  z.object({ intent: z.literal('set-roles'), staffUserId: z.uuid(), roles }),
  z.object({
    intent: z.literal('invite'),
    name: z.string().trim().min(1, 'nameRequired').max(200, 'nameTooLong'),
    email: z.email('emailInvalid').max(320, 'emailInvalid'),
    roles: roles.min(1, 'rolesRequired'),
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
