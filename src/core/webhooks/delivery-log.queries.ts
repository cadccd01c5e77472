// An endpoint's delivery log, newest first, for its integrator (and admins).
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import type { Caller } from '../../domain/caller';
import { endpointVisibleTo, type WebhookEventType } from './endpoints.queries';

export type DeliveryRow = {
  id: string;
  event_id: string;
  event_type: WebhookEventType;
  payload: Record<string, unknown>;
  status: 'pending' | 'succeeded' | 'failed';
  attempts: number;
  next_attempt_at: string | Date | null;
  last_status: number | null;
  last_error: string | null;
  last_attempt_at: string | Date | null;
  delivered_at: string | Date | null;
  created_at: string | Date;
};

const COLUMNS = sql`d.id, d.event_id, d.event_type, d.payload, d.status, d.attempts, d.next_attempt_at, d.last_status, d.last_error, d.last_attempt_at, d.delivered_at, d.created_at`;

/** undefined when the endpoint is not visible (a 404), else a page (possibly empty). */
export async function deliveriesOf(
  db: Db,
  caller: Caller,
  endpointId: string,
  before: [string, string] | undefined,
  limit: number,
) {
  const { rows } = await db.execute<DeliveryRow & { endpoint: string; id: string | null }>(sql`
    SELECT e.id AS endpoint, page.* FROM webhook_endpoints e
    LEFT JOIN LATERAL (
      SELECT ${COLUMNS} FROM webhook_deliveries d
      WHERE d.endpoint_id = e.id AND ${before ? sql`(d.created_at, d.id) < (${before[0]}::timestamptz, ${before[1]}::uuid)` : sql`true`}
      ORDER BY d.created_at DESC, d.id DESC LIMIT ${limit}
    ) page ON true
    WHERE e.id = ${endpointId} AND ${endpointVisibleTo(caller)}`);
  if (!rows.length) return undefined;
  return rows.filter((r) => r.id !== null) as DeliveryRow[];
}

export async function deliveryById(
  db: Db,
  caller: Caller,
  endpointId: string,
  deliveryId: string,
): Promise<DeliveryRow | undefined> {
  const { rows } = await db.execute<DeliveryRow>(sql`
    SELECT ${COLUMNS} FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id
    WHERE d.id = ${deliveryId} AND e.id = ${endpointId} AND ${endpointVisibleTo(caller)}`);
  return rows[0];
}
