// Bodies are refused by their declared size before anything reads them: 413 over the limit,
// 411 for a chunked write of unknown size, in the reader's language; small writes go on.
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FORM_BODY_LIMIT_BYTES, requestSizeLimit } from '~/platform/request-size-limit.server.ts';
import { listen, rawRequest, type RawRequest } from './edge-harness.ts';

let port = 0;
let bodiesRead = 0;
let close = () => {};

beforeAll(async () => {
  const app = express();
  app.use(requestSizeLimit({ limitFor: (path) => (path === '/upload' ? 1024 * 1024 : FORM_BODY_LIMIT_BYTES) }));
  app.all('*', (req, res) => {
    let size = 0;
    req.on('data', (chunk: Buffer) => (size += chunk.length));
    req.on('end', () => {
      bodiesRead += 1;
      res.type('text/plain').send(`read ${size}`);
    });
  });
  ({ port, close } = await listen(app));
});

afterAll(() => close());

const send = (args: Omit<RawRequest, 'port'>) => rawRequest({ port, method: 'POST', path: '/login', ...args });

describe('request size limit', () => {
  it('lets a form-sized write through and its body be read', async () => {
    const before = bodiesRead;
    const result = await send({ body: Buffer.alloc(FORM_BODY_LIMIT_BYTES, 'a') });
    expect(result).toMatchObject({ status: 200, text: `read ${FORM_BODY_LIMIT_BYTES}` });
    expect(bodiesRead).toBe(before + 1);
  });

  it('answers 413 to a body over the limit without reading it, and closes the connection', async () => {
    const before = bodiesRead;
    const result = await send({ body: Buffer.alloc(FORM_BODY_LIMIT_BYTES + 1, 'a') });
    expect(result.status).toBe(413);
    expect(result.text).toBe('The data sent is larger than this form accepts (64 KB at most). Nothing was saved.');
    expect(result.connection).toBe('close');
    expect(bodiesRead).toBe(before);
  });

  it('answers in the reader’s language', async () => {
    const result = await send({ body: Buffer.alloc(100_000), headers: { 'accept-language': 'ar,en;q=0.5' } });
    expect(result.status).toBe(413);
    expect(result.text).toContain('لم يُحفظ أي شيء');
    const french = await send({ path: '/login?lng=fr', body: Buffer.alloc(100_000) });
    expect(french.text).toContain('Rien n’a été enregistré');
  });

  it('answers 411 to a chunked write, whose size is unknown until read', async () => {
    const before = bodiesRead;
    const result = await send({ chunked: true, body: Buffer.alloc(10) });
    expect(result.status).toBe(411);
    expect(result.text).toContain('did not say how large it was');
    expect(bodiesRead).toBe(before);
  });

  it('uses the limit of the route: a larger one where it is given', async () => {
    expect((await send({ path: '/upload', body: Buffer.alloc(200_000) })).status).toBe(200);
    expect((await send({ path: '/login', body: Buffer.alloc(200_000) })).status).toBe(413);
  });

  it('refuses a malformed length', async () => {
    const result = await send({ headers: { 'content-length': '12abc' } });
    // Node's HTTP parser itself rejects it (400) before any handler; either way nothing is read.
    expect([400, 413]).toContain(result.status);
  });
});
