import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';

/**
 * Claims the slot for a new hold and, only if that succeeds, releases the owner's previous hold,
 * in one statement. The UPDATE of the slot row is what serialises concurrent claims: a second
 * claimant waits for the row, then re-checks the conditions and finds it held. An integrator's or
 * agent's hold beyond its cap of active holds is refused by Postgres (trigger holds_caller_cap,
 * SQLSTATE HL001 → hold_limit_reached), and the whole statement with it.
 */
export async function claimHold(
  db: Db,
  h: { id: string; slotId: string; callerKey: string; ownerKey: string; now: Date; minutes: number },
) {
  const { rows } = await db.execute<{ id: string; slot_id: string; expires_at: string }>(sql`
    WITH claimed AS (
      UPDATE slots SET hold_id = ${h.id}, hold_owner = ${h.ownerKey},
        hold_expires_at = LEAST(${h.now}::timestamptz + make_interval(mins => ${h.minutes}), starts_at)
      WHERE id = ${h.slotId} AND status = 'open' AND starts_at > ${h.now}
        AND (hold_id IS NULL OR hold_expires_at <= ${h.now} OR hold_owner = ${h.ownerKey})
      RETURNING id, hold_expires_at
    ), previous AS (
      UPDATE holds SET status = 'released'
      WHERE owner_key = ${h.ownerKey} AND status = 'active' AND EXISTS (SELECT 1 FROM claimed)
      RETURNING slot_id
    ), freed AS (
      UPDATE slots SET hold_id = NULL, hold_owner = NULL, hold_expires_at = NULL
      WHERE id IN (SELECT slot_id FROM previous) AND id <> ${h.slotId} AND hold_owner = ${h.ownerKey}
    )
    INSERT INTO holds (id, slot_id, caller_key, owner_key, status, created_at, expires_at)
    SELECT ${h.id}, id, ${h.callerKey}, ${h.ownerKey}, 'active', ${h.now}, hold_expires_at FROM claimed
    -- Reading \`previous\` makes it run first: the old hold must be released before the unique
    -- index (one active hold per owner) sees the new one.
    WHERE (SELECT count(*) FROM previous) >= 0
    RETURNING id, slot_id, expires_at`);
  return rows[0];
}

export async function slotExists(db: Db, slotId: string) {
  const { rows } = await db.execute(sql`SELECT 1 FROM slots WHERE id = ${slotId}`);
  return rows.length > 0;
}

/** Releases the caller's active hold and frees its slot. False when there is no such hold. */
export async function releaseHoldOf(db: Db, id: string, callerKey: string) {
  const { rows } = await db.execute(sql`
    WITH released AS (
      UPDATE holds SET status = 'released' WHERE id = ${id} AND caller_key = ${callerKey} AND status = 'active' RETURNING id, slot_id
    ), freed AS (
      UPDATE slots SET hold_id = NULL, hold_owner = NULL, hold_expires_at = NULL
      WHERE id IN (SELECT slot_id FROM released) AND hold_id = ${id}
    )
    SELECT id FROM released`);
  return rows.length > 0;
}
