// The staff form that starts a quarter's impact reports by hand (/staff/impact). Error messages
// are keys of the `staff-impact` namespace. zod/mini: staff forms share the browser's chunk.
import * as z from 'zod/mini';

export const triggerRunSchema = z.object({
  intent: z.literal('trigger'),
  period: z.string({ error: 'errors.period' }).check(z.trim(), z.regex(/^\d{4}-Q[1-4]$/, 'errors.period')),
});
