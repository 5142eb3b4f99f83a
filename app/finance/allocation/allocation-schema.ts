// The allocation form (decision 025), shared by the browser (Conform) and the action. Error
// messages are keys of the `allocation` namespace. Written with zod/mini: the browser chunk the
// staff forms share with /give must not pull in full Zod (decision 012's budget).
import * as z from 'zod/mini';
import { parseAmount } from '~/platform/money.ts';
import { UUID_SOURCE } from '~/platform/uuid.ts';

/** A pool as the form names it: GENERAL_PURPOSE, or PROGRAMME / REGULAR_BUDGET with the programme's id. */
export const POOL_CHOICE = new RegExp(`^(GENERAL_PURPOSE|(PROGRAMME|REGULAR_BUDGET):${UUID_SOURCE})$`);

const UUID_ONLY = new RegExp(`^${UUID_SOURCE}$`);

export const allocationSchema = z.object({
  pool: z.string({ error: 'form.errors.poolRequired' }).check(z.regex(POOL_CHOICE, 'form.errors.poolRequired')),
  projectId: z.string({ error: 'form.errors.projectRequired' }).check(z.regex(UUID_ONLY, 'form.errors.projectRequired')),
  year: z
    .number({ error: 'form.errors.yearInvalid' })
    .check(z.refine((year) => Number.isInteger(year) && year >= 2000 && year <= 2100, 'form.errors.yearInvalid')),
  // USD as people type it ("100,000", "2500.50"); parsed to minor units by string arithmetic (money.ts)
  amount: z.string({ error: 'form.errors.amountRequired' }).check(z.trim(), z.refine(isPositiveUsd, 'form.errors.amountInvalid')),
  note: z.optional(z.string().check(z.trim(), z.maxLength(500, 'form.errors.noteTooLong'))),
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
