// Finding one's booking without the link (issue 22): its reference and the patient's birth date.
// A wrong pair and an unknown reference get the same answer; each reference has a daily cap of
// failed tries (reference_tries), checked and counted in the lookup's own statement.
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';

/** Failed tries a reference takes in a day (UTC) before it opens nothing, even with the right birth date. */
export const REFERENCE_TRIES_PER_DAY = 5;

export type LookupOutcome = { found: string } | { found: null; capped: boolean };

/**
 * The booked, not yet ended booking with this reference and birth date, in one statement: under
 * the reference's cap; a miss counts one failure. Concurrent misses add up (ON CONFLICT takes the
 * row lock), so the cap holds within the few tries that raced past it together.
 */
export async function findByReference(db: Db, reference: string, birthDate: string, now: Date): Promise<LookupOutcome> {
  const day = now.toISOString().slice(0, 10);
  const { rows } = await db.execute<{ id: string | null; capped: boolean }>(sql`
    WITH tries AS (
      SELECT coalesce((SELECT failures FROM reference_tries WHERE reference = ${reference} AND day = ${day}), 0) >= ${REFERENCE_TRIES_PER_DAY} AS capped
    ), found AS (
      SELECT b.id FROM bookings b JOIN slots s ON s.id = b.slot_id, tries
      WHERE b.reference = ${reference} AND b.patient_birth_date = ${birthDate}::date AND b.status = 'booked' AND s.ends_at > ${now}
        AND NOT tries.capped
    ), missed AS (
      INSERT INTO reference_tries (reference, day, failures)
      SELECT ${reference}, ${day}, 1 WHERE NOT EXISTS (SELECT 1 FROM found)
      ON CONFLICT (reference, day) DO UPDATE SET failures = reference_tries.failures + 1
    )
    SELECT (SELECT id FROM found) AS id, tries.capped FROM tries`);
  const row = rows[0];
  return row.id ? { found: row.id } : { found: null, capped: row.capped };
}
