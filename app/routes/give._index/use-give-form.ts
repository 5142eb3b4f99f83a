// The give form's Conform state, with the types its sections share (the form and its fieldsets
// import them from here, so the sections never import the form back).
import { useForm, type DefaultValue, type SubmissionResult } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import { useMemo } from 'react';
import { createGiveSchema, type GiveFormOutput, type GiveFormValues } from '~/giving/give-schema.ts';
import type { GivePageData } from './give-page.server.ts';

const GIVE_FORM_ID = 'give';

export function useGiveForm({ defaultValue, constraint }: GivePageData, lastResult: SubmissionResult<string[]> | undefined) {
  const schema = useMemo(() => createGiveSchema(), []);
  return useForm<GiveFormValues, GiveFormOutput>({
    id: GIVE_FORM_ID,
    lastResult,
    // Loader values are strings by construction (give-page.server.ts); Conform reads them as form text.
    defaultValue: defaultValue as DefaultValue<GiveFormValues>,
    constraint,
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
}

export type GiveFormMetadata = ReturnType<typeof useGiveForm>[0];
export type GiveFields = ReturnType<typeof useGiveForm>[1];

/** The current choices the sections react to (shown options, quick amounts, the fee). */
export interface LiveValues {
  /** False on the server and before hydration: everything that needs JavaScript stays out. */
  hydrated: boolean;
  currency?: string;
  amount?: string;
  frequency?: string;
  earmark?: string;
  donorType?: string;
}
