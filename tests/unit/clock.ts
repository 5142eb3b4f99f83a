// Loaders that default to "this year" read the clock when they run. A test that compared such a
// default with a year it worked out earlier would fail whenever the run straddles New Year's
// midnight (UTC); it asks instead which years the clock showed around the request (one, or two
// across midnight) and checks the page against the year the page itself shows.
export async function aroundRequest<T>(request: () => Promise<T>): Promise<{ result: T; clockYears: number[] }> {
  const before = new Date().getUTCFullYear();
  const result = await request();
  const after = new Date().getUTCFullYear();
  return { result, clockYears: before === after ? [before] : [before, after] };
}
