import { describe, expect, it } from 'vitest';
import { PROBLEMS } from '../src/domain/problems';
import { preferredLanguage } from '../src/lib/language';
import { api } from './helpers/api';

const client = api();

describe('the problem catalogue', () => {
  it('has the codes announced by the work in progress', () => {
    for (const [code, status] of [
      ['account_booking_limit_reached', 409],
      ['client_zone_booking_limit_reached', 409],
      ['hold_limit_reached', 409],
      ['invalid_phone', 422],
      ['invalid_birth_date', 422],
      ['auth_unavailable', 503],
    ] as const) {
      expect(PROBLEMS[code].status, code).toBe(status);
    }
  });

  it('has a title and a description in both languages for every code', () => {
    for (const [code, entry] of Object.entries(PROBLEMS)) {
      for (const text of [entry.en.title, entry.en.description, entry.fr.title, entry.fr.description])
        expect(text.length, code).toBeGreaterThan(2);
    }
  });

  it('is the code enum of the contract, open to new codes (x-extensible-enum)', async () => {
    const { body } = await client.get('/openapi.json');
    expect(body.components.schemas.Problem.properties.code['x-extensible-enum']).toEqual(Object.keys(PROBLEMS));
    expect(body.components.schemas.Problem.properties.code.enum).toBeUndefined();
  });
});

describe('problem responses', () => {
  it('are in English by default, with Content-Language and no-store', async () => {
    const res = await client.get('/v1/nothing-here');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-language')).toBe('en');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.body).toMatchObject({
      type: '/problems/not_found',
      title: 'Not found',
      code: 'not_found',
      detail: 'No route for GET /v1/nothing-here.',
    });
  });

  it('are in French when the request prefers French', async () => {
    const res = await client.request('GET', '/v1/sites/not-a-uuid', {
      headers: { 'accept-language': 'fr-FR,fr;q=0.9,en;q=0.5' },
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-language')).toBe('fr');
    expect(res.body).toMatchObject({
      code: 'validation_failed',
      title: PROBLEMS.validation_failed.fr.title,
      detail: PROBLEMS.validation_failed.fr.description,
    });
    expect(res.body.errors[0].field).toBe('param.id');
  });

  it('language negotiation follows the q-values', () => {
    expect(preferredLanguage(undefined)).toBe('en');
    expect(preferredLanguage('fr')).toBe('fr');
    expect(preferredLanguage('en-GB,fr;q=0.8')).toBe('en');
    expect(preferredLanguage('de,fr-CA;q=0.7,en;q=0.3')).toBe('fr');
    expect(preferredLanguage('fr;q=0')).toBe('en');
  });
});

describe('/problems pages', () => {
  it('a problem’s type resolves to a page about its code, in the preferred language', async () => {
    const problem = await client.get('/v1/nothing-here');
    const en = await client.get(problem.body.type);
    expect(en.status).toBe(200);
    expect(en.headers.get('content-type')).toContain('text/html');
    expect(en.headers.get('content-language')).toBe('en');
    expect(en.body).toContain('<html lang="en">');
    expect(en.body).toContain('not_found');
    const fr = await client.request('GET', '/problems/slot_unavailable', { headers: { 'accept-language': 'fr' } });
    expect(fr.headers.get('content-language')).toBe('fr');
    expect(fr.body).toContain(PROBLEMS.slot_unavailable.fr.title);
    expect(fr.body).toContain(PROBLEMS.slot_unavailable.en.title);
  });

  it('an unknown code is a 404 problem; the index lists every code', async () => {
    const unknown = await client.get('/problems/no_such_code');
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('not_found');
    const index = await client.get('/problems');
    for (const code of Object.keys(PROBLEMS)) expect(index.body).toContain(`/problems/${code}`);
  });
});
