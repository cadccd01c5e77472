// A caller's hold with its slot, as the booking form shows it: when, where, until when it is kept.
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { gPrice, type SlotRow } from '../slots/slots.queries';

export type HeldSlot = SlotRow & {
  hold_id: string;
  hold_status: string;
  expires_at: string;
  expired: boolean;
  extensions: number;
};

/** Only the caller's own hold (anyone else's is nothing: the page answers 404). */
export async function heldSlot(db: Db, holdId: string, callerKey: string, now: Date): Promise<HeldSlot | undefined> {
  const { rows } = await db.execute<HeldSlot>(sql`
    SELECT h.id AS hold_id, h.status AS hold_status, h.expires_at, h.expires_at <= ${now} AS expired, h.extensions,
           s.id, s.starts_at, s.ends_at, si.time_zone, si.id AS site_id, si.name AS site_name, si.address, si.phone, si.accessibility,
           c.insee, c.name AS commune_name, ${gPrice} AS amount_cents
    FROM holds h
    JOIN slots s ON s.id = h.slot_id
    JOIN sites si ON si.id = s.site_id
    JOIN communes c ON c.insee = si.commune_insee
    WHERE h.id = ${holdId} AND h.caller_key = ${callerKey}`);
  return rows[0];
}
