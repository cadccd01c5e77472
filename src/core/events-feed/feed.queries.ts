// The events feed: an integrator's own events, in the order a cursor can follow without ever
// skipping one. Events are read in (tx, id) order and only below the oldest transaction still
// running: an event whose transaction commits late has a lower tx than anything read after it is
// visible, so it is never behind a cursor already handed out.
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { WEBHOOK_EVENT_TYPES } from '../../db/schema';
import { textArray } from '../../db/text-array';
import { toEvent, type EventRow } from '../outbox/event';
import { webhookPayload, type WebhookPayload } from '../webhooks/payload';

export interface FeedItem {
  cursor: [string, string];
  payload: WebhookPayload;
}

/**
 * `clientId`'s events after `after` (tx, id), at most `limit`, of the webhooks' types: its bookings' changes,
 * the offers to its waitlist entries, and the mission cancellations and handovers that touched its
 * bookings (each listing them, as the webhook does). As webhooks: the bookings it made, not those
 * of a patient app sharing its client_id.
 */
export async function feedOf(
  db: Db,
  clientId: string,
  after: [string, string] | undefined,
  limit: number,
  sandbox: boolean,
) {
  const touched = sql`b.mission_id = e.mission_id AND b.owner_role = 'integrator' AND b.client_id = ${clientId}
    AND CASE WHEN e.type = 'mission.cancelled' THEN b.cancelled_at = e.occurred_at ELSE b.status = 'booked' END`;
  const { rows } = await db.execute<EventRow & { tx: string; booking_ids: string[] | null }>(sql`
    SELECT e.id, e.type, e.occurred_at, e.booking_id, e.mission_id, e.epci_siren, e.slot_id, e.client_id, e.cancelled_by, e.data, e.tx::text AS tx,
           CASE WHEN e.type LIKE 'mission.%' THEN (SELECT coalesce(jsonb_agg(b.id ORDER BY b.starts_at), '[]'::jsonb) FROM bookings b WHERE ${touched}) END AS booking_ids
    FROM events e
    WHERE e.tx < pg_snapshot_xmin(pg_current_snapshot())
      ${after ? sql`AND (e.tx, e.id) > (${after[0]}::xid8, ${after[1]}::uuid)` : sql``}
      AND e.type = ANY(${textArray(WEBHOOK_EVENT_TYPES)}::text[])
      AND CASE
        WHEN e.type LIKE 'booking.%' THEN e.client_id = ${clientId}
          AND EXISTS (SELECT 1 FROM bookings b WHERE b.id = e.booking_id AND b.owner_role = 'integrator' AND b.client_id = ${clientId})
        WHEN e.type = 'waitlist.offered' THEN e.client_id = ${clientId}
        ELSE EXISTS (SELECT 1 FROM bookings b WHERE ${touched})
      END
    ORDER BY e.tx, e.id
    LIMIT ${limit}`);
  return rows.map((r): FeedItem => {
    const payload = webhookPayload(toEvent(r), sandbox);
    if (r.booking_ids) payload.data.bookingIds = r.booking_ids;
    return { cursor: [r.tx, r.id], payload };
  });
}
