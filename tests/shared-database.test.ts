// Many clients on one database at once, as `npm start` has them on the embedded default: searches,
// bookings and a rush for one slot while the cron relays lost events and sends messages. PGlite is
// one backend behind a bridge (scripts/db/pglite-bridge.ts) that must never let one client's
// statement land inside another's exchange or transaction. The same test runs on the server.
import { createScheduledController } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import worker from '../src/index';
import { api } from './helpers/api';
import { env } from './helpers/env';
import { bookableZone, book } from './helpers/fixtures';
import { sql } from './helpers/sql';
import { token } from './helpers/tokens';

const client = api({ now: new Date('2026-12-01T08:00:00Z'), env: { RATE_LIMIT_ENABLED: '0' } });
const cron = (iso: string) =>
  worker.scheduled(createScheduledController({ scheduledTime: new Date(iso), cron: '* * * * *' }), env);

/** An event whose publish was lost: the cron relays it. */
async function lostEvent() {
  const id = crypto.randomUUID();
  await sql(
    `INSERT INTO events (id, type, occurred_at, mission_id, epci_siren, data) VALUES ($1, 'mission.declared', '2026-12-01T07:00:00Z', $2, '000000001', '{}')`,
    [id, crypto.randomUUID()],
  );
  return id;
}

describe('one database, many clients at once', () => {
  it('parallel searches, bookings and a rush while the cron relays and sends: no protocol error, every answer right', async () => {
    const { zone, slotIds } = await bookableZone(client, { slots: 12 });
    const lost = await Promise.all(Array.from({ length: 5 }, lostEvent));
    const [bookers, rivals] = await Promise.all([
      Promise.all(slotIds.slice(0, 8).map(() => token('patient'))),
      Promise.all(Array.from({ length: 6 }, () => token('patient'))),
    ]);

    const [searches, bookings, rush] = await Promise.all([
      Promise.all(Array.from({ length: 20 }, () => client.get(`/v1/slots?epci=${zone.siren}&limit=50`))),
      Promise.all(slotIds.slice(0, 8).map((slotId, i) => book(client, bookers[i], { slotId }))),
      Promise.all(rivals.map((t) => book(client, t, { slotId: slotIds[8] }))),
      // Relay, messages and webhook retries each on their own connection, side by side.
      cron('2026-12-01T08:05:00Z'),
      cron('2026-12-01T08:06:00Z'),
      cron('2026-12-01T08:07:00Z'),
    ]);

    expect(searches.map((r) => r.status)).toEqual(searches.map(() => 200));
    for (const search of searches) {
      const ids = (search.body.items as Array<{ id: string }>).map((s) => s.id);
      // Whatever each search saw of the bookings under way, only this zone's slots, each once.
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids.every((id) => slotIds.includes(id))).toBe(true);
      expect(ids.length).toBeGreaterThanOrEqual(slotIds.length - 9);
    }
    expect(bookings.map((r) => r.status)).toEqual(bookings.map(() => 201));
    expect(rush.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);

    const [{ n }] = await sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM bookings WHERE slot_id = ANY($1::uuid[])`,
      [slotIds],
    );
    expect(n).toBe(9);
    const free = await client.get(`/v1/slots?epci=${zone.siren}&limit=50`);
    expect((free.body.items as Array<{ id: string }>).map((s) => s.id)).toEqual(slotIds.slice(9));
    const relayed = await sql<{ id: string }>(
      `SELECT id FROM events WHERE id = ANY($1::uuid[]) AND enqueued_at IS NOT NULL`,
      [lost],
    );
    expect(relayed).toHaveLength(lost.length);
  }, 120_000);
});
