// The share of a card gift asked for when the donor offers to cover the processing fee. Here
// because the give form (giving) and the "how your money is used" page (trust) both state it.

/** Percentage of a card gift asked for when the donor offers to cover the processing fee. */
export const PROCESSING_FEE_PERCENT = 3n;
