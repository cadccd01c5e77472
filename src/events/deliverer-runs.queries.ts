// One row per (event, deliverer) in `deliveries`: what makes a redelivered message a no-op for a
// deliverer that already delivered it, and where per-deliverer status, attempts and errors live.
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { textArray } from '../db/text-array';

export interface DeliveryKey {
  eventId: string;
  deliverer: string;
}

export interface DeliveryOutcome extends DeliveryKey {
  delivered: boolean;
  /** A short reason, never a payload. */
  error?: string;
  nextAttemptAt?: Date;
}

/** Deliverer names are identifiers ([a-z0-9-]), so they need no quoting in an array literal. */
const names = (keys: DeliveryKey[]) => textArray(keys.map((k) => k.deliverer));
const eventIds = (keys: DeliveryKey[]) => textArray(keys.map((k) => k.eventId));

/**
 * Claims the pairs not yet delivered, in one statement; returns those to deliver now. A pair
 * already delivered matches nothing: that is how a duplicate message is dropped.
 */
export async function claimDeliveries(db: Db, keys: DeliveryKey[], now: Date) {
  if (!keys.length) return [];
  const { rows } = await db.execute<{ event_id: string; deliverer: string }>(sql`
    INSERT INTO deliveries (event_id, deliverer, status, attempts, updated_at)
    SELECT e, d, 'delivering', 1, ${now} FROM unnest(${eventIds(keys)}::uuid[], ${names(keys)}::text[]) AS k(e, d)
    ON CONFLICT (event_id, deliverer) DO UPDATE SET status = 'delivering', attempts = deliveries.attempts + 1, updated_at = EXCLUDED.updated_at
      WHERE deliveries.status <> 'delivered'
    RETURNING event_id, deliverer`);
  return rows.map((r): DeliveryKey => ({ eventId: r.event_id, deliverer: r.deliverer }));
}

/** Records what each claimed delivery did, in one statement. */
export async function recordOutcomes(db: Db, outcomes: DeliveryOutcome[], now: Date) {
  if (!outcomes.length) return;
  const errors = JSON.stringify(outcomes.map((o) => o.error ?? null));
  const retries = JSON.stringify(outcomes.map((o) => o.nextAttemptAt?.toISOString() ?? null));
  await db.execute(sql`
    UPDATE deliveries d SET status = CASE WHEN o.delivered THEN 'delivered' ELSE 'failed' END,
      delivered_at = CASE WHEN o.delivered THEN ${now}::timestamptz END, last_error = o.error, next_attempt_at = o.next_attempt_at, updated_at = ${now}
    FROM (
      SELECT k.e AS event_id, k.d AS deliverer, k.ok AS delivered, err.value AS error, (nxt.value)::timestamptz AS next_attempt_at
      FROM unnest(${eventIds(outcomes)}::uuid[], ${names(outcomes)}::text[], ${textArray(outcomes.map((o) => String(o.delivered)))}::boolean[])
             WITH ORDINALITY AS k(e, d, ok, n)
      JOIN jsonb_array_elements_text(${errors}::jsonb) WITH ORDINALITY AS err(value, n) ON err.n = k.n
      JOIN jsonb_array_elements_text(${retries}::jsonb) WITH ORDINALITY AS nxt(value, n) ON nxt.n = k.n
    ) o
    WHERE d.event_id = o.event_id AND d.deliverer = o.deliverer`);
}
