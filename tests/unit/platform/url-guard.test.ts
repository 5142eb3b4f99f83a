// Bad URLs stop at the edge with a clear 4xx in the reader's language, never a 500 from deeper
// down (a NUL byte used to reach PostgreSQL, which refuses it).
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { urlGuard } from '~/platform/url-guard.server.ts';
import { listen, rawRequest } from './edge-harness.ts';

let port = 0;
let close = () => {};

beforeAll(async () => {
  const app = express();
  app.use(urlGuard());
  app.get('*', (req, res) => void res.type('text/plain').send(`reached ${req.path}`));
  ({ port, close } = await listen(app));
});

afterAll(() => close());

const get = async (path: string, headers: Record<string, string> = {}) => {
  const { status, text } = await rawRequest({ port, path, headers });
  return { status, text };
};

describe('URL guard', () => {
  it('lets ordinary addresses through, encoded letters in any script included', async () => {
    expect(await get('/programmes/corruption?year=2026&lng=ar')).toEqual({ status: 200, text: 'reached /programmes/corruption' });
    expect((await get('/funding?q=%D8%B9%D8%B1%D8%A8%D9%8A+text')).status).toBe(200);
  });

  it.each(['/programmes/%00', '/projects/X%00Y', '/funding?region=%00', '/give?givenName=a%0Db', '/x?y=%7F', '/%E0%A4%A'])(
    'refuses %s with 400',
    async (path) => {
      expect(await get(path)).toEqual({ status: 400, text: 'This address is not valid: check the link or type it again.' });
    },
  );

  it('refuses a URL over 4096 characters with 414', async () => {
    expect(await get(`/programmes?x=${'a'.repeat(5000)}`)).toEqual({ status: 414, text: 'This address is too long.' });
  });

  it('answers in the reader’s language', async () => {
    expect((await get('/programmes/%00', { 'accept-language': 'es' })).text).toBe(
      'Esta dirección no es válida: compruebe el enlace o escríbala de nuevo.',
    );
    expect((await get('/programmes/%00?lng=zh')).text).toBe('此网址无效：请检查链接或重新输入。');
  });
});
