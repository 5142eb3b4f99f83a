// The form posts of /staff/finance/bank (one action, an `intent` field): import a file, register
// an account, match or split a credit, set it aside. Input is checked with Zod; a refusal comes
// back as a translated message with 400 and changes nothing.
import { z } from 'zod';
import { getT } from '~/platform/i18n.server.ts';
import type { Locale } from '~/platform/i18n.ts';
import { MoneyError, isSupportedCurrency, parseAmount } from '~/platform/money.ts';
import { saveBankAccount } from './bank-account-commands.server.ts';
import { BankFileError } from './bank-file-error.ts';
import { importBankFile } from './bank-import-commands.server.ts';
import {
  BankMatchError,
  markBankEntryNotContribution,
  markBankEntryReturned,
  matchBankEntry,
  undoBankMatch,
} from './bank-match-commands.server.ts';
import { findBankEntryCurrency, findInstalmentByReference } from './bank-review-queries.server.ts';
import { csvMappingSchema } from './csv-statement-parser.ts';

const text = z.string().trim();
const actionSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('import'), account: text.optional(), format: z.enum(['camt', 'csv', '']).optional() }),
  z.object({
    intent: z.literal('account'),
    iban: text.transform((value) => value.replace(/\s/g, '').toUpperCase()).pipe(z.string().regex(/^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/)),
    currency: text.toUpperCase().refine(isSupportedCurrency),
    name: text.min(1).max(200),
    csvMapping: text.max(4000).optional(),
  }),
  z.object({
    intent: z.literal('match'),
    entryId: z.uuid(),
    instalment1: text.min(1),
    amount1: text.min(1),
    instalment2: text.optional(),
    amount2: text.optional(),
  }),
  z.object({ intent: z.literal('not-contribution'), entryId: z.uuid(), reason: text.min(3).max(500) }),
  z.object({ intent: z.literal('undo-match'), matchId: z.uuid(), reason: text.min(3).max(500) }),
  z.object({
    intent: z.literal('returned'),
    entryId: z.uuid(),
    returnedOn: z.iso.date().transform((day) => new Date(`${day}T00:00:00Z`)),
    bankReference: text.min(1).max(140),
  }),
]);

export type BankActionOutcome = { redirect: string } | { error: string };

export async function handleBankAction({
  formData,
  staffId,
  locale,
}: {
  formData: FormData;
  staffId: string;
  locale: Locale;
}): Promise<BankActionOutcome> {
  const t = getT(locale, ['bank']);
  const fields = Object.fromEntries([...formData.entries()].filter(([, value]) => typeof value === 'string'));
  const parsed = actionSchema.safeParse(fields);
  if (!parsed.success) return { error: t('errors.invalid') };
  const input = parsed.data;
  try {
    switch (input.intent) {
      case 'import': {
        const file = formData.get('file');
        if (!(file instanceof File) || file.size === 0) return { error: t('errors.noFile') };
        const result = await importBankFile({
          content: await file.text(),
          fileName: file.name,
          format: input.format || undefined,
          iban: input.account || undefined,
          staffId,
        });
        return { redirect: `?${new URLSearchParams(Object.entries(result).map(([key, value]) => [key, String(value)])).toString()}` };
      }
      case 'account': {
        let csvMapping = null;
        if (input.csvMapping) {
          const mapping = csvMappingSchema.safeParse(safeJson(input.csvMapping));
          if (!mapping.success) return { error: t('errors.mapping') };
          csvMapping = mapping.data;
        }
        await saveBankAccount({ iban: input.iban, currency: input.currency, name: input.name, csvMapping, staffId });
        return { redirect: '?done=account' };
      }
      case 'match': {
        const currency = await findBankEntryCurrency({ entryId: input.entryId });
        if (!currency) return { error: t('errors.entryNotFound') };
        const pairs = [[input.instalment1, input.amount1] as const];
        if (input.instalment2 || input.amount2) pairs.push([input.instalment2 ?? '', input.amount2 ?? '']);
        const parts = [];
        for (const [named, amount] of pairs) {
          const instalmentId = await findInstalmentByReference({ text: named });
          if (!instalmentId) return { error: t('errors.instalmentNotFound', { value: named }) };
          parts.push({ instalmentId, amountMinor: parseAmount(amount, currency) });
        }
        await matchBankEntry({ entryId: input.entryId, parts, staffId });
        return { redirect: '?done=matched' };
      }
      case 'not-contribution':
        await markBankEntryNotContribution({ entryId: input.entryId, reason: input.reason, staffId });
        return { redirect: '?done=set-aside' };
      case 'undo-match':
        await undoBankMatch({ matchId: input.matchId, reason: input.reason, staffId });
        return { redirect: '?done=undone' };
      case 'returned':
        await markBankEntryReturned({ entryId: input.entryId, returnedOn: input.returnedOn, bankReference: input.bankReference, staffId });
        return { redirect: '?done=returned' };
    }
  } catch (error) {
    if (error instanceof BankFileError) return { error: t('errors.file', { detail: error.message }) };
    if (error instanceof BankMatchError) return { error: t(`errors.${error.code}`) };
    if (error instanceof MoneyError) return { error: t('errors.amount') };
    throw error;
  }
}

function safeJson(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return null;
  }
}
