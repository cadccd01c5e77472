import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import type { Referral } from '../../domain/referral';
import { auditCte, type AuditEntry } from '../audit/audit.queries';
import { rememberCte, type Idempotency } from '../idempotency/idempotency.queries';

/** An agent's hold, extension or release leaves its audit row in the same statement (no booking yet). */
const holdAudit = (audit: AuditEntry | undefined, changed: string) =>
  auditCte(audit, sql.raw(changed), sql`NULL::uuid`);

/**
 * Claims the slot for a new hold and, only if that succeeds, releases the owner's previous hold,
 * in one statement. The UPDATE of the slot row is what serialises concurrent claims: a second
 * claimant waits for the row, then re-checks the conditions and finds it held. An integrator's or
 * agent's hold beyond its cap of active holds is refused by Postgres (trigger holds_caller_cap,
 * SQLSTATE HL001 → hold_limit_reached), and the whole statement with it.
 */
export async function claimHold(
  db: Db,
  h: {
    id: string;
    slotId: string;
    callerKey: string;
    ownerKey: string;
    now: Date;
    minutes: number;
    referral?: Referral;
    idempotency?: Idempotency;
  },
  audit?: AuditEntry,
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
    ), created AS (
      INSERT INTO holds (id, slot_id, caller_key, owner_key, status, created_at, expires_at, referral_source, referral_id)
      SELECT ${h.id}, id, ${h.callerKey}, ${h.ownerKey}, 'active', ${h.now}, hold_expires_at, ${h.referral?.source ?? null}, ${h.referral?.id ?? null} FROM claimed
      -- Reading \`previous\` makes it run first: the old hold must be released before the unique
      -- index (one active hold per owner) sees the new one.
      WHERE (SELECT count(*) FROM previous) >= 0
      RETURNING id, slot_id, expires_at
    )${rememberCte(h.idempotency, sql`created`, 'hold_id', h.now)}${holdAudit(audit, 'created')}
    SELECT id, slot_id, expires_at FROM created`);
  return rows[0];
}

export async function slotExists(db: Db, slotId: string) {
  const { rows } = await db.execute(sql`SELECT 1 FROM slots WHERE id = ${slotId}`);
  return rows.length > 0;
}

/** Releases the caller's active hold and frees its slot. False when there is no such hold. */
export async function releaseHoldOf(db: Db, id: string, callerKey: string, audit?: AuditEntry) {
  const { rows } = await db.execute(sql`
    WITH released AS (
      UPDATE holds SET status = 'released' WHERE id = ${id} AND caller_key = ${callerKey} AND status = 'active' RETURNING id, slot_id
    ), freed AS (
      UPDATE slots SET hold_id = NULL, hold_owner = NULL, hold_expires_at = NULL
      WHERE id IN (SELECT slot_id FROM released) AND hold_id = ${id}
    )${holdAudit(audit, 'released')}
    SELECT id FROM released`);
  return rows.length > 0;
}

/**
 * Extends the caller's active, unexpired hold to `minutes` from now (never past the slot's start)
 * and counts the extension, while fewer than `maxExtensions` were granted: one statement. Locking
 * the hold and its slot together first (re-checked on their latest versions) means both updates
 * then apply, or neither: a claimant of the slot, or a second extension, waits and re-checks.
 */
export async function extendHoldOf(
  db: Db,
  e: { id: string; callerKey: string; now: Date; minutes: number; maxExtensions: number },
  audit?: AuditEntry,
) {
  const { rows } = await db.execute<{ id: string; slot_id: string; expires_at: string; extensions: number }>(sql`
    WITH locked AS (
      SELECT h.id, h.slot_id, LEAST(${e.now}::timestamptz + make_interval(mins => ${e.minutes}), s.starts_at) AS expires_at
      FROM holds h JOIN slots s ON s.id = h.slot_id AND s.hold_id = h.id
      WHERE h.id = ${e.id} AND h.caller_key = ${e.callerKey} AND h.status = 'active' AND h.expires_at > ${e.now}
        AND h.extensions < ${e.maxExtensions} AND s.status = 'open' AND s.starts_at > ${e.now}
      FOR UPDATE
    ), slot AS (
      UPDATE slots s SET hold_expires_at = l.expires_at FROM locked l WHERE s.id = l.slot_id
    ), extended AS (
      UPDATE holds h SET expires_at = l.expires_at, extensions = h.extensions + 1
      FROM locked l WHERE h.id = l.id
      RETURNING h.id, h.slot_id, h.expires_at, h.extensions
    )${holdAudit(audit, 'extended')}
    SELECT id, slot_id, expires_at, extensions FROM extended`);
  return rows[0];
}

/** A hold of the caller's and its state (why it could not be extended, or what it is now); nothing when it is not theirs. */
export async function holdState(db: Db, id: string, callerKey: string, now: Date) {
  const { rows } = await db.execute<{
    id: string;
    slot_id: string;
    status: 'active' | 'released' | 'consumed';
    expires_at: string;
    expired: boolean;
    extensions: number;
  }>(sql`
    SELECT id, slot_id, status, expires_at, expires_at <= ${now} AS expired, extensions FROM holds WHERE id = ${id} AND caller_key = ${callerKey}`);
  return rows[0];
}
