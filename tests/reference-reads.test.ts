// Anonymous reads of reference data: cacheable (Cache-Control, strong ETag, 304 on If-None-Match)
// and limited per client address by the Workers rate-limiting binding of wrangler.toml.
import { describe, expect, it } from 'vitest';
import { api } from './helpers/api';
import { newSite, newZone } from './helpers/fixtures';
import { token } from './helpers/tokens';

const client = api();

describe('reference reads are cacheable', () => {
  it('answer Cache-Control and a strong ETag, and 304 to If-None-Match', async () => {
    const zone = await newZone(client);
    const site = await newSite(client, zone);
    const reads: Array<[string, string]> = [
      ['/v1/zones', 'public, max-age=300'],
      [`/v1/zones/${zone.siren}`, 'public, max-age=300'],
      ['/v1/tariffs', 'public, max-age=3600'],
      [`/v1/communes?postcode=${zone.postcode}`, 'public, max-age=86400'],
      [`/v1/communes/${zone.insee}`, 'public, max-age=86400'],
      [`/v1/sites?epci=${zone.siren}`, 'public, max-age=300'],
      [`/v1/sites/${site.id}`, 'public, max-age=300'],
      ['/openapi.json', 'public, max-age=3600'],
    ];
    for (const [path, cacheControl] of reads) {
      const first = await client.get(path);
      expect(first.status, path).toBe(200);
      expect(first.headers.get('cache-control'), path).toBe(cacheControl);
      const etag = first.headers.get('etag');
      expect(etag, path).toMatch(/^"[0-9a-f]+"$/);
      const again = await client.request('GET', path, { headers: { 'if-none-match': etag! } });
      expect(again.status, path).toBe(304);
      expect(again.body, path).toBeUndefined();
      expect(again.headers.get('etag'), path).toBe(etag);
      expect(again.headers.get('cache-control'), path).toBe(cacheControl);
      expect((await client.request('GET', path, { headers: { 'if-none-match': '"stale"' } })).status, path).toBe(200);
    }
  });

  it('the readiness probe is never cached; authenticated and failed reads are not made cacheable', async () => {
    const ready = await client.get('/ready');
    expect(ready.status).toBe(200);
    expect(ready.headers.get('cache-control')).toBe('no-store');
    expect(ready.headers.get('etag')).toBeNull();
    const authenticated = await client.get('/v1/zones', await token('admin'));
    expect(authenticated.status).toBe(200);
    // Authenticated answers are no-store (they may carry personal data), never public.
    expect(authenticated.headers.get('cache-control')).toBe('no-store');
    expect(authenticated.headers.get('etag')).toBeNull();
    const missing = await client.get('/v1/zones/999999999');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('cache-control')).toBe('no-store');
  });
});

describe('reference reads are limited per address', () => {
  it('answers 429 past an address’s budget while another address is fine', async () => {
    // The binding counts in fixed one-minute windows: start well inside one.
    const msLeft = 60_000 - (Date.now() % 60_000);
    if (msLeft < 10_000) await new Promise((resolve) => setTimeout(resolve, msLeft + 100));
    const address = `198.51.100.${Math.floor(Math.random() * 250) + 1}`;
    const read = (ip: string) => client.request('GET', '/openapi.json', { headers: { 'cf-connecting-ip': ip } });
    const answers = await Promise.all(Array.from({ length: 300 }, () => read(address)));
    expect(answers.every((r) => r.status === 200)).toBe(true);
    const refused = await read(address);
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ code: 'rate_limited', status: 429 });
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(refused.headers.get('retry-after')).toBe('60');
    expect(refused.headers.get('ratelimit-policy')).toBe('"address";q=300;w=60');
    expect((await read('203.0.113.77')).status).toBe(200);
  }, 60_000);
});
