// Integrators' webhook endpoints. Object-level authorisation is a SQL condition (visibleTo): an
// integrator sees its own endpoints only, and someone else's is a 404 like a missing one.
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import type { WEBHOOK_EVENT_TYPES } from '../../db/schema';
import { textArray } from '../../db/text-array';
import { rememberCte, type Idempotency } from '../idempotency/idempotency.queries';
import type { Caller } from '../../domain/caller';

export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

export type EndpointRow = {
  id: string;
  client_id: string;
  url: string;
  event_types: WebhookEventType[];
  status: 'enabled' | 'disabled';
  disabled_reason: 'gone' | 'failing' | null;
  disabled_at: string | Date | null;
  failing_since: string | Date | null;
  previous_secret_expires_at: string | Date | null;
  created_at: string | Date;
};

/** How long a rotated-out secret keeps signing, beside the new one. */
export const ROTATION_OVERLAP_MS = 24 * 3600 * 1000;

const COLUMNS = sql`e.id, e.client_id, e.url, e.event_types, e.status, e.disabled_reason, e.disabled_at, e.failing_since, e.previous_secret_expires_at, e.created_at`;

export function endpointVisibleTo(caller: Caller): SQL {
  return caller.role === 'admin'
    ? sql`true`
    : sql`e.client_id = ${caller.role === 'integrator' ? caller.clientId : ''}`;
}

/** Inserts the endpoint and, with an Idempotency-Key, the key pointing at it, in one statement. */
export async function insertEndpoint(
  db: Db,
  e: {
    id: string;
    clientId: string;
    url: string;
    eventTypes: string[];
    sealedSecret: string;
    now: Date;
    idempotency?: Idempotency;
  },
) {
  const { rows } = await db.execute<EndpointRow>(sql`
    WITH e AS (
      INSERT INTO webhook_endpoints (id, client_id, url, event_types, secret, created_at)
      VALUES (${e.id}, ${e.clientId}, ${e.url}, ${textArray(e.eventTypes)}::text[], ${e.sealedSecret}, ${e.now})
      RETURNING *
    )${rememberCte(e.idempotency, sql`e`, 'webhook_endpoint_id', e.now)}
    SELECT ${COLUMNS} FROM e`);
  return rows[0];
}

/** What signs an endpoint's webhooks: its secret, and the previous one while a rotation overlaps. */
export type EndpointSecrets = {
  secret: string;
  previous_secret: string | null;
  previous_secret_expires_at: string | Date | null;
};

export async function endpointWithSecrets(
  db: Db,
  caller: Caller,
  id: string,
): Promise<(EndpointRow & EndpointSecrets) | undefined> {
  const { rows } = await db.execute<EndpointRow & EndpointSecrets>(sql`
    SELECT ${COLUMNS}, e.secret, e.previous_secret FROM webhook_endpoints e WHERE e.id = ${id} AND ${endpointVisibleTo(caller)}`);
  return rows[0];
}

/** Changes what was given of the URL and the event types; the secret and status stay. */
export async function updateEndpoint(
  db: Db,
  caller: Caller,
  id: string,
  change: { url?: string; eventTypes?: string[] },
): Promise<EndpointRow | undefined> {
  const { rows } = await db.execute<EndpointRow>(sql`
    UPDATE webhook_endpoints e SET
      url = COALESCE(${change.url ?? null}, e.url),
      event_types = COALESCE(${change.eventTypes ? textArray(change.eventTypes) : null}::text[], e.event_types)
    WHERE e.id = ${id} AND ${endpointVisibleTo(caller)}
    RETURNING ${COLUMNS}`);
  return rows[0];
}

export async function endpointsFor(db: Db, caller: Caller, after: string | undefined, limit: number) {
  const { rows } = await db.execute<EndpointRow>(sql`
    SELECT ${COLUMNS} FROM webhook_endpoints e
    WHERE ${endpointVisibleTo(caller)} AND ${after ? sql`e.id > ${after}` : sql`true`}
    ORDER BY e.id LIMIT ${limit}`);
  return rows;
}

export async function endpointById(db: Db, caller: Caller, id: string): Promise<EndpointRow | undefined> {
  const { rows } = await db.execute<EndpointRow>(
    sql`SELECT ${COLUMNS} FROM webhook_endpoints e WHERE e.id = ${id} AND ${endpointVisibleTo(caller)}`,
  );
  return rows[0];
}

/** Deletes the endpoint and its delivery log. */
export async function deleteEndpoint(db: Db, caller: Caller, id: string): Promise<boolean> {
  const { rows } = await db.execute<{ id: string }>(
    sql`DELETE FROM webhook_endpoints e WHERE e.id = ${id} AND ${endpointVisibleTo(caller)} RETURNING e.id`,
  );
  return rows.length > 0;
}

/** The new secret signs from now on; the current one keeps signing beside it for 24 hours. */
export async function rotateSecret(
  db: Db,
  caller: Caller,
  id: string,
  sealedSecret: string,
  now: Date,
): Promise<EndpointRow | undefined> {
  const { rows } = await db.execute<EndpointRow>(sql`
    UPDATE webhook_endpoints e SET previous_secret = e.secret, previous_secret_expires_at = ${new Date(now.getTime() + ROTATION_OVERLAP_MS)}, secret = ${sealedSecret}
    WHERE e.id = ${id} AND ${endpointVisibleTo(caller)}
    RETURNING ${COLUMNS}`);
  return rows[0];
}

/** Enables a disabled endpoint; its waiting deliveries become due again at once. */
export async function enableEndpoint(db: Db, caller: Caller, id: string, now: Date): Promise<EndpointRow | undefined> {
  const { rows } = await db.execute<EndpointRow>(sql`
    WITH enabled AS (
      UPDATE webhook_endpoints e SET status = 'enabled', disabled_reason = NULL, disabled_at = NULL, failing_since = NULL
      WHERE e.id = ${id} AND ${endpointVisibleTo(caller)}
      RETURNING e.*
    ), resumed AS (
      UPDATE webhook_deliveries d SET next_attempt_at = ${now}
      WHERE d.endpoint_id IN (SELECT id FROM enabled) AND d.status = 'pending' AND d.next_attempt_at > ${now}
    )
    SELECT ${COLUMNS} FROM enabled e`);
  return rows[0];
}
