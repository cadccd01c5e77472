// The webhook_deliveries statements of the delivery path. Whoever sends an attempt has first
// claimed it in one statement, which pushes next_attempt_at forward by a lease: a second consumer,
// a concurrent cron run or a redelivered event finds nothing to send. A lease that runs out (a
// worker that died mid-attempt) makes the delivery due again.
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { DISABLE_AFTER_FAILING_MS } from '../../domain/webhook-schedule';
import type { OutboxEvent } from '../../core/outbox/event';
import type { Outcome } from './attempt';
import type { WebhookPayload } from '../../core/webhooks/payload';

/** Longer than an attempt's 15 s timeout. */
export const LEASE_SECONDS = 60;

export type ClaimedRow = {
  id: string;
  endpoint_id: string;
  event_id: string;
  payload: unknown;
  attempts: number;
  url: string;
  secret: string;
  previous_secret: string | null;
  previous_secret_expires_at: string | Date | null;
};

const leaseEnd = (now: Date) => new Date(now.getTime() + LEASE_SECONDS * 1000);

/** The claimed rows with what sending needs from their endpoint. */
const withEndpoint = (claimed: SQL) => sql`
  SELECT c.id, c.endpoint_id, c.event_id, c.payload, c.attempts, e.url, e.secret, e.previous_secret, e.previous_secret_expires_at
  FROM ${claimed} c JOIN webhook_endpoints e ON e.id = c.endpoint_id`;

/**
 * One delivery per enabled endpoint that wants this event: the bookings and waitlist entries the
 * integrator made, and a mission cancellation or handover that touched bookings of theirs (listed
 * in the payload).
 * Inserted already claimed for the first attempt; an event seen before inserts nothing.
 */
export async function fanOut(db: Db, event: OutboxEvent, payload: WebhookPayload, now: Date): Promise<ClaimedRow[]> {
  const occurredAt = new Date(event.occurredAt);
  const ofMission = event.type === 'mission.cancelled' || event.type === 'mission.reassigned';
  // Cancelled by this event, or still standing when the day changed doctor.
  const touched = event.type === 'mission.cancelled' ? sql`b.cancelled_at = ${occurredAt}` : sql`b.status = 'booked'`;
  const theirs = (client: SQL) =>
    sql`b.mission_id = ${event.missionId} AND b.owner_role = 'integrator' AND b.client_id = ${client} AND ${touched}`;
  // As visibleTo: an integrator's bookings are those it made, not those of a patient app sharing its client_id.
  const concerned = ofMission
    ? sql`EXISTS (SELECT 1 FROM bookings b WHERE ${theirs(sql`e.client_id`)})`
    : // An offer to a waitlist entry the integrator made (the event carries its client).
      event.type === 'waitlist.offered'
      ? sql`e.client_id = ${event.clientId}`
      : sql`e.client_id = ${event.clientId} AND EXISTS (SELECT 1 FROM bookings b WHERE b.id = ${event.bookingId} AND b.owner_role = 'integrator' AND b.client_id = e.client_id)`;
  const body = ofMission
    ? sql`jsonb_set(${JSON.stringify(payload)}::jsonb, '{data,bookingIds}', (SELECT coalesce(jsonb_agg(b.id ORDER BY b.starts_at), '[]'::jsonb) FROM bookings b WHERE ${theirs(sql`t.client_id`)}))`
    : sql`${JSON.stringify(payload)}::jsonb`;
  const { rows } = await db.execute<ClaimedRow>(sql`
    WITH t AS (
      SELECT e.id, e.client_id FROM webhook_endpoints e WHERE e.status = 'enabled' AND ${event.type} = ANY(e.event_types) AND ${concerned}
    ), inserted AS (
      INSERT INTO webhook_deliveries (id, endpoint_id, event_id, event_type, payload, status, attempts, next_attempt_at, created_at)
      SELECT gen_random_uuid(), t.id, ${event.id}, ${event.type}, ${body}, 'pending', 1, ${leaseEnd(now)}, ${now} FROM t
      ON CONFLICT (endpoint_id, event_id) DO NOTHING
      RETURNING *
    ) ${withEndpoint(sql`inserted`)}`);
  return rows;
}

