// The bookings of one caller on the phone, found by what they can tell an agent: their phone
// number, their booking's reference, or their birth date and name. Upcoming bookings first, soonest first; then past ones,
// latest first.
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { representation, type BookingRow } from './bookings.queries';

const upcomingFirst = (now: Date) =>
  sql`ORDER BY b.starts_at >= ${now} DESC, CASE WHEN b.starts_at >= ${now} THEN b.starts_at END ASC, b.starts_at DESC, b.id`;

async function bookingsWhere(db: Db, condition: SQL, now: Date, limit: number) {
  const { rows } = await db.execute<BookingRow>(
    sql`${representation(sql`bookings`)} WHERE ${condition} ${upcomingFirst(now)} LIMIT ${limit}`,
  );
  return rows;
}

/** The booking with this reference (domain/booking-reference.ts), normalised. */
export const bookingsByReference = (db: Db, reference: string, now: Date, limit: number) =>
  bookingsWhere(db, sql`b.reference = ${reference}`, now, limit);

/** Bookings made with this phone number (E.164). */
export const bookingsByPhone = (db: Db, e164: string, now: Date, limit: number) =>
  bookingsWhere(db, sql`b.patient_phone = ${e164}`, now, limit);

/**
 * The Latin letters of a name, lower case, without accents: the part of folding (domain/patients.ts
 * foldName) that Postgres does alike whatever its locale. Equal folded names have equal keys; the
 * operation compares the full folded names (ø, œ, ß, other scripts) afterwards.
 */
const latinKey = (column: SQL) => sql`regexp_replace(lower(normalize(${column}, NFKD)), '[^a-z]', '', 'g')`;

/** Bookings of people born on this date (YYYY-MM-DD) whose names have these Latin keys (first name optional). */
export const bookingsByBirthDateAndName = (
  db: Db,
  birthDate: string,
  lastNameKey: string,
  firstNameKey: string | undefined,
  now: Date,
  limit: number,
) =>
  bookingsWhere(
    db,
    sql`b.patient_birth_date = ${birthDate}::date AND ${latinKey(sql`b.patient_last_name`)} = ${lastNameKey}
    ${firstNameKey === undefined ? sql`` : sql`AND ${latinKey(sql`b.patient_first_name`)} = ${firstNameKey}`}`,
    now,
    limit,
  );
