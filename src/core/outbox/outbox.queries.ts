// The event rows, written as one more CTE of the statement that makes the change: no change
// without its event, no event without its change, and still one round trip.
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { textArray } from '../../db/text-array';
import type { EventRow, EventType } from './event';

const EVENT_COLUMNS = sql`id, type, occurred_at, booking_id, mission_id, epci_siren, slot_id, client_id, cancelled_by, data`;

/** An id given by the caller (one changed row), or one per row (a cascade). */
const idOf = (id: string | undefined) => (id ? sql`${id}::uuid` : sql`gen_random_uuid()`);

interface EventSpec {
  /** The CTE's name, e.g. `booking_event`. */
  name: string;
  id?: string;
  type: EventType;
  /** The request's clock, or the column of `changed` the change stamped with it. */
  at: Date | SQL;
  cancelledBy?: string;
  /** Why a booking was cancelled or moved (CHANGE_REASONS), when the caller said. */
  reason?: string;
}

/**
 * `, <name> AS (INSERT INTO events …)`: one event per booking row of `changed` (a CTE returning
 * bookings.*). `data` holds times and codes only: never the patient's name, phone or birth date.
 */
export function bookingEventCte(e: EventSpec, changed: SQL): SQL {
  return sql`, ${sql.raw(e.name)} AS (
      INSERT INTO events (${EVENT_COLUMNS})
      SELECT ${idOf(e.id)}, ${e.type}, ${e.at}, b.id, b.mission_id, m.epci_siren, b.slot_id, b.client_id, ${e.cancelledBy ?? null},
             jsonb_strip_nulls(jsonb_build_object('startsAt', b.starts_at, 'channel', b.channel, 'status', b.status, 'siteId', m.site_id,
               'externalRef', b.external_ref, 'reason', ${e.reason ?? null}::text))
      FROM ${changed} b JOIN missions m ON m.id = b.mission_id
      RETURNING id
    )`;
}

/** `, <name> AS (INSERT INTO events …)`: one event per mission row of `changed` (missions.*). */
export function missionEventCte(e: EventSpec, changed: SQL): SQL {
  return sql`, ${sql.raw(e.name)} AS (
      INSERT INTO events (${EVENT_COLUMNS})
      SELECT ${idOf(e.id)}, ${e.type}, ${e.at}, NULL, m.id, m.epci_siren, NULL, NULL, ${e.cancelledBy ?? null},
             jsonb_build_object('siteId', m.site_id, 'localDate', m.local_date, 'startsAt', m.starts_at, 'endsAt', m.ends_at, 'dayKind', m.day_kind)
      FROM ${changed} m
      RETURNING id
    )`;
}

/** The consumer's read: the events of a batch, marking them as seen by the Queue (at `now`, or at their own time under QUEUE_CLOCK=event). */
export async function receivedEvents(db: Db, ids: string[], now: Date | null) {
  const { rows } = await db.execute<EventRow>(sql`
    WITH seen AS (UPDATE events SET enqueued_at = COALESCE(${now}::timestamptz, occurred_at) WHERE id = ANY(${textArray(ids)}::uuid[]) AND enqueued_at IS NULL)
    SELECT ${EVENT_COLUMNS} FROM events WHERE id = ANY(${textArray(ids)}::uuid[])`);
  return rows;
}

/** The events by id, as they are: the request's first webhook attempt reads them without marking them seen by the Queue. */
export async function eventsById(db: Db, ids: string[]) {
  const { rows } = await db.execute<EventRow>(
    sql`SELECT ${EVENT_COLUMNS} FROM events WHERE id = ANY(${textArray(ids)}::uuid[])`,
  );
  return rows;
}

/** Events the Queue never got (a publish lost after the response), oldest first. */
export async function unenqueuedEvents(db: Db, before: Date, limit: number) {
  const { rows } = await db.execute<{ id: string }>(sql`
    SELECT id FROM events WHERE enqueued_at IS NULL AND occurred_at <= ${before} ORDER BY occurred_at LIMIT ${limit}`);
  return rows.map((r) => r.id);
}

export async function markRelayed(db: Db, ids: string[], now: Date) {
  await db.execute(sql`
    UPDATE events SET enqueued_at = ${now}, attempts = attempts + 1 WHERE id = ANY(${textArray(ids)}::uuid[]) AND enqueued_at IS NULL`);
}
