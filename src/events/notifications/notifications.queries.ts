// The notifications table as the deliverer and the sender use it: plan (in the event's
// transaction), claim what is due (skip-locked, with a lease), and record each outcome by
// compare-and-set on the attempt the claim counted, so that two crons never send one message twice.
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { textArray } from '../../db/text-array';
import {
  NOTICE_KINDS,
  type CallReason,
  type NotificationChannel,
  type NotificationKind,
  type NotificationStatus,
} from '../../domain/notifications/kinds';
import type { PlannedMessage } from '../../domain/notifications/plan';

/** A transaction or the pool: both run statements. */
type Runner = Pick<Db, 'execute'>;

export type PlanningRow = {
  id: string;
  status: string;
  starts_at: string | Date;
  notify_sms: boolean;
  notify_email: boolean;
  time_zone: string;
};

/** The booking as its messages depend on it, locked so that its events are planned one at a time. */
export async function bookingForPlanning(tx: Runner, bookingId: string) {
  const { rows } = await tx.execute<PlanningRow>(sql`
    SELECT b.id, b.status, b.starts_at, b.notify_sms, b.notify_email, si.time_zone
    FROM bookings b JOIN slots s ON s.id = b.slot_id JOIN sites si ON si.id = s.site_id
    WHERE b.id = ${bookingId}
    FOR UPDATE OF b`);
  return rows[0];
}

/**
 * Scheduled messages of the booking's earlier events stop: the booking moved or was cancelled.
 * Only earlier ones: a redelivered old event must not retire what a newer one planned.
 */
export async function retireEarlier(tx: Runner, bookingId: string, eventId: string, occurredAt: Date) {
  await tx.execute(sql`
    UPDATE notifications SET status = 'cancelled', next_attempt_at = NULL
    WHERE booking_id = ${bookingId} AND status = 'scheduled' AND kind <> 'cancellation'
      AND event_id IN (SELECT id FROM events WHERE booking_id = ${bookingId} AND id <> ${eventId} AND occurred_at <= ${occurredAt})`);
}

/**
 * The planned rows; a redelivered event inserts nothing (unique per event, kind and channel), and a
 * reminder is not added where one is already scheduled (a late booking.created after a move).
 * Returns the rows inserted, to send the immediate ones at once.
 */
export async function insertPlanned(
  tx: Runner,
  bookingId: string,
  eventId: string,
  messages: PlannedMessage[],
  now: Date,
  changeNoticesPerDay: number,
) {
  if (!messages.length) return [];
  // Counted under the booking's lock (bookingForPlanning), so two events never both take the last one.
  const { rows } = await tx.execute<{ id: string; kind: NotificationKind; status: NotificationStatus }>(sql`
    INSERT INTO notifications (id, booking_id, event_id, kind, channel, status, due_at, next_attempt_at, last_error, created_at)
    SELECT gen_random_uuid(), ${bookingId}, ${eventId}, m.kind, m.channel, CASE WHEN c.capped THEN 'skipped' ELSE 'scheduled' END,
           m.due, CASE WHEN c.capped THEN NULL ELSE m.due END, CASE WHEN c.capped THEN 'daily_cap' END, ${now}
    FROM unnest(${textArray(messages.map((m) => m.kind))}::text[], ${textArray(messages.map((m) => m.channel))}::text[],
                ${textArray(messages.map((m) => m.dueAt.toISOString()))}::timestamptz[]) AS m(kind, channel, due)
    CROSS JOIN LATERAL (
      SELECT m.kind = 'change' AND (
        SELECT count(*) FROM notifications o
        WHERE o.booking_id = ${bookingId} AND o.kind = 'change' AND o.channel = m.channel AND o.status <> 'skipped'
          AND o.created_at > ${now}::timestamptz - interval '1 day'
      ) >= ${changeNoticesPerDay} AS capped
    ) c
    WHERE NOT (m.kind IN ('reminder', 'reminder_soon') AND EXISTS (
      SELECT 1 FROM notifications o WHERE o.booking_id = ${bookingId} AND o.kind = m.kind AND o.channel = m.channel AND o.status = 'scheduled'))
    ON CONFLICT (event_id, kind, channel) DO NOTHING
    RETURNING id, kind, status`);
  return rows;
}