/** The cron's claim: due deliveries of enabled endpoints, oldest due first; SKIP LOCKED keeps two runs apart. */
export async function claimDue(db: Db, now: Date, limit: number): Promise<ClaimedRow[]> {
  const { rows } = await db.execute<ClaimedRow>(sql`
    WITH due AS (
      SELECT d.id FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id
      WHERE d.status = 'pending' AND d.next_attempt_at <= ${now} AND e.status = 'enabled'
      ORDER BY d.next_attempt_at LIMIT ${limit}
      FOR UPDATE OF d SKIP LOCKED
    ), claimed AS (
      UPDATE webhook_deliveries d SET attempts = d.attempts + 1, next_attempt_at = ${leaseEnd(now)}
      FROM due WHERE d.id = due.id AND d.status = 'pending' AND d.next_attempt_at <= ${now}
      RETURNING d.*
    ) ${withEndpoint(sql`claimed`)}`);
  return rows;
}

/** A manual retry: any delivery of a visible, enabled endpoint, sent now whatever its status. */
export async function claimForRetry(
  db: Db,
  endpointVisible: SQL,
  endpointId: string,
  deliveryId: string,
  now: Date,
): Promise<ClaimedRow[]> {
  const { rows } = await db.execute<ClaimedRow>(sql`
    WITH claimed AS (
      UPDATE webhook_deliveries d SET status = 'pending', attempts = d.attempts + 1, next_attempt_at = ${leaseEnd(now)}, delivered_at = NULL
      FROM webhook_endpoints e
      WHERE d.id = ${deliveryId} AND d.endpoint_id = ${endpointId} AND e.id = d.endpoint_id AND e.status = 'enabled' AND ${endpointVisible}
      RETURNING d.*
    ) ${withEndpoint(sql`claimed`)}`);
  return rows;
}

/**
 * Records the attempts' outcomes and their endpoints' health in one statement: a success clears
 * failing_since; a failure starts it; 410 Gone, or failing for 5 days, disables the endpoint.
 */
export async function recordAttempts(db: Db, outcomes: Outcome[], now: Date) {
  if (!outcomes.length) return;
  const rows = JSON.stringify(
    outcomes.map((o) => ({
      id: o.id,
      endpoint_id: o.endpointId,
      result: o.result,
      http_status: o.httpStatus,
      error: o.error,
      next_at: o.nextAttemptAt?.toISOString() ?? null,
      gone: o.gone,
    })),
  );
  const failingLimit = new Date(now.getTime() - DISABLE_AFTER_FAILING_MS);
  await db.execute(sql`
    WITH o AS (
      SELECT * FROM jsonb_to_recordset(${rows}::jsonb) AS o(id uuid, endpoint_id uuid, result text, http_status int, error text, next_at timestamptz, gone boolean)
    ), recorded AS (
      UPDATE webhook_deliveries d SET
        status = CASE o.result WHEN 'retry' THEN 'pending' ELSE o.result END,
        next_attempt_at = o.next_at, last_status = o.http_status, last_error = o.error, last_attempt_at = ${now},
        delivered_at = CASE WHEN o.result = 'succeeded' THEN ${now}::timestamptz END
      FROM o WHERE d.id = o.id AND d.status = 'pending'
      RETURNING d.id
    ), health AS (
      SELECT e.id, bool_or(o.result = 'succeeded') AS ok, bool_or(o.gone) AS gone,
             CASE WHEN bool_or(o.result = 'succeeded') THEN NULL ELSE coalesce(e.failing_since, ${now}::timestamptz) END AS failing_since
      FROM o JOIN webhook_endpoints e ON e.id = o.endpoint_id GROUP BY e.id
    ), verdict AS (
      SELECT h.*, CASE WHEN h.gone THEN 'gone' WHEN h.failing_since <= ${failingLimit}::timestamptz THEN 'failing' END AS reason FROM health h
    )
    UPDATE webhook_endpoints e SET
      failing_since = v.failing_since,
      status = CASE WHEN e.status = 'enabled' AND v.reason IS NOT NULL THEN 'disabled' ELSE e.status END,
      disabled_reason = CASE WHEN e.status = 'enabled' AND v.reason IS NOT NULL THEN v.reason ELSE e.disabled_reason END,
      disabled_at = CASE WHEN e.status = 'enabled' AND v.reason IS NOT NULL THEN ${now}::timestamptz ELSE e.disabled_at END
    FROM verdict v WHERE e.id = v.id`);
}
