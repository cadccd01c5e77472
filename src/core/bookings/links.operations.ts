// Managing one booking without an account (issue 22): the personal link /rdv/<token> that every
// message carries opens that booking, as a patient, for as long as it can still be managed.
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { LINK_TOKEN, linkTokenHash, newLinkToken } from '../../lib/link-token';
import type { Caller } from '../../domain/caller';

/** The caller a link (or a reference with its birth date) makes: a patient who may see and change that booking only. */
export const bookingHolder = (bookingId: string): Caller => ({ role: 'patient', sub: `rdv:${bookingId}`, bookingId });

/**
 * The booking a link opens: while it is booked and until its consultation ends. A moved booking's
 * earlier links were deleted by the move; a cancelled one's open nothing.
 */
export async function bookingOfLink(db: Db, token: string, now: Date): Promise<string | undefined> {
  if (!LINK_TOKEN.test(token)) return undefined;
  const { rows } = await db.execute<{ id: string }>(sql`
    SELECT b.id FROM booking_links l JOIN bookings b ON b.id = l.booking_id JOIN slots s ON s.id = b.slot_id
    WHERE l.token_hash = ${await linkTokenHash(token)} AND b.status = 'booked' AND s.ends_at > ${now}`);
  return rows[0]?.id;
}

/**
 * A new link for a booked booking, for the patient who just moved it or found it by reference (the
 * move ended the link they came with); undefined if it is no longer booked.
 */
export async function issueLink(db: Db, bookingId: string, now: Date): Promise<string | undefined> {
  const token = newLinkToken();
  const { rows } = await db.execute(sql`
    INSERT INTO booking_links (token_hash, booking_id, created_at)
    SELECT ${await linkTokenHash(token)}, id, ${now} FROM bookings WHERE id = ${bookingId} AND status = 'booked'
    RETURNING booking_id`);
  return rows.length ? token : undefined;
}
