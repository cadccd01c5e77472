import { describe, expect, it } from 'vitest';
import { api } from './helpers/api';
import { token } from './helpers/tokens';

const PARTNER = 'https://rdv.partenaire.example';
const client = api({ env: { CORS_ORIGINS: `${PARTNER}, https://autre.example` } });

const preflight = (origin: string) =>
  client.request('OPTIONS', '/v1/bookings', {
    headers: {
      origin,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'authorization,content-type,idempotency-key',
    },
  });

describe('CORS', () => {
  it('answers the preflight of a listed origin with the methods and headers the API uses', async () => {
    const res = await preflight(PARTNER);
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe(PARTNER);
    expect(res.headers.get('access-control-allow-methods')).toBe('GET,POST,DELETE,PATCH');
    expect(res.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('idempotency-key');
    expect(res.headers.get('vary')).toContain('Origin');
  });

  it('gives another origin nothing', async () => {
    const res = await preflight('https://evil.example');
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    expect(res.headers.get('access-control-allow-methods')).toBeNull();
    const get = await client.request('GET', '/health', { headers: { origin: 'https://evil.example' } });
    expect(get.status).toBe(200);
    expect(get.headers.get('access-control-allow-origin')).toBeNull();
    expect(get.headers.get('vary')).toContain('Origin');
  });

  it('exposes the headers a client reads, on answers and on problems', async () => {
    const ok = await client.request('GET', '/health', { headers: { origin: PARTNER } });
    expect(ok.headers.get('access-control-allow-origin')).toBe(PARTNER);
    const exposed = ok.headers.get('access-control-expose-headers')!.split(',');
    for (const h of ['RateLimit', 'RateLimit-Policy', 'Retry-After', 'Idempotent-Replayed', 'X-Request-Id', 'Location'])
      expect(exposed).toContain(h);
    const problem = await client.request('GET', '/v1/bookings', { headers: { origin: PARTNER } });
    expect(problem.status).toBe(401);
    expect(problem.headers.get('access-control-allow-origin')).toBe(PARTNER);
  });

  it('no origin is allowed when none is configured', async () => {
    const res = await api().request('OPTIONS', '/v1/bookings', {
      headers: { origin: PARTNER, 'access-control-request-method': 'POST' },
    });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('Cache-Control', () => {
  it('authenticated answers and problems are no-store; anonymous reference reads are not forced to', async () => {
    const me = await client.get('/v1/me', await token('patient'));
    expect(me.status).toBe(200);
    expect(me.headers.get('cache-control')).toBe('no-store');
    const anonymous = await client.get('/health');
    expect(anonymous.headers.get('cache-control')).not.toBe('no-store');
    const problem = await client.get('/v1/me');
    expect(problem.headers.get('cache-control')).toBe('no-store');
  });
});
