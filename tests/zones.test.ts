import { describe, expect, it } from 'vitest';
import { api, type ApiResponse } from './helpers/api';

const client = api();

describe('GET /v1/zones', () => {
  it('lists priority zones with their shape, and pages through all of them without repeats', async () => {
    const first = await client.get('/v1/zones?limit=5');
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(5);
    expect(first.body.items[0]).toMatchObject({ priority: true, timeZone: expect.any(String) });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: ApiResponse<{ items: { siren: string }[]; nextCursor: string | null }> = await client.get(
        `/v1/zones?limit=7${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(res.status).toBe(200);
      seen.push(...res.body.items.map((z: { siren: string }) => z.siren));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual([...seen].sort());
    expect(seen).toContain('200035541'); // CC des Landes d'Armagnac
  });

  it('gives overseas zones their own time zone', async () => {
    const res = await client.get('/v1/zones/249730037'); // CC de l'Ouest Guyanais
    expect(res.body).toMatchObject({ priority: true, timeZone: 'America/Cayenne', departements: ['973'] });
  });

  it('rejects a malformed cursor and limit with a problem', async () => {
    const bad = await client.get('/v1/zones?cursor=nope');
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    expect(bad.body.code).toBe('invalid_cursor');
    const limit = await client.get('/v1/zones?limit=1000');
    expect(limit.status).toBe(400);
    expect(limit.body.errors[0].field).toBe('query.limit');
  });
});

describe('GET /v1/zones/{siren}', () => {
  it('returns any EPCI with its priority flag', async () => {
    const lyon = await client.get('/v1/zones/200046977'); // Métropole de Lyon
    expect(lyon.status).toBe(200);
    expect(lyon.body).toMatchObject({ siren: '200046977', priority: false, timeZone: 'Europe/Paris' });
  });

  it('404s an unknown SIREN and 400s a malformed one', async () => {
    const unknown = await client.get('/v1/zones/123456789');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ status: 404, code: 'not_found', type: '/problems/not_found' });
    const malformed = await client.get('/v1/zones/12345');
    expect(malformed.status).toBe(400);
    expect(malformed.body.code).toBe('validation_failed');
    expect(malformed.body.errors).toEqual([{ field: 'param.siren', message: expect.stringContaining('9 digits') }]);
  });
});
