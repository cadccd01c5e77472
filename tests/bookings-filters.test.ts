// Filters on GET /v1/bookings: a status, the consultation's start in [from, to), and updatedSince
// for integrators keeping a copy in sync; updated_at kept by each change, and by Postgres besides.
import { describe, expect, it } from 'vitest';
import { api } from './helpers/api';
import { responseErrors } from './helpers/contract';
import { bookableZone, book, idemKey } from './helpers/fixtures';
import { sql } from './helpers/sql';
import { token } from './helpers/tokens';

const at = (iso: string) => api({ now: new Date(iso) });
const client = at('2026-12-01T08:00:00Z');
const partnerToken = () => token('integrator', { client_id: `app-${crypto.randomUUID()}` });
const ids = (res: { body: { items: { id: string }[] } }) => res.body.items.map((b) => b.id).sort();
const sorted = (...values: string[]) => [...values].sort();

describe('filtering bookings', () => {
  it('by status, and pages stay filtered', async () => {
    const { slotIds } = await bookableZone(client);
    const partner = await partnerToken();
    const [a, b, c] = [
      await book(client, partner, { slotId: slotIds[0] }),
      await book(client, partner, { slotId: slotIds[1] }),
      await book(client, partner, { slotId: slotIds[2] }),
    ];
    await client.post(`/v1/bookings/${b.body.id}/cancel`, {}, partner);
    const cancelled = await client.get('/v1/bookings?status=cancelled', partner);
    expect(ids(cancelled)).toEqual([b.body.id]);
    expect(responseErrors('GET', '/v1/bookings', cancelled)).toEqual([]);
    const first = await client.get('/v1/bookings?status=booked&limit=1', partner);
    const second = await client.get(`/v1/bookings?status=booked&limit=1&cursor=${first.body.nextCursor}`, partner);
    expect(sorted(...ids(first), ...ids(second))).toEqual(sorted(a.body.id, c.body.id));
    expect(second.body.nextCursor).toBeNull();
  });

  it('by the consultation’s start: from inclusive, to exclusive', async () => {
    const early = await bookableZone(client, { date: '2026-12-10' });
    const late = await bookableZone(client, { date: '2026-12-12' });
    const partner = await partnerToken();
    const first = await book(client, partner, { slotId: early.slotIds[0] });
    const second = await book(client, partner, { slotId: late.slotIds[0] });
    const start = encodeURIComponent(second.body.slot.startsAt);
    expect(ids(await client.get(`/v1/bookings?from=${start}`, partner))).toEqual([second.body.id]);
    expect(ids(await client.get(`/v1/bookings?to=${start}`, partner))).toEqual([first.body.id]);
    expect(ids(await client.get('/v1/bookings?from=2026-12-09T00:00:00Z&to=2026-12-11T00:00:00Z', partner))).toEqual([
      first.body.id,
    ]);
    expect(ids(await client.get('/v1/bookings?from=2026-12-13T00:00:00%2B01:00', partner))).toEqual([]);
  });

  it('by updatedSince: each change moves updatedAt to the clock of the request that made it', async () => {
    const { slotIds } = await bookableZone(client);
    const partner = await partnerToken();
    const kept = await book(client, partner, { slotId: slotIds[0] });
    const cancelled = await book(client, partner, { slotId: slotIds[1] });
    const moved = await book(client, partner, { slotId: slotIds[2] });
    expect(kept.body.updatedAt).toBe(kept.body.createdAt);
    const later = at('2026-12-02T10:00:00Z');
    expect((await later.post(`/v1/bookings/${cancelled.body.id}/cancel`, {}, partner)).body.updatedAt).toBe(
      '2026-12-02T10:00:00.000Z',
    );
    const rescheduled = await later.post(`/v1/bookings/${moved.body.id}/reschedule`, { slotId: slotIds[3] }, partner, {
      'idempotency-key': idemKey(),
    });
    expect(rescheduled.body.updatedAt).toBe('2026-12-02T10:00:00.000Z');
    expect(ids(await later.get('/v1/bookings?updatedSince=2026-12-02T10:00:00Z', partner))).toEqual(
      sorted(cancelled.body.id, moved.body.id),
    );
    expect(ids(await later.get('/v1/bookings?updatedSince=2026-12-02T10:00:00.001Z', partner))).toEqual([]);
    expect(ids(await later.get('/v1/bookings?updatedSince=2026-12-01T08:00:00Z', partner))).toHaveLength(3);
    expect(
      ids(await later.get('/v1/bookings?updatedSince=2026-12-02T11:00:00%2B01:00&status=cancelled', partner)),
    ).toEqual([cancelled.body.id]);
  });

  it('Postgres stamps a change no statement stamped, and only a change', async () => {
    const { slotIds } = await bookableZone(client);
    const partner = await partnerToken();
    const booked = await book(client, partner, { slotId: slotIds[0] });
    await sql(`UPDATE bookings SET updated_at = '2000-01-01T00:00:00Z' WHERE id = $1`, [booked.body.id]);
    await sql(`UPDATE bookings SET notify_sms = false WHERE id = $1`, [booked.body.id]);
    const [row] = await sql<{ stamped: boolean }>(
      `SELECT updated_at > '2000-01-01T00:00:00Z' AS stamped FROM bookings WHERE id = $1`,
      [booked.body.id],
    );
    expect(row.stamped).toBe(true);
    // An update that changes nothing is no change.
    await sql(`UPDATE bookings SET updated_at = '2000-01-01T00:00:00Z' WHERE id = $1`, [booked.body.id]);
    await sql(`UPDATE bookings SET status = status WHERE id = $1`, [booked.body.id]);
    const [same] = await sql<{ updated_at: Date }>(`SELECT updated_at FROM bookings WHERE id = $1`, [booked.body.id]);
    expect(new Date(same.updated_at).toISOString()).toBe('2000-01-01T00:00:00.000Z');
  });

  it('refuses bad values with a validation problem, and a range that ends before it starts', async () => {
    const partner = await partnerToken();
    for (const query of [
      'status=lost',
      'status=',
      'from=tomorrow',
      'to=2026-12-10',
      'updatedSince=2026-12-01',
      'updatedSince=2026-12-01T08:00:00',
      'from=0000-01-01T00:00:00Z',
      'updatedSince=2026-02-30T00:00:00Z',
    ]) {
      const res = await client.get(`/v1/bookings?${query}`, partner);
      expect(res.status, query).toBe(400);
      expect(res.body.code, query).toBe('validation_failed');
    }
    const reversed = await client.get('/v1/bookings?from=2026-12-11T00:00:00Z&to=2026-12-10T00:00:00Z', partner);
    expect(reversed.status).toBe(400);
    expect(reversed.body.code).toBe('invalid_range');
  });
});
