import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { BOOKING_TRANSITIONS, type BookingStatus } from '../../domain/booking-status';
import { DEFAULT_EARLY_MINUTES } from '../../domain/check-in';
import type { TariffRate, TariffTerritory } from '../../domain/tariff';
import { ratesJson } from '../tariffs/tariffs.queries';
import { textArray } from '../../db/text-array';
import type { Caller } from '../../domain/caller';
import { auditCte, type AuditEntry } from '../audit/audit.queries';
import { bookingEventCte } from '../outbox/outbox.queries';
import type { EventType } from '../outbox/event';
import { recordEvents } from '../outbox/publish';
import { representation, visibleTo, type BookingRow } from './bookings.queries';

/** Guards on b (bookings), each paired with a fact of bookingFacts that explains a refusal. */
export const guards = {
  /** The mission day has begun: its check-in window is open. */
  dayOpen: (now: Date) =>
    sql`EXISTS (SELECT 1 FROM missions m WHERE m.id = b.mission_id AND m.starts_at - make_interval(mins => ${DEFAULT_EARLY_MINUTES}) <= ${now})`,
  checkedIn: sql`EXISTS (SELECT 1 FROM missions m WHERE m.id = b.mission_id AND m.checked_in_at IS NOT NULL)`,
  started: (now: Date) => sql`b.starts_at <= ${now}`,
  /** The mission's date at the site is not over (arrivals open an hour before the start, so may precede it). */
  missionDay: (now: Date) => sql`EXISTS (SELECT 1 FROM missions m JOIN sites si ON si.id = m.site_id
    WHERE m.id = b.mission_id AND m.local_date >= (${now}::timestamptz AT TIME ZONE si.time_zone)::date)`,
};

/** Each status's event, and the column its transition stamps with the request's clock (when it occurred). */
const EVENTS: Record<BookingStatus, { type: EventType; at: SQL }> = {
  booked: { type: 'booking.created', at: sql`b.created_at` },
  arrived: { type: 'booking.arrived', at: sql`b.arrived_at` },
  noshow: { type: 'booking.noshow', at: sql`b.noshow_at` },
  fulfilled: { type: 'booking.fulfilled', at: sql`b.completed_at` },
  cancelled: { type: 'booking.cancelled', at: sql`b.cancelled_at` },
};

/**
 * Compare-and-set in one statement: the booking moves to `to` only from a status the state machine
 * allows, only if the caller may see it and `guard` holds. Of concurrent attempts, the first to
 * lock the row wins; the others re-check the status, find it changed, and match nothing. An
 * agent's or admin's change writes its audit row in the same statement, as every change writes its
 * event (booking.arrived, booking.noshow, booking.fulfilled…).
 */
export async function transition(
  db: Db,
  id: string,
  caller: Caller,
  to: BookingStatus,
  now: Date,
  set: SQL,
  guard: SQL,
  audit?: AuditEntry,
) {
  const eventId = crypto.randomUUID();
  const event = {
    name: 'moved_event',
    id: eventId,
    ...EVENTS[to],
    cancelledBy: to === 'cancelled' ? caller.role : undefined,
  };
  const { rows } = await db.execute<BookingRow>(sql`
    WITH moved AS (
      UPDATE bookings b SET status = ${to}, updated_at = ${now}, ${set}
      WHERE b.id = ${id} AND b.status = ANY(${textArray(BOOKING_TRANSITIONS[to])}::text[]) AND ${visibleTo(caller)} AND ${guard}
      RETURNING b.*
    )${bookingEventCte(event, sql`moved`)}${auditCte(audit, sql`moved`)}
    ${representation(sql`moved`)}`);
  if (rows[0]) recordEvents(db, [eventId]);
  return rows[0];
}

/**
 * Puts an arrived (not yet consulted) or absent booking back to booked, until the end of the
 * mission's day at the site, in one statement that writes its audit row whoever the caller is (a
 * doctor's change of a patient's record is traced too) and stamps updated_at, which integrators
 * sync on.
 */
export async function revertToBooked(db: Db, id: string, caller: Caller, now: Date, callReference: string | null) {
  const { rows } = await db.execute<BookingRow>(sql`
    WITH undone AS (
      UPDATE bookings b SET status = 'booked', arrived_at = NULL, noshow_at = NULL, updated_at = ${now}
      FROM (SELECT id, status FROM bookings WHERE id = ${id}) previous
      WHERE b.id = previous.id AND b.status IN ('arrived', 'noshow') AND ${visibleTo(caller)} AND ${guards.missionDay(now)}
      RETURNING b.*, previous.status AS previous_status
    ), audited AS (
      INSERT INTO audit_events (at, actor_role, actor_sub, booking_id, action, outcome, call_reference)
      SELECT ${now}, ${caller.role}, ${caller.sub}, id,
             CASE previous_status WHEN 'arrived' THEN 'booking.arrival.undo' ELSE 'booking.no-show.undo' END, '200', ${callReference}
      FROM undone
    )
    ${representation(sql`undone`)}`);
  return rows[0];
}

export type BookingFacts = {
  status: BookingStatus;
  birth_date: string;
  local_date: string;
  territory: TariffTerritory;
  day_open: boolean;
  checked_in: boolean;
  started: boolean;
  mission_day: boolean;
  rates: TariffRate[] | null;
};

/** What a transition depends on, for the caller's view of the booking; the tariff table if asked. */
export async function bookingFacts(db: Db, id: string, caller: Caller, now: Date, withRates = false) {
  const { rows } = await db.execute<BookingFacts>(sql`
    SELECT b.status, b.patient_birth_date::text AS birth_date, m.local_date::text AS local_date, mission_tariff_territory(m.id) AS territory,
           ${guards.dayOpen(now)} AS day_open, ${guards.checkedIn} AS checked_in, ${guards.started(now)} AS started,
           ${guards.missionDay(now)} AS mission_day,
           ${withRates ? ratesJson : sql`NULL`} AS rates
    FROM bookings b JOIN missions m ON m.id = b.mission_id
    WHERE b.id = ${id} AND ${visibleTo(caller)}`);
  return rows[0];
}
