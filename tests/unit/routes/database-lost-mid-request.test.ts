// Issue #11 item 1: a loader or action that loses PostgreSQL before the readiness watcher noticed
// answers the translated 503 page with Retry-After (documents and single-fetch data requests),
// not a 500; any other error keeps Remix's own response.
import type { AppLoadContext, EntryContext } from '@remix-run/node';
import { describe, expect, it, vi } from 'vitest';
import handleRequest, { handleDataRequest, handleError } from '~/entry.server.tsx';

const lostConnection = Object.assign(new Error('Connection terminated unexpectedly'), { code: undefined });

function request(path: string, headers: Record<string, string> = {}) {
  return new Request(`http://portal.test${path}`, { headers });
}

describe('a request that lost the database', () => {
  it('answers a single-fetch data request with 503, Retry-After and the page in the reader’s language', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const lost = request('/programmes.data', { 'accept-language': 'fr' });
    handleError(lostConnection, { request: lost });
    const original = new Response('turbo-stream', { status: 500 });
    const response = await handleDataRequest(original, { request: lost });
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('10');
    expect(response.headers.get('cache-control')).toBe('no-store');
    const body = await response.text();
    expect(body).toContain('<html lang="fr" dir="ltr">');
    expect(errors.mock.calls.join('\n')).toContain('database unreachable during GET /programmes.data');
    errors.mockRestore();
  });

  it('answers a document request with the 503 page, Arabic right to left', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const lost = request('/give?lng=ar');
    handleError(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }), { request: lost });
    const response = await handleRequest(lost, 500, new Headers(), {} as EntryContext, { cspNonce: 'n' } as AppLoadContext);
    expect(response.status).toBe(503);
    expect(await response.text()).toContain('<html lang="ar" dir="rtl">');
    errors.mockRestore();
  });

  it('leaves other errors and other requests to Remix', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const failed = request('/programmes.data');
    handleError(new Error('a bug in a loader'), { request: failed });
    const original = new Response('turbo-stream', { status: 500 });
    expect(await handleDataRequest(original, { request: failed })).toBe(original);
    expect(await handleDataRequest(original, { request: request('/funding.data') })).toBe(original);
    expect(errors).toHaveBeenCalledWith(expect.objectContaining({ message: 'a bug in a loader' }));
    errors.mockRestore();
  });
});