/** `INSERT INTO call_list …` for one booking; a new event reopens a row an agent had closed. */
const callListUpsert = (select: SQL) => sql`
  INSERT INTO call_list (booking_id, reason, kind, event_id, added_at) ${select}
  ON CONFLICT (booking_id) DO UPDATE SET reason = EXCLUDED.reason, kind = EXCLUDED.kind, event_id = EXCLUDED.event_id,
    added_at = EXCLUDED.added_at, done_at = NULL, done_by = NULL, call_reference = NULL
  WHERE call_list.event_id <> EXCLUDED.event_id`;

export async function addToCallList(
  tx: Runner,
  bookingId: string,
  reason: CallReason,
  kind: NotificationKind,
  eventId: string,
  now: Date,
) {
  await tx.execute(callListUpsert(sql`VALUES (${bookingId}, ${reason}, ${kind}, ${eventId}, ${now})`));
}

export type ClaimedRow = {
  id: string;
  booking_id: string | null;
  event_id: string;
  kind: NotificationKind;
  channel: NotificationChannel;
  attempts: number;
  /** Null for a waitlist offer, which has no booking yet. */
  reference: string | null;
  slot_id: string;
  /** The booking's status; for an offer, `offered` while it is live and unexpired. */
  booking_status: string;
  starts_at: string | Date;
  phone: string;
  email: string | null;
  site_name: string;
  address: string;
  time_zone: string;
  offer_expires_at: string | Date | null;
  entry_id: string | null;
};

/**
 * Claims up to `limit` due messages (or those of `ids`): counts the attempt and leases them until
 * `leaseUntil`, in one statement. SKIP LOCKED: a concurrent claim takes other rows, never these;
 * once claimed, their next_attempt_at is past `now`, so no later claim takes them before the lease ends.
 */
export async function claimDue(db: Runner, now: Date, leaseUntil: Date, limit: number, ids?: string[]) {
  const { rows } = await db.execute<ClaimedRow>(sql`
    WITH due AS (
      SELECT id FROM notifications
      WHERE status = 'scheduled' AND next_attempt_at <= ${now} ${ids ? sql`AND id = ANY(${textArray(ids)}::uuid[])` : sql``}
      ORDER BY next_attempt_at LIMIT ${limit}
      FOR UPDATE SKIP LOCKED
    ), claimed AS (
      UPDATE notifications n SET attempts = n.attempts + 1, next_attempt_at = ${leaseUntil}
      FROM due WHERE n.id = due.id
      RETURNING n.id, n.booking_id, n.offer_id, n.event_id, n.kind, n.channel, n.attempts
    )
    -- A message is about a booking, or about a waitlist offer (its entry's person, its slot).
    SELECT c.id, c.booking_id, c.event_id, c.kind, c.channel, c.attempts, b.reference, s.id AS slot_id,
           CASE WHEN c.offer_id IS NULL THEN b.status WHEN o.status = 'live' AND o.expires_at > ${now} THEN 'offered' ELSE o.status END AS booking_status,
           COALESCE(b.starts_at, s.starts_at) AS starts_at, COALESCE(b.patient_phone, e.patient_phone) AS phone, COALESCE(b.patient_email, e.patient_email) AS email,
           si.name AS site_name, si.address, si.time_zone, o.expires_at AS offer_expires_at, o.entry_id
    FROM claimed c
    LEFT JOIN bookings b ON b.id = c.booking_id
    LEFT JOIN waitlist_offers o ON o.id = c.offer_id LEFT JOIN waitlist_entries e ON e.id = o.entry_id
    JOIN slots s ON s.id = COALESCE(b.slot_id, o.slot_id) JOIN sites si ON si.id = s.site_id`);
  return rows;
}

/**
 * The personal links of messages about to be sent, by the hash of their token, in one statement;
 * only for a booking still booked on the slot its message was claimed for: one that moved since
 * had its links ended by the move, and this message's link must not outlive it.
 */
export async function recordLinks(
  db: Runner,
  links: Array<{ tokenHash: string; bookingId: string; slotId: string; notificationId: string }>,
  now: Date,
) {
  if (!links.length) return;
  await db.execute(sql`
    INSERT INTO booking_links (token_hash, booking_id, notification_id, created_at)
    SELECT l.token_hash, l.booking_id, l.notification_id, ${now}
    FROM unnest(${textArray(links.map((l) => l.tokenHash))}::text[], ${textArray(links.map((l) => l.bookingId))}::uuid[],
                ${textArray(links.map((l) => l.slotId))}::uuid[], ${textArray(links.map((l) => l.notificationId))}::uuid[])
           AS l(token_hash, booking_id, slot_id, notification_id)
    JOIN bookings b ON b.id = l.booking_id AND b.slot_id = l.slot_id AND b.status = 'booked'`);
}

