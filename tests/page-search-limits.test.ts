// The anonymous page search costs CPU and a database read before any zone is known: its length is
// checked first, then it spends the caller's reads (the same budget as GET /v1/communes). Budgets
// belong to who is acting: a signed-in patient as that patient, never as an address nor as a
// Bearer token sent alongside the cookie; anonymous IPv6 callers by their /64.
import { beforeAll, describe, expect, it } from 'vitest';
import { api } from './helpers/api';
import { Browser } from './helpers/browser';
import { bookableZone } from './helpers/fixtures';
import { token } from './helpers/tokens';

const now = new Date('2026-12-01T08:00:00Z');
const html = { accept: 'text/html' };

/** A stand-in for the Workers rate-limiting binding that records each key and admits while told to. */
function recordingLimiter(admit = true) {
  const keys: string[] = [];
  return {
    keys,
    binding: {
      limit: async ({ key }: { key: string }) => (keys.push(key), { success: admit }),
    } as unknown as RateLimit,
  };
}

const hex = () => Math.floor(Math.random() * 0xffff).toString(16);

describe('the page search checks its length before anything else', () => {
  it('refuses 15 KB of q with a French message, without a read spent or a database round trip', async () => {
    const reads = recordingLimiter();
    const client = api({ now, env: { READ_RATE_LIMITER: reads.binding } });
    for (const q of [`zq${' '.repeat(15_000)}b`, `${'zq'.repeat(7_500)} (40410)`, `zq${'x'.repeat(79)}`]) {
      const res = await client.request('GET', `/recherche?q=${encodeURIComponent(q)}`, { headers: html });
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toContain('text/html');
      expect(res.body).toContain('Ce texte est trop long');
      expect(res.body).not.toContain('zq'); // what was typed is not echoed back
      expect(res.headers.get('x-db-queries')).toBe('0');
    }
    // A duplicate q cannot slip the long one past the check: the first is the one read.
    expect((await client.request('GET', `/recherche?q=${'a'.repeat(100)}&q=Pissos`, { headers: html })).status).toBe(
      400,
    );
    expect(reads.keys).toEqual([]);
    const typed = await client.request('GET', `/recherche?q=${encodeURIComponent('  Pissos (40410)  ')}`, {
      headers: html,
    });
    expect(typed.status).toBeLessThan(500);
    expect(reads.keys).toHaveLength(1);
  });
});

describe('page searches spend reads like GET /v1/communes', () => {
  it('are refused past the budget with a French page and Retry-After, before reading the database', async () => {
    const client = api({ now, env: { READ_RATE_LIMITER: recordingLimiter(false).binding } });
    const res = await client.request('GET', '/recherche?q=Pissos', {
      headers: { ...html, 'cf-connecting-ip': '198.51.100.9' },
    });
    expect(res.status).toBe(429);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(res.body).toContain('Trop de recherches en peu de temps');
    expect(res.headers.get('retry-after')).toBe('60');
    expect(res.headers.get('x-db-queries')).toBe('0');
  });

  it('share one budget per address with the API’s reference reads (the real binding)', async () => {
    // The binding counts in fixed one-minute windows: start well inside one.
    const msLeft = 60_000 - (Date.now() % 60_000);
    if (msLeft < 15_000) await new Promise((resolve) => setTimeout(resolve, msLeft + 100));
    const client = api({ now });
    const address = `2001:db8:${hex()}:${hex()}::1`;
    const answers = await Promise.all(
      Array.from({ length: 300 }, () =>
        client.request('GET', '/openapi.json', { headers: { 'cf-connecting-ip': address } }),
      ),
    );
    expect(answers.every((r) => r.status === 200)).toBe(true);
    // Another address of the same /64: the same budget, now spent, on the pages too.
    const page = await client.request('GET', '/recherche?q=Pissos', {
      headers: { ...html, 'cf-connecting-ip': address.replace(/::1$/, '::2') },
    });
    expect(page.status).toBe(429);
    expect(page.body).toContain('Trop de recherches en peu de temps');
    expect(
      (await client.request('GET', '/recherche?q=Pissos', { headers: { ...html, 'cf-connecting-ip': '203.0.113.78' } }))
        .status,
    ).toBe(200);
  }, 60_000);
});

