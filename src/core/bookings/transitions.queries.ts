import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { BOOKING_TRANSITIONS, type BookingStatus } from '../../domain/booking-status';
import { DEFAULT_EARLY_MINUTES } from '../../domain/check-in';
import type { TariffRate, TariffTerritory } from '../../domain/tariff';
import { ratesJson } from '../tariffs/tariffs.queries';
import { textArray } from '../../db/text-array';
import type { Caller } from '../../lib/types';
import { auditCte, type AuditEntry } from '../audit/audit.queries';
import { bookingEventCte } from '../../events/outbox.queries';
import type { EventType } from '../../events/event';
import { recordEvents } from '../../events/publish';
import { representation, visibleTo, type BookingRow } from './bookings.queries';

/** Guards on b (bookings), each paired with a fact of bookingFacts that explains a refusal. */
export const guards = {
  /** The mission day has begun: its check-in window is open. */
  dayOpen: (now: Date) => sql`EXISTS (SELECT 1 FROM missions m WHERE m.id = b.mission_id AND m.starts_at - make_interval(mins => ${DEFAULT_EARLY_MINUTES}) <= ${now})`,
  checkedIn: sql`EXISTS (SELECT 1 FROM missions m WHERE m.id = b.mission_id AND m.checked_in_at IS NOT NULL)`,
  started: (now: Date) => sql`b.starts_at <= ${now}`,
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
export async function transition(db: Db, id: string, caller: Caller, to: BookingStatus, now: Date, set: SQL, guard: SQL, audit?: AuditEntry) {
  const eventId = crypto.randomUUID();
  const event = { name: 'moved_event', id: eventId, ...EVENTS[to], cancelledBy: to === 'cancelled' ? caller.role : undefined };
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

export type BookingFacts = {
  status: BookingStatus; birth_date: string; local_date: string; territory: TariffTerritory;
  day_open: boolean; checked_in: boolean; started: boolean; rates: TariffRate[] | null;
};

/** What a transition depends on, for the caller's view of the booking; the tariff table if asked. */
export async function bookingFacts(db: Db, id: string, caller: Caller, now: Date, withRates = false) {
  const { rows } = await db.execute<BookingFacts>(sql`
    SELECT b.status, b.patient_birth_date::text AS birth_date, m.local_date::text AS local_date, mission_tariff_territory(m.id) AS territory,
           ${guards.dayOpen(now)} AS day_open, ${guards.checkedIn} AS checked_in, ${guards.started(now)} AS started,
           ${withRates ? ratesJson : sql`NULL`} AS rates
    FROM bookings b JOIN missions m ON m.id = b.mission_id
    WHERE b.id = ${id} AND ${visibleTo(caller)}`);
  return rows[0];
}
