import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publicPageCache } from '~/platform/cache/page-cache.server.ts';
import {
  enablePublicDataCache,
  isPublicDataCacheActive,
  cachedPublicData,
  stopPublicDataCache,
} from '~/platform/cache/public-data-cache.server.ts';
import { getPrisma } from '~/platform/db.server.ts';

let renders = 0;
let origin = '';
let close: () => void;

beforeAll(async () => {
  enablePublicDataCache();
  await cachedPublicData('warm-up', async () => 1); // connects the change listener
  for (let i = 0; i < 100 && !isPublicDataCacheActive(); i += 1) await new Promise((done) => setTimeout(done, 20));
  const app = express();
  let nonceCounter = 0;
  app.use((_req, res, next) => {
    res.locals.cspNonce = `nonce${(nonceCounter += 1)}`;
    next();
  });
  app.use(publicPageCache({ isPublicPage: (path) => path.startsWith('/public'), sessionCookie: 'portal_session' }));
  app.get('*', (req, res) => {
    renders += 1;
    if (req.query.lng) res.set('Set-Cookie', `lng=${String(req.query.lng)}`);
    res.set('Content-Security-Policy', `script-src 'nonce-${String(res.locals.cspNonce)}'`);
    res.type('html').write(`<script nonce="${String(res.locals.cspNonce)}"></script>`);
    res.end(`<p>render ${renders}</p>`);
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((done) => server.once('listening', done));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = () => server.close();
});

afterAll(async () => {
  close();
  await stopPublicDataCache();
});

const get = (path: string, headers: Record<string, string> = {}) =>
  fetch(`${origin}${path}`, { headers }).then(async (r) => ({
    body: await r.text(),
    cache: r.headers.get('x-page-cache'),
    csp: r.headers.get('content-security-policy'),
  }));

describe('public page cache', () => {
  it('serves a second request from memory with that request’s own nonce', async () => {
    const first = await get('/public/a');
    const second = await get('/public/a');
    expect(second.body.replace(/nonce\d+/, 'N')).toBe(first.body.replace(/nonce\d+/, 'N'));
    expect(second.cache).toBe('hit');
    const secondNonce = second.body.match(/nonce\d+/)![0];
    expect(first.body.match(/nonce\d+/)![0]).not.toBe(secondNonce);
    // The replayed security header carries the same fresh nonce as the body.
    expect(second.csp).toBe(`script-src 'nonce-${secondNonce}'`);
  });

  it('keys pages by language inputs and never caches private or cookie-setting responses', async () => {
    const english = await get('/public/b', { 'accept-language': 'en' });
    const french = await get('/public/b', { 'accept-language': 'fr' });
    expect(french.body).not.toBe(english.body);
    expect((await get('/public/c', { cookie: 'portal_session=abc' })).cache).toBeNull();
    expect((await get('/public/c', { cookie: 'portal_session=abc' })).cache).toBeNull();
    await get('/public/d?lng=fr');
    expect((await get('/public/d?lng=fr')).cache).toBeNull();
    await get('/private');
    expect((await get('/private')).cache).toBeNull();
  });

  it('drops pages when public data changes in the database', async () => {
    await get('/public/e');
    expect((await get('/public/e')).cache).toBe('hit');
    await getPrisma().fxRate.create({ data: { currency: 'EUR', month: new Date('2020-01-01'), usdRate: '1.1' } });
    let cache: string | null = 'hit';
    for (let i = 0; i < 100 && cache === 'hit'; i += 1) {
      await new Promise((done) => setTimeout(done, 20));
      cache = (await get('/public/e')).cache;
    }
    expect(cache).toBeNull();
  });
});
