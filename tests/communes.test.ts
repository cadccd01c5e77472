import { describe, expect, it } from 'vitest';
import { api } from './helpers/api';

const client = api();

describe('GET /v1/communes/{insee}', () => {
  it('returns a commune with its EPCI and whether it is a priority zone', async () => {
    const res = await client.get('/v1/communes/40227'); // Pissos, Landes
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      insee: '40227',
      name: 'Pissos',
      departement: '40',
      postcodes: ['40410'],
      epci: { siren: expect.stringMatching(/^\d{9}$/), priority: expect.any(Boolean) },
    });
  });

  it('accepts Corsican codes, in either case', async () => {
    for (const code of ['2A004', '2a004']) {
      const res = await client.get(`/v1/communes/${code}`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ insee: '2A004', name: 'Ajaccio', departement: '2A', epci: { priority: false } });
    }
  });

  it('returns a commune that belongs to no EPCI with epci: null', async () => {
    const res = await client.get('/v1/communes/29155'); // Ouessant
    expect(res.status).toBe(200);
    expect(res.body.epci).toBeNull();
  });

  it('404s an unknown code and 400s a malformed one', async () => {
    expect((await client.get('/v1/communes/99999')).body).toMatchObject({ status: 404, code: 'not_found' });
    const bad = await client.get('/v1/communes/2C004');
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('param.insee');
  });
});

describe('GET /v1/communes?postcode=', () => {
  it('returns every commune sharing a postcode', async () => {
    const res = await client.get('/v1/communes?postcode=40410');
    expect(res.status).toBe(200);
    const names = res.body.items.map((c: { name: string }) => c.name);
    expect(names.length).toBeGreaterThan(1);
    expect(names).toContain('Pissos');
    expect(res.body.items.every((c: { postcodes: string[] }) => c.postcodes.includes('40410'))).toBe(true);
  });

  it('finds a priority zone from a postcode', async () => {
    const res = await client.get('/v1/communes?postcode=32160'); // Plaisance, Gers: consultations of the scheme reported there
    const plaisance = res.body.items.find((c: { name: string }) => c.name === 'Plaisance');
    expect(plaisance.epci).toEqual({ siren: '243200508', name: 'CC Bastides et Vallons du Gers', priority: true });
  });

  it('returns an empty list for an unused postcode and 400 for a malformed one', async () => {
    expect((await client.get('/v1/communes?postcode=00000')).body).toEqual({ items: [] });
    const bad = await client.get('/v1/communes?postcode=4041');
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('validation_failed');
    expect((await client.get('/v1/communes')).status).toBe(400);
  });
});

describe('GET /v1/communes?q=', () => {
  const names = async (q: string) => {
    const res = await client.get(`/v1/communes?q=${encodeURIComponent(q)}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return (res.body.items as Array<{ name: string; insee: string }>).map((c) => c.name);
  };

  it('finds a commune by name, ignoring case, accents, hyphens and apostrophes', async () => {
    expect((await names('pissos'))[0]).toBe('Pissos');
    expect(await names('SAINT ETIENNE D ORTHE')).toContain("Saint-Étienne-d'Orthe");
    expect(await names('saint-étienne-d’orthe')).toContain("Saint-Étienne-d'Orthe");
  });

  it('puts exact names first, then shorter names, at most 20', async () => {
    const found = await names('paris');
    expect(found[0]).toBe('Paris');
    expect(found.length).toBeLessThanOrEqual(20);
    expect(found.every((n) => n.toLowerCase().startsWith('paris'))).toBe(true);
  });

  it('treats digits as the start of a postcode', async () => {
    const res = await client.get('/v1/communes?q=4041');
    expect(res.status).toBe(200);
    expect(res.body.items.length).toBeGreaterThan(0);
    expect(res.body.items.every((c: { postcodes: string[] }) => c.postcodes.some((p) => p.startsWith('4041')))).toBe(
      true,
    );
    expect(res.body.items.map((c: { name: string }) => c.name)).toContain('Pissos');
  });

  it('answers an empty list for a name no commune has, and 400 for bad input', async () => {
    expect(await names('zzzzqx')).toEqual([]);
    for (const bad of ['?q=a', '?q=%25%25', '?q=pissos&postcode=40410', '', `?q=${'a'.repeat(61)}`]) {
      const res = await client.get(`/v1/communes${bad}`);
      expect(res.status, bad).toBe(400);
      expect(res.body.code).toBe('validation_failed');
    }
  });
});
