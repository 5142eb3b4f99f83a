// The allocation form (decision 025), shared by the browser (Conform) and the action. Error
// messages are keys of the `allocation` namespace.
import { z } from 'zod';
import { parseAmount } from '~/platform/money.ts';

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

/** A pool as the form names it: GENERAL_PURPOSE, or PROGRAMME / REGULAR_BUDGET with the programme's id. */
export const POOL_CHOICE = new RegExp(`^(GENERAL_PURPOSE|(PROGRAMME|REGULAR_BUDGET):${UUID})$`);

export const allocationSchema = z.object({
  pool: z.string({ error: 'form.errors.poolRequired' }).regex(POOL_CHOICE, 'form.errors.poolRequired'),
  projectId: z.uuid({ error: 'form.errors.projectRequired' }),
  year: z
    .number({ error: 'form.errors.yearInvalid' })
    .int('form.errors.yearInvalid')
    .min(2000, 'form.errors.yearInvalid')
    .max(2100, 'form.errors.yearInvalid'),
  // USD as people type it ("100,000", "2500.50"); parsed to minor units by string arithmetic (money.ts)
  amount: z
    .string({ error: 'form.errors.amountRequired' })
    .trim()
    .refine((text) => isPositiveUsd(text), 'form.errors.amountInvalid'),
  note: z.string().trim().max(500, 'form.errors.noteTooLong').optional(),
});

export type AllocationForm = z.infer<typeof allocationSchema>;

/** The pool and programme a POOL_CHOICE names. */
export function parsePoolChoice(choice: string): { pool: 'GENERAL_PURPOSE' | 'PROGRAMME' | 'REGULAR_BUDGET'; programmeId: string | null } {
  const [pool, programmeId] = choice.split(':') as ['GENERAL_PURPOSE' | 'PROGRAMME' | 'REGULAR_BUDGET', string | undefined]; // POOL_CHOICE checked it
  return { pool, programmeId: programmeId ?? null };
}

function isPositiveUsd(text: string): boolean {
  try {
    return parseAmount(text, 'USD') > 0n;
  } catch {
    return false;
  }
}
