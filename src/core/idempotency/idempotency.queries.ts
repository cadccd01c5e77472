// Idempotency-Key storage shared by the operations that accept one (booking, rescheduling, holding
// a slot, registering a webhook endpoint): the key is written by the change's own statement, so a
// change and its key exist together or not at all. Keys are per caller and kept 24 hours
// (domain/retention.ts); the request hash names the operation, so a key reused for another
// request is refused, never mistaken for it.
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { findPgError } from '../../db/errors';
import { problem } from '../../domain/problem';

export interface Idempotency {
  owner: string;
  key: string;
  hash: string;
}

type Column = 'booking_id' | 'hold_id' | 'webhook_endpoint_id';

/** `, <name> AS (INSERT INTO idempotency_keys …)`: the key, pointing at the row `source` made (its id). Nothing without a key. */
export function rememberCte(
  idempotency: Idempotency | undefined,
  source: SQL,
  column: Column,
  at: Date,
  name = 'remembered',
): SQL {
  if (!idempotency) return sql``;
  return sql`, ${sql.raw(name)} AS (
      INSERT INTO idempotency_keys (owner, key, request_hash, ${sql.raw(column)}, created_at)
      SELECT ${idempotency.owner}, ${idempotency.key}, ${idempotency.hash}, id, ${at} FROM ${source}
    )`;
}

export const isIdempotencyClash = (error: unknown) =>
  findPgError(error)?.constraint === 'idempotency_keys_owner_key_pk';

/**
 * What the key's first request made (the id in `column`), if the key was used; the same key with
 * another request is refused.
 */
export async function storedResult(
  db: Db,
  { owner, key, hash }: Idempotency,
  column: Column,
): Promise<string | undefined> {
  const { rows } = await db.execute<{ request_hash: string; id: string | null }>(
    sql`SELECT request_hash, ${sql.raw(column)} AS id FROM idempotency_keys WHERE owner = ${owner} AND key = ${key}`,
  );
  const stored = rows[0];
  if (!stored) return undefined;
  if (stored.request_hash !== hash || stored.id === null) {
    throw problem(
      'idempotency_key_reused',
      'This Idempotency-Key was used with another request; use a new key for a new change.',
    );
  }
  return stored.id;
}

/**
 * Runs a change that writes its key; if it matched nothing or its key was taken, returns what the
 * key's first request made (`replayed`), or undefined for the caller to explain why nothing happened.
 */
export async function changeOrReplay<R, P>(
  db: Db,
  idempotency: Idempotency | undefined,
  column: Column,
  change: () => Promise<R | undefined>,
  read: (id: string) => Promise<P | undefined>,
): Promise<{ row: R; replayed: false } | { row: P; replayed: true } | undefined> {
  let row: R | undefined;
  try {
    row = await change();
  } catch (error) {
    // The key was used before (and, for a slot, the slot is free again): a replay, not a new change.
    if (!idempotency || !isIdempotencyClash(error)) throw error;
  }
  if (row) return { row, replayed: false };
  if (!idempotency) return undefined;
  const id = await storedResult(db, idempotency, column);
  const first = id === undefined ? undefined : await read(id);
  return first ? { row: first, replayed: true } : undefined;
}
