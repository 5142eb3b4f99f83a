// A UUID as the database stores ids. Ids from URLs, forms and signed links are checked against it
// before they reach a query: a malformed one there is a database error, where "not found" is meant.
export const UUID_SOURCE = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
/** A whole string that is a UUID, in either case (PostgreSQL reads both). */
export const UUID_PATTERN = new RegExp(`^${UUID_SOURCE}$`, 'i');

export function isUuid(value: string): boolean {
  return UUID_PATTERN.test(value);
}
