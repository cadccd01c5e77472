// Answering an offer without an account: the personal link /attente/<token> of each offer message
// opens that one entry, as a patient, while the person waits or is offered a slot.
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { LINK_TOKEN, linkTokenHash } from '../../lib/link-token';
import type { Caller } from '../../domain/caller';

/** The caller a link makes: a patient who may see and answer that entry only; what they book is theirs (owner `attente:<entry>`). */
export const entryHolder = (entryId: string): Caller => ({
  role: 'patient',
  sub: `attente:${entryId}`,
  waitlistEntryId: entryId,
});

/** The entry a link opens: while it is live, or the booking it ended with while that booking is booked. */
export async function entryOfLink(db: Db, token: string): Promise<string | undefined> {
  if (!LINK_TOKEN.test(token)) return undefined;
  const { rows } = await db.execute<{ id: string }>(sql`
    SELECT e.id FROM waitlist_links l JOIN waitlist_entries e ON e.id = l.entry_id
    LEFT JOIN bookings b ON b.id = e.booking_id
    WHERE l.token_hash = ${await linkTokenHash(token)} AND (e.status IN ('waiting', 'offered') OR b.status = 'booked')`);
  return rows[0]?.id;
}