describe('whose budget a request spends', () => {
  beforeAll(async () => {
    // Wakes the limiters: a first call slower than 250 ms fails open and sends no headers.
    await api({ now }).get('/v1/slots?commune=40227');
  });

  it('anonymous addresses: IPv4 as is, IPv4-mapped IPv6 as its IPv4, IPv6 by its /64', async () => {
    const reads = recordingLimiter();
    const client = api({ now, env: { READ_RATE_LIMITER: reads.binding } });
    const prefix = `2001:db8:${hex()}:${hex()}`;
    for (const ip of [
      '198.51.100.7',
      '::ffff:198.51.100.7',
      `${prefix}::1`,
      `${prefix}:ffff:1:2:3`,
      `${prefix.toUpperCase()}:0:0:0:9`,
      '2001:db8:1:2::1',
    ]) {
      expect(
        (await client.request('GET', '/v1/communes?q=pissos', { headers: { 'cf-connecting-ip': ip } })).status,
      ).toBe(200);
    }
    const expected = `ip:${prefix.replace(/:0+([0-9a-f])/g, ':$1')}::/64`;
    expect(reads.keys).toEqual([
      'ip:198.51.100.7',
      'ip:198.51.100.7',
      expected,
      expected,
      expected,
      'ip:2001:db8:1:2::/64',
    ]);
  });

  it('anonymous searches: every address of one /64 spends the same budget, on every door', async () => {
    const client = api({ now });
    const { zone } = await bookableZone(client);
    const prefix = `2001:db8:${hex()}:${hex()}`;
    const from = (ip: string) =>
      client.request('GET', `/v1/slots?epci=${zone.siren}`, { headers: { 'cf-connecting-ip': ip } });
    for (let i = 1; i <= 60; i++) expect((await from(`${prefix}::${i.toString(16)}`)).status).toBe(200);
    expect((await from(`${prefix}:1:2:3:4`)).status).toBe(429);
    // The same budget on the pages and on FHIR: one address is one caller, whichever door it uses.
    const page = await client.request('GET', `/recherche?epci=${zone.siren}`, {
      headers: { ...html, 'cf-connecting-ip': `${prefix}::abc` },
    });
    expect(page.status).toBe(429);
    expect(page.body).toContain('Trop de recherches en peu de temps');
    const fhir = await client.request(
      'GET',
      `/fhir/Slot?status=free&start=ge2026-12-10&start=le2026-12-11&zone=${zone.siren}`,
      { headers: { 'cf-connecting-ip': `${prefix}::abd` } },
    );
    expect(fhir.status).toBe(429);
    expect(fhir.body.resourceType).toBe('OperationOutcome');
    expect((await from(`2001:db8:${hex()}:${hex()}::1`)).status).toBe(200);
  });

  it('a signed-in patient on the pages is limited as that patient; a Bearer token sent alongside lends nothing', async () => {
    const reads = recordingLimiter();
    const client = api({ now, env: { READ_RATE_LIMITER: reads.binding } });
    const { zone } = await bookableZone(client);
    const integrator = await token('integrator', { client_id: `app-${crypto.randomUUID()}` });
    const bearer = { authorization: `Bearer ${integrator}` };
    const address = { 'cf-connecting-ip': '198.51.100.23' };

    // Anonymous, with and without a partner's token: the address's budgets, the anonymous policy.
    const anonymous = await client.request('GET', `/recherche?epci=${zone.siren}`, {
      headers: { ...html, ...address },
    });
    const lent = await client.request('GET', `/recherche?epci=${zone.siren}`, {
      headers: { ...html, ...address, ...bearer },
    });
    for (const res of [anonymous, lent]) {
      expect(res.status).toBe(200);
      expect(res.headers.get('ratelimit-policy')).toContain('"caller-total";q=60;w=30');
    }
    expect(reads.keys).toEqual(['ip:198.51.100.23', 'ip:198.51.100.23']);

    // Signed in: the patient's budgets, with or without the token beside the cookie.
    const browser = new Browser(client);
    expect((await browser.signIn('/')).status).toBe(303);
    for (const headers of [address, { ...address, ...bearer }]) {
      const res = await browser.get(`/recherche?epci=${zone.siren}`, { ...html, ...headers });
      expect(res.status).toBe(200);
      expect(res.headers.get('ratelimit-policy')).toContain('"caller-total";q=60;w=60');
      expect(res.headers.get('ratelimit-policy')).toContain('"caller";q=30;w=60');
    }
    const [first, second] = reads.keys.slice(2);
    expect(first).toMatch(/^patient:fc:[0-9a-f]+$/);
    expect(second).toBe(first);
  });
});
