// Postgres cannot store the NUL character in text: a field carrying one is the client's mistake,
// answered 400 invalid_text, not a failed statement and a 500.
import { describe, expect, it } from 'vitest';
import { api } from './helpers/api';
import { adminToken, newZone } from './helpers/fixtures';
import { sql } from './helpers/sql';

const client = api({ now: new Date('2026-12-01T08:00:00Z') });

describe('NUL in text', () => {
  it('is a 400 invalid_text and stores nothing', async () => {
    const zone = await newZone(client);
    const res = await client.post(
      '/v1/sites',
      { name: 'Cabinet\u0000', address: '1 rue', communeInsee: zone.insee, kind: 'cabinet', phone: '05 58 00 00 00' },
      await adminToken(),
    );
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(res.body.code).toBe('invalid_text');
    expect(await sql('SELECT 1 FROM sites WHERE epci_siren = $1', [zone.siren])).toEqual([]);
  });

  it('is a French page, never a 5xx, when it reaches the database from a page', async () => {
    for (const path of ['/recherche?q=Pis%00sos', '/recherche?q=%00']) {
      const res = await client.request('GET', path, { headers: { accept: 'text/html' } });
      expect(res.status, path).toBeLessThan(500);
      expect(res.headers.get('content-type')).toContain('text/html');
      expect(res.body).toContain('lang="fr"');
    }
  });
});
