// The erase form's one field: the donor ticks that they understand it cannot be undone. Checked the
// same way in the browser and by the action (zod/mini: it reaches the browser); messages are keys
// of the account-data namespace.
import * as z from 'zod/mini';

export const eraseSchema = z.object({
  confirm: z.literal('yes', { error: 'erase.errors.confirm' }),
});
