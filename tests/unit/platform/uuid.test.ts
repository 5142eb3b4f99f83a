// The one UUID check ids from URLs, forms and signed links go through before a query.
import { describe, expect, it } from 'vitest';
import { isUuid, UUID_PATTERN } from '~/platform/uuid.ts';

describe('isUuid', () => {
  it('takes a UUID in either case and nothing around it', () => {
    expect(isUuid('3f2b8c1e-9a4d-4e6f-8b7a-0c1d2e3f4a5b')).toBe(true);
    expect(isUuid('3F2B8C1E-9A4D-4E6F-8B7A-0C1D2E3F4A5B')).toBe(true);
    for (const text of [
      '',
      '3f2b8c1e-9a4d-4e6f-8b7a-0c1d2e3f4a5',
      '3f2b8c1e-9a4d-4e6f-8b7a-0c1d2e3f4a5bb',
      ' 3f2b8c1e-9a4d-4e6f-8b7a-0c1d2e3f4a5b',
      '3f2b8c1e9a4d4e6f8b7a0c1d2e3f4a5b',
      '3f2b8c1e-9a4d-4e6f-8b7a-0c1d2e3f4a5g',
      "3f2b8c1e-9a4d-4e6f-8b7a-0c1d2e3f4a5b' OR 1=1",
    ]) {
      expect(isUuid(text), text).toBe(false);
    }
    // The pattern keeps no state between calls (no g flag).
    expect([1, 2, 3].map(() => UUID_PATTERN.test('3f2b8c1e-9a4d-4e6f-8b7a-0c1d2e3f4a5b'))).toEqual([true, true, true]);
  });
});
