// The donor types a donor can choose for themself (the give form, the account's profile page), how
// they map to the database's, and the public name a profile shows. Pure: the browser uses it too.

/** The types a donor chooses between; member states and intergovernmental bodies are set by staff. */
export const givingDonorTypes = ['individual', 'company', 'foundation'] as const;
export type GivingDonorType = (typeof givingDonorTypes)[number];

/** The chosen types as the database's. */
export const donorTypeColumn = { individual: 'INDIVIDUAL', company: 'COMPANY', foundation: 'FOUNDATION' } as const;

/** The chosen type of a database type, or undefined for a type a donor cannot choose. */
export function givingDonorTypeOf(type: string): GivingDonorType | undefined {
  return givingDonorTypes.find((kind) => donorTypeColumn[kind] === type);
}

/** A company's or foundation's name when given; otherwise the person's. */
export function donorDisplayName(donor: {
  donorType: GivingDonorType;
  givenName: string;
  familyName: string;
  organisationName?: string | undefined;
}): string {
  if (donor.donorType !== 'individual' && donor.organisationName) return donor.organisationName;
  return `${donor.givenName} ${donor.familyName}`.trim();
}
