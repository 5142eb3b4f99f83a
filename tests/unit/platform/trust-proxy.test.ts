// Who the client is, for the rate limits: X-Forwarded-For counts only from the proxies TRUST_PROXY
// names. Without it (the default in every mode) a client cannot pick its own address.
import express from 'express';
import { describe, expect, it } from 'vitest';
import { parseEnv } from '~/platform/env.server.ts';
import { listen } from './edge-harness.ts';

/** The address Express sees for a request from 127.0.0.1 carrying `forwardedFor`, under `TRUST_PROXY`. */
async function clientIpSeen(trustProxy: string | undefined, forwardedFor: string): Promise<string> {
  const app = express();
  app.set('trust proxy', parseEnv({ TRUST_PROXY: trustProxy }).TRUST_PROXY ?? false);
  app.get('/', (req, res) => void res.type('text/plain').send(req.ip));
  const { port, close } = await listen(app);
  try {
    return await (await fetch(`http://127.0.0.1:${port}/`, { headers: { 'X-Forwarded-For': forwardedFor } })).text();
  } finally {
    close();
  }
}

describe('TRUST_PROXY', () => {
  it('trusts no proxy by default: 24 forged addresses are one client', async () => {
    const seen = new Set<string>();
    for (let i = 1; i <= 24; i += 1) seen.add(await clientIpSeen(undefined, `203.0.113.${i}`));
    expect([...seen]).toEqual(['127.0.0.1']);
  });

  it('with one hop, the address the proxy added is the client', async () => {
    expect(await clientIpSeen('1', '198.51.100.1, 203.0.113.9')).toBe('203.0.113.9');
  });

  it('with a list, only a listed proxy is believed', async () => {
    expect(await clientIpSeen('10.0.0.0/8', '203.0.113.9')).toBe('127.0.0.1');
    expect(await clientIpSeen('loopback, 10.0.0.0/8', '203.0.113.9')).toBe('203.0.113.9');
    expect(await clientIpSeen('127.0.0.1', '203.0.113.9')).toBe('203.0.113.9');
  });

  it('refuses what is neither a hop count nor addresses', () => {
    for (const bad of ['true', '0', '11', '10.0.0.0/33', 'proxy.example.org', '10.0.0.1/8/1', '1.2.3']) {
      expect(() => parseEnv({ TRUST_PROXY: bad }), bad).toThrow(
        'Invalid environment variable TRUST_PROXY: must be a hop count (1–10) or a comma-separated list of proxy addresses or CIDRs',
      );
    }
    expect(parseEnv({ TRUST_PROXY: '::1, fd00::/8' }).TRUST_PROXY).toEqual(['::1', 'fd00::/8']);
  });
});