/** The personal links /attente/<token> of offer messages about to be sent, while their entry is offered. */
export async function recordWaitlistLinks(
  db: Runner,
  links: Array<{ tokenHash: string; entryId: string; notificationId: string }>,
  now: Date,
) {
  if (!links.length) return;
  await db.execute(sql`
    INSERT INTO waitlist_links (token_hash, entry_id, notification_id, created_at)
    SELECT l.token_hash, l.entry_id, l.notification_id, ${now}
    FROM unnest(${textArray(links.map((l) => l.tokenHash))}::text[], ${textArray(links.map((l) => l.entryId))}::uuid[],
                ${textArray(links.map((l) => l.notificationId))}::uuid[]) AS l(token_hash, entry_id, notification_id)
    JOIN waitlist_entries e ON e.id = l.entry_id AND e.status = 'offered'`);
}

/**
 * The messages telling the person of a live offer, by the channels their entry chose, due now;
 * a redelivered event inserts nothing. Returns their ids, to send them at once.
 */
export async function insertOfferNotices(db: Runner, offerId: string, eventId: string, now: Date) {
  const { rows } = await db.execute<{ id: string }>(sql`
    INSERT INTO notifications (id, offer_id, event_id, kind, channel, status, due_at, next_attempt_at, created_at)
    SELECT gen_random_uuid(), o.id, ${eventId}, 'waitlist_offer', ch.channel, 'scheduled', ${now}, ${now}, ${now}
    FROM waitlist_offers o JOIN waitlist_entries e ON e.id = o.entry_id
    CROSS JOIN LATERAL (VALUES ('sms', e.notify_sms), ('email', e.notify_email)) AS ch(channel, wanted)
    WHERE o.id = ${offerId} AND o.status = 'live' AND ch.wanted
    ON CONFLICT (event_id, kind, channel) DO NOTHING
    RETURNING id`);
  return rows.map((r) => r.id);
}

export type Outcome =
  | { kind: 'sent'; messageId: string }
  | { kind: 'retry'; error: string; at: Date }
  | { kind: 'failed'; error: string }
  | { kind: 'retired' };

/**
 * Records what became of a claimed attempt, only if the row is still at that attempt (a lease that
 * ran out and was claimed again leaves it alone). A notice that fails for good, with no other
 * channel having carried it, puts the booking on the call list in the same statement.
 */
export async function recordOutcome(db: Runner, row: Pick<ClaimedRow, 'id' | 'attempts'>, outcome: Outcome, now: Date) {
  const current = sql`id = ${row.id} AND attempts = ${row.attempts} AND status = 'scheduled'`;
  switch (outcome.kind) {
    case 'sent':
      await db.execute(sql`
        UPDATE notifications SET status = 'sent', sent_at = ${now}, provider_message_id = ${outcome.messageId}, next_attempt_at = NULL, last_error = NULL
        WHERE ${current}`);
      return;
    case 'retry':
      await db.execute(
        sql`UPDATE notifications SET next_attempt_at = ${outcome.at}, last_error = ${outcome.error} WHERE ${current}`,
      );
      return;
    case 'retired':
      await db.execute(sql`UPDATE notifications SET status = 'cancelled', next_attempt_at = NULL WHERE ${current}`);
      return;
    case 'failed':
      await db.execute(sql`
        WITH failed AS (
          UPDATE notifications SET status = 'failed', next_attempt_at = NULL, last_error = ${outcome.error} WHERE ${current}
          RETURNING booking_id, event_id, kind, id
        )
        ${callListUpsert(sql`
          SELECT f.booking_id, 'notice_failed', f.kind, f.event_id, ${now}::timestamptz FROM failed f
          WHERE f.kind IN (${sql.raw(NOTICE_KINDS.map((k) => `'${k}'`).join(', '))})
            AND NOT EXISTS (SELECT 1 FROM notifications o WHERE o.event_id = f.event_id AND o.kind = f.kind AND o.id <> f.id AND o.status = 'sent')`)}`);
      return;
  }
}
