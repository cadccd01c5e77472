// What the fuzz callers could change, read in one statement: a digest of every row of the test's
// own zone (zone, sites, missions, slots, holds, bookings) and of every row owned by a fuzz
// subject, plus the audit rows they left. Digests of whole rows catch updates, not only counts.
import { Client, neonConfig } from '@neondatabase/serverless';
import { env } from '../helpers/env';
import type { World } from './world';

export interface Rows {
  digest: string;
  auditMax: number;
}
export interface AuditRow {
  actor_role: string;
  actor_sub: string;
  outcome: string;
}

const DIGEST = `
  WITH own_slots AS (SELECT id FROM slots WHERE epci_siren = $1)
  SELECT md5(concat_ws('/',
    (SELECT string_agg(p::text, '|' ORDER BY siren) FROM priority_zones p WHERE siren = $1),
    (SELECT string_agg(s::text, '|' ORDER BY id) FROM sites s WHERE epci_siren = $1),
    (SELECT string_agg(m::text, '|' ORDER BY id) FROM missions m WHERE epci_siren = $1 OR doctor_rpps = $3),
    (SELECT string_agg(s::text, '|' ORDER BY id) FROM slots s WHERE epci_siren = $1),
    (SELECT string_agg(h::text, '|' ORDER BY id) FROM holds h WHERE slot_id IN (SELECT id FROM own_slots) OR caller_key LIKE $2),
    (SELECT string_agg(b::text, '|' ORDER BY id) FROM bookings b WHERE slot_id IN (SELECT id FROM own_slots) OR owner_sub LIKE $2 OR client_id LIKE $2),
    (SELECT string_agg(k::text, '|' ORDER BY owner, key) FROM idempotency_keys k WHERE owner LIKE $2)
  )) AS digest,
  (SELECT coalesce(max(id), 0) FROM audit_events WHERE actor_sub LIKE $2) AS "auditMax"`;

/** One connection for the whole run of a file: opening one per request would double its cost. */
export async function rowsReader(world: World) {
  const proxy = env.DB_PROXY!;
  neonConfig.wsProxy = (host, port) => `${proxy}/v1?address=${host}:${port}`;
  neonConfig.useSecureWebSocket = false;
  neonConfig.pipelineTLS = false;
  neonConfig.pipelineConnect = false;
  const client = new Client(env.DATABASE_URL);
  client.on('error', () => undefined);
  await client.connect();
  const pattern = `%fuzz-${world.tag}-%`;
  return {
    async read(): Promise<Rows> {
      const { rows } = await client.query(DIGEST, [world.siren, pattern, world.rpps]);
      return { digest: rows[0].digest, auditMax: Number(rows[0].auditMax) };
    },
    async auditSince(id: number): Promise<AuditRow[]> {
      const { rows } = await client.query(
        'SELECT actor_role, actor_sub, outcome FROM audit_events WHERE actor_sub LIKE $1 AND id > $2',
        [pattern, id],
      );
      return rows;
    },
    end: () => client.end(),
  };
}
