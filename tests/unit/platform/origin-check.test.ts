// CSRF at the edge: writes from another origin, or addressed to a host that is not the Origin's,
// get a clear 403 (the second used to be a 500 from Remix's own check); reads and same-origin
// writes go on.
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { originCheck } from '~/platform/origin-check.server.ts';
import { listen, rawRequest } from './edge-harness.ts';

let port = 0;
let close = () => {};
let appOrigin = '';

beforeAll(async () => {
  const app = express();
  // The portal's origin names the port, known once listening; Express takes middleware added after.
  ({ port, close } = await listen(app));
  appOrigin = `http://localhost:${port}`;
  app.use(originCheck({ appOrigin }));
  app.all('*', (_req, res) => void res.type('text/plain').send('reached'));
});

afterAll(() => close());

const send = async (method: string, headers: Record<string, string>, path = '/give') => {
  const { status, text } = await rawRequest({ port, method, path, headers });
  return { status, text };
};

const refused =
  'This form was sent from another site or to another address, so it was refused. Open the page on this site and send it again.';

describe('origin check', () => {
  it('lets same-origin writes, writes without Origin (actions check again) and reads through', async () => {
    const host = `localhost:${port}`;
    expect((await send('POST', { origin: appOrigin, host })).text).toBe('reached');
    expect((await send('POST', { host })).text).toBe('reached');
    expect((await send('GET', { origin: 'https://evil.example', host })).text).toBe('reached');
  });

  it('refuses a write from another origin', async () => {
    expect(await send('POST', { origin: 'https://evil.example', host: `localhost:${port}` })).toEqual({ status: 403, text: refused });
    expect((await send('POST', { origin: 'null', host: `localhost:${port}` })).status).toBe(403);
  });

  it('refuses a write whose Host (or X-Forwarded-Host) is not the Origin’s, in the reader’s language', async () => {
    expect(await send('POST', { origin: appOrigin, host: `127.0.0.1:${port}` })).toEqual({ status: 403, text: refused });
    expect((await send('POST', { origin: appOrigin, host: `localhost:${port}`, 'x-forwarded-host': 'other.example' })).status).toBe(403);
    expect((await send('POST', { origin: appOrigin, host: 'other.example', 'x-forwarded-host': `localhost:${port}` })).text).toBe(
      'reached',
    );
    expect((await send('DELETE', { origin: appOrigin, host: `127.0.0.1:${port}`, 'accept-language': 'ru' })).text).toContain('отклонена');
  });

  it('lets signed webhooks through whatever their Origin: their signature authenticates them', async () => {
    const host = `localhost:${port}`;
    expect((await send('POST', { origin: 'https://api.resend.com', host }, '/webhooks/resend')).text).toBe('reached');
    expect((await send('POST', { origin: 'https://evil.example', host }, '/webhooks-not/resend')).status).toBe(403);
  });
});
