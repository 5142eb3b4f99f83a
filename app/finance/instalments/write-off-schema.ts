// The "write off" form (decision 030), posted from /staff/finance/instalments and from a donor's
// record. Error messages are keys of the `instalments` namespace. zod/mini: staff forms share the
// browser chunk /give loads (decision 012's budget).
import * as z from 'zod/mini';
import { UUID_PATTERN } from '~/platform/uuid.ts';

export const REASON_MIN = 3;
export const REASON_MAX = 500;

export const writeOffSchema = z.object({
  intent: z.literal('write-off'),
  instalmentId: z.string().check(z.regex(UUID_PATTERN, 'errors.invalid')),
  // A fresh key per form shown: the same form submitted twice writes off once.
  requestKey: z.string().check(z.regex(UUID_PATTERN, 'errors.invalid')),
  reason: z
    .string({ error: 'errors.reasonRequired' })
    .check(z.trim(), z.minLength(REASON_MIN, 'errors.reasonRequired'), z.maxLength(REASON_MAX, 'errors.reasonTooLong')),
});

export type WriteOffForm = z.infer<typeof writeOffSchema>;
