// The purge: applies src/domain/retention.ts at `asOf`. The daily Cron Trigger runs it with the
// controller's scheduledTime, and `npm run purge -- --as-of <date>` with any date, so that what a
// date would purge can be seen. Bookings past retention are anonymised in place (still counted by
// statistics, coverage and indemnities); the rest is deleted. Each statement stands alone and is
// idempotent: a run cut short is finished by the next one. Upcoming bookings are never touched.
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { retentionCutoffs } from '../../domain/retention';

export interface PurgeCounts {
  bookingsAnonymised: number;
  waitlistEntriesAnonymised: number;
  idempotencyKeys: number;
  holds: number;
  revokedSessions: number;
  callList: number;
  notifications: number;
  webhookDeliveries: number;
  deliveries: number;
  events: number;
  bookingLinks: number;
  waitlistLinks: number;
  referenceTries: number;
}

/** The SET of an anonymisation: patient data gone, the rest (status, channel, amounts, dates) kept. */
export const anonymiseSet = (at: Date) => sql`
  patient_first_name = NULL, patient_last_name = NULL, patient_birth_date = NULL, patient_phone = NULL,
  patient_email = NULL, patient_key = NULL, identity_key = NULL, notify_sms = false, notify_email = false,
  -- The aggregator's correlation id ties the booking to its user there; the source stays, counted.
  referral_id = NULL,
  owner_sub = CASE WHEN owner_role = 'patient' THEN 'anonymised' ELSE owner_sub END,
  anonymised_at = ${at}, updated_at = greatest(updated_at, ${at})`;

const count = async (db: Db, query: ReturnType<typeof sql>) => {
  const { rows } = await db.execute<{ n: number }>(
    sql`WITH gone AS (${query} RETURNING 1) SELECT count(*)::int AS n FROM gone`,
  );
  return rows[0]?.n ?? 0;
};

export async function purge(db: Db, asOf: Date): Promise<PurgeCounts> {
  const cut = retentionCutoffs(asOf);
  // A message still planned for such a booking (a stuck one) would have no one to reach: stopped.
  const {
    rows: [anonymised],
  } = await db.execute<{ n: number }>(sql`
    WITH gone AS (
      UPDATE bookings SET ${anonymiseSet(asOf)}
      WHERE anonymised_at IS NULL AND coalesce(cancelled_at, starts_at) < ${cut.bookingPatient} AND starts_at <= ${asOf}
      RETURNING id
    ), silenced AS (
      UPDATE notifications SET status = 'cancelled', next_attempt_at = NULL WHERE booking_id IN (SELECT id FROM gone) AND status = 'scheduled'
    )
    SELECT count(*)::int AS n FROM gone`);
  const bookingsAnonymised = anonymised?.n ?? 0;
  // A waiting person is kept: only entries that ended, a while ago, lose their person (still counted by the ARS figures).
  const waitlistEntriesAnonymised = await count(
    db,
    sql`
    UPDATE waitlist_entries SET patient_first_name = NULL, patient_last_name = NULL, patient_birth_date = NULL, patient_phone = NULL,
      patient_email = NULL, identity_key = NULL, notify_sms = false, notify_email = false,
      owner_sub = CASE WHEN owner_role = 'patient' THEN 'anonymised' ELSE owner_sub END, anonymised_at = ${asOf}
    WHERE anonymised_at IS NULL AND ended_at < ${cut.endedWaitlist}`,
  );
  const idempotencyKeys = await count(db, sql`DELETE FROM idempotency_keys WHERE created_at < ${cut.idempotencyKey}`);
  const holds = await count(db, sql`DELETE FROM holds WHERE expires_at < ${cut.endedHold}`);
  // A revoked session's cookie is refused by itself after `until`: the row is no longer needed.
  const revokedSessions = await count(db, sql`DELETE FROM revoked_sessions WHERE until < ${asOf}`);
  const callList = await count(
    db,
    sql`
    DELETE FROM call_list cl USING bookings b
    WHERE b.id = cl.booking_id AND (cl.done_at < ${cut.callList} OR (cl.done_at IS NULL AND b.starts_at < ${cut.callList}))`,
  );
  // A personal link opens nothing once its booking is over or cancelled (and would keep the message it
  // came in from being deleted): gone a day later. Failed /rdv tries count per day: gone the next.
  const bookingLinks = await count(
    db,
    sql`
    DELETE FROM booking_links l USING bookings b
    WHERE b.id = l.booking_id AND (b.status = 'cancelled' OR b.anonymised_at IS NOT NULL OR b.starts_at < ${cut.endedHold})`,
  );
  // An offer's link opens nothing once its entry ended: gone a day later.
  const waitlistLinks = await count(
    db,
    sql`
    DELETE FROM waitlist_links l USING waitlist_entries e WHERE e.id = l.entry_id AND e.ended_at < ${cut.endedHold}`,
  );
  const referenceTries = await count(
    db,
    sql`DELETE FROM reference_tries WHERE day < (${cut.endedHold}::timestamptz AT TIME ZONE 'UTC')::date`,
  );
  // Scheduled messages are still to send; those about an upcoming booking are kept with it.
  const notifications =
    (await count(
      db,
      sql`
    DELETE FROM notifications n USING bookings b
    WHERE b.id = n.booking_id AND n.status <> 'scheduled' AND n.created_at < ${cut.notification} AND b.starts_at <= ${asOf}`,
    )) +
    (await count(
      db,
      sql`
    DELETE FROM notifications n
    WHERE n.offer_id IS NOT NULL AND n.status <> 'scheduled' AND n.created_at < ${cut.notification}
      AND NOT EXISTS (SELECT 1 FROM waitlist_links l WHERE l.notification_id = n.id)`,
    ));
  const webhookDeliveries = await count(
    db,
    sql`
    DELETE FROM webhook_deliveries WHERE status <> 'pending' AND created_at < ${cut.event}`,
  );
  const deliveries = await count(
    db,
    sql`
    DELETE FROM deliveries d USING events e
    WHERE e.id = d.event_id AND d.status <> 'delivering' AND e.occurred_at < ${cut.event}`,
  );
  // An event still referenced (a kept message, call-list row or pending delivery) stays with it.
  const events = await count(
    db,
    sql`
    DELETE FROM events e
    WHERE e.occurred_at < ${cut.event} AND e.enqueued_at IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.event_id = e.id)
      AND NOT EXISTS (SELECT 1 FROM webhook_deliveries w WHERE w.event_id = e.id)
      AND NOT EXISTS (SELECT 1 FROM notifications n WHERE n.event_id = e.id)
      AND NOT EXISTS (SELECT 1 FROM call_list cl WHERE cl.event_id = e.id)`,
  );
  return {
    bookingsAnonymised,
    waitlistEntriesAnonymised,
    idempotencyKeys,
    holds,
    revokedSessions,
    callList,
    notifications,
    webhookDeliveries,
    deliveries,
    events,
    bookingLinks,
    waitlistLinks,
    referenceTries,
  };
}
