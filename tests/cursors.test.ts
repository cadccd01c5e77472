// A cursor is client input: whatever it decodes to, a list answers 400 invalid_cursor, never a 500
// from a value Postgres cannot cast; the cursors the API hands out keep paging.
import { describe, expect, it } from 'vitest';
import { api } from './helpers/api';
import { bookableZone, book, newMission, newSite } from './helpers/fixtures';
import { token } from './helpers/tokens';

const client = api({ now: new Date('2026-12-01T08:00:00Z') });
const cursor = (value: unknown) =>
  btoa(JSON.stringify(value)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

const FORGED = [
  cursor(['not-a-date', 'zzz']),
  cursor(['2026-12-10T08:00:00.000Z', 'zzz']),
  cursor(['0000-01-01T00:00:00.000Z', '00000000-0000-0000-0000-000000000000']),
  cursor(['2026-02-30', '00000000-0000-0000-0000-000000000000']),
  cursor(['zzz']),
  cursor([1, 2]),
  cursor([null, {}]),
  cursor(['a', 'b', 'c']),
  cursor({ after: 'x' }),
  cursor('\u0000'),
  '%%%not-base64',
];

describe('cursors', () => {
  it('a cursor whose values are not the sort key is 400 invalid_cursor on every list', async () => {
    const { zone, doctor } = await bookableZone(client);
    const patient = await token('patient');
    const admin = await token('admin');
    const lists: Array<[string, string?]> = [
      [`/v1/slots?epci=${zone.siren}`],
      [`/v1/sites?epci=${zone.siren}`],
      ['/v1/zones'],
      ['/v1/missions', doctor.token],
      [`/v1/missions?epci=${zone.siren}`, admin],
      ['/v1/bookings', patient],
    ];
    for (const [path, bearer] of lists) {
      for (const c of FORGED) {
        const res = await client.get(`${path}${path.includes('?') ? '&' : '?'}cursor=${encodeURIComponent(c)}`, bearer);
        expect(res.status, `${path} ${c}`).toBe(400);
        expect(res.headers.get('content-type')).toBe('application/problem+json');
        expect(res.body.code).toBe('invalid_cursor');
      }
    }
  });

  it('the cursors the API returns still page bookings, missions, sites and zones', async () => {
    const { zone, site, doctor, slotIds } = await bookableZone(client, { slots: 4 });
    await newSite(client, zone);
    await newMission(client, doctor.token, site.id, { date: '2026-12-11' });
    const patient = await token('patient');
    for (const slotId of slotIds.slice(0, 2)) expect((await book(client, patient, { slotId })).status).toBe(201);
    const pages: Array<[string, string?]> = [
      ['/v1/bookings?limit=1', patient],
      [`/v1/slots?epci=${zone.siren}&limit=1`],
      ['/v1/zones?limit=1'],
      [`/v1/sites?epci=${zone.siren}&limit=1`],
      [`/v1/missions?epci=${zone.siren}&limit=1`, await token('admin')],
      ['/v1/missions?limit=1', doctor.token],
    ];
    for (const [path, bearer] of pages) {
      const first = await client.get(path, bearer);
      expect(first.status, path).toBe(200);
      expect(first.body.nextCursor, path).not.toBeNull();
      const next = await client.get(`${path}&cursor=${first.body.nextCursor}`, bearer);
      expect(next.status, `${path} next page`).toBe(200);
    }
  });
});
