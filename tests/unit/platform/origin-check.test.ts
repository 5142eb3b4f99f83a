// CSRF at the edge: writes from another origin, or addressed to a host that is not the Origin's,
// get a clear 403 (the second used to be a 500 from Remix's own check); reads and same-origin
// writes go on.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { originCheck } from '~/platform/origin-check.server.ts';

let port = 0;
let close = () => {};
let appOrigin = '';

beforeAll(async () => {
  const app = express();
  const server = app.listen(0, '127.0.0.1');
  await new Promise((done) => server.once('listening', done));
  port = (server.address() as AddressInfo).port;
  appOrigin = `http://localhost:${port}`;
  app.use(originCheck({ appOrigin }));
  app.all('*', (_req, res) => void res.type('text/plain').send('reached'));
  close = () => server.close();
});

afterAll(() => close());

function send(method: string, headers: Record<string, string>) {
  return new Promise<{ status: number; text: string }>((resolve, reject) => {
    const request = http.request({ host: '127.0.0.1', port, method, path: '/give', headers }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, text }));
    });
    request.on('error', reject);
    request.end();
  });
}

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
});
