// The profile form of /account/profile (issue #14 item 6), checked the same way in the browser and
// by the action (zod/mini: it reaches the browser). Names, organisation, tax number and country
// follow the give form's rules (its schema pieces, its give:errors.* messages); the donor type is
// absent for donors the give form cannot describe (member states, intergovernmental bodies), who
// keep theirs.
import * as z from 'zod/mini';
import { givingDonorTypes } from '~/ledger/donor-profile.ts';
import { reportFrequencies } from '~/ledger/report-frequency.ts';
import { checkbox, countryCodeField, optionalText, requiredName } from '~/platform/form-fields.ts';
import { locales } from '~/platform/i18n.ts';

const fields = z.object({
  donorType: z.optional(z.enum(givingDonorTypes, { error: 'errors.donorTypeInvalid' })),
  givenName: requiredName(),
  familyName: requiredName(),
  organisationName: optionalText(200),
  organisationId: optionalText(100),
  countryCode: countryCodeField(),
  isAnonymous: checkbox,
  locale: z.enum(locales, { error: 'errors.invalid' }),
  reportFrequency: z.enum(reportFrequencies, { error: 'errors.invalid' }),
  consentImpactReports: checkbox,
  consentAppeals: checkbox,
});

/** Companies and foundations give their organisation's name, as on the give form. */
export const profileSchema = fields.check(
  z.superRefine((value: z.output<typeof fields>, ctx) => {
    if (value.donorType && value.donorType !== 'individual' && !value.organisationName) {
      ctx.addIssue({ code: 'custom', path: ['organisationName'], message: 'errors.organisationRequired' });
    }
  }),
);

/** The form's field names: the only ones the action reads (and echoes back on an error). */
export const profileFieldNames = Object.keys(fields.shape) as (keyof typeof fields.shape)[];

export type ProfileFormValues = z.input<typeof profileSchema>;
export type ProfileFormOutput = z.output<typeof profileSchema>;
