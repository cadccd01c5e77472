// What a refused booking at a cap shows: the rule's number and the upcoming bookings it counted,
// as far as the caller may see them (a person's bookings made from another account or by the call
// centre are only counted, never shown: typing someone's identity must not reveal their visits).
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import type { Caller } from '../../domain/caller';
import { toBooking, type Booking } from './bookings.presenters';
import { representation, visibleTo, type BookingRow } from './bookings.queries';
import { canonicalPatient, type PatientInput } from './patient';

export interface CapReached {
  /** The cap in force (scheme_settings), per person or per account. */
  cap: number;
  /** How many upcoming bookings count towards it, seen or not. */
  counted: number;
  /** Those the caller may see, soonest first, as the pages show them. */
  bookings: Booking[];
}

/** The person's upcoming bookings (same folded names, birth date and phone as the cap counts them). */
export async function personCapReached(db: Db, caller: Caller, patient: PatientInput, now: Date): Promise<CapReached> {
  const { key } = await canonicalPatient(patient, now);
  return capOf(db, caller, sql`b.patient_key = ${key}`, sql`max_future_bookings_per_patient`, now);
}

/** The signed-in patient's account: its upcoming bookings, whoever they are for. */
export async function accountCapReached(db: Db, caller: Caller, now: Date): Promise<CapReached> {
  return capOf(
    db,
    caller,
    sql`b.owner_role = 'patient' AND b.owner_sub = ${caller.sub}`,
    sql`max_upcoming_bookings_per_account`,
    now,
  );
}

async function capOf(
  db: Db,
  caller: Caller,
  whose: ReturnType<typeof sql>,
  setting: ReturnType<typeof sql>,
  now: Date,
): Promise<CapReached> {
  const upcoming = sql`${whose} AND b.status = 'booked' AND b.starts_at > ${now.toISOString()}::timestamptz`;
  const [settings, rows] = await Promise.all([
    db.execute<{ cap: number; counted: number }>(
      sql`SELECT ${setting} AS cap, (SELECT count(*)::int FROM bookings b WHERE ${upcoming}) AS counted FROM scheme_settings`,
    ),
    db.execute<BookingRow>(
      sql`${representation(sql`bookings`)} WHERE ${upcoming} AND ${visibleTo(caller)} ORDER BY s.starts_at LIMIT 20`,
    ),
  ]);
  return { cap: settings.rows[0].cap, counted: settings.rows[0].counted, bookings: rows.rows.map(toBooking) };
}
