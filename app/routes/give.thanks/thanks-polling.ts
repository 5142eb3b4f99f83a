// How the thank-you page waits for the webhook: shared by its loader (the no-JavaScript refresh)
// and its component (revalidation), so both stop at the same point.
export const REFRESH_SECONDS = 3;
/** About two minutes of refreshing; webhooks normally arrive within seconds. */
export const MAX_POLLS = 40;
