// The account sign-in form's one field, checked the same way in the browser and by the action.
// zod/mini: the schema reaches the browser. Messages are keys of the account namespace.
import * as z from 'zod/mini';

export const accountSignInSchema = z.object({
  email: z.pipe(
    z.string({ error: 'signIn.errors.emailRequired' }).check(z.trim(), z.maxLength(254, 'signIn.errors.emailInvalid')),
    z.email({ error: 'signIn.errors.emailInvalid' }),
  ),
});

// Bots fill every field; people never see this one.
export const ACCOUNT_HONEYPOT_FIELD = 'website';
