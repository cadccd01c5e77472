// What each load does: the API's requests as lists for wrk (HTTP), or the API's own SQL sent
// straight to Postgres (the ceiling), or that SQL over a new connection per request, as the worker
// does (to see what the per-request connection costs, with and without the WebSocket proxy).
import { randomUUID } from 'node:crypto';
import { Pool as NeonPool, neonConfig } from '@neondatabase/serverless';
import { PgDialect } from 'drizzle-orm/pg-core';
import pg from 'pg';
import WebSocket from 'ws';
import { canonicalPatient } from '../src/core/bookings/patient';
import { requestHash } from '../src/lib/idempotency';
import { insertBookingQuery } from '../src/core/bookings/bookings.queries';
import { chosenChannels } from '../src/domain/notifications/choice';
import { freeSlotsQuery } from '../src/core/slots/slots.queries';
import { DEFAULT_RANGE_DAYS } from '../src/routes/slots/slots.schemas';
import type { Outcome } from './load';
import type { HttpRequestSpec } from './wrk';
import { benchPatient } from './tokens';

const dialect = new PgDialect();
const DAY = 86_400_000;
const SEARCH_LIMIT = 20;

/** Round-robin over zones and callers (distinct callers keep per-caller limits out of the picture), for wrk. */
export function searchRequests(zones: string[], tokens: string[]): HttpRequestSpec[] {
  return tokens.map((t, i) => ({
    method: 'GET',
    path: `/v1/slots?epci=${zones[i % zones.length]}&limit=${SEARCH_LIMIT}`,
    headers: { authorization: `Bearer ${t}` },
  }));
}

/** The search exactly as the handler builds it (limit + 1 rows, to know if there is a next page). */
function searchSql(zone: string) {
  const now = new Date();
  return dialect.sqlToQuery(
    freeSlotsQuery(
      { epci: zone },
      { from: now, to: new Date(now.getTime() + DEFAULT_RANGE_DAYS * DAY) },
      now,
      undefined,
      SEARCH_LIMIT + 1,
    ),
  );
}

export function sqlSearch(pool: pg.Pool, zones: string[]) {
  let n = 0;
  return async (): Promise<Outcome> => {
    const q = searchSql(zones[n++ % zones.length]);
    await pool.query(q.sql, q.params);
    return { status: 'ok' };
  };
}

/** A new TCP connection per search (start-up, query, terminate): the connection's cost without the proxy. */
export function sqlSearchNewConnection(url: string, zones: string[]) {
  let n = 0;
  return async (): Promise<Outcome> => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const q = searchSql(zones[n++ % zones.length]);
      await client.query(q.sql, q.params);
    } finally {
      await client.end();
    }
    return { status: 'ok' };
  };
}

/** What the worker does per request, from Node: a Neon Pool over the WebSocket proxy, ended after. */
export function neonSearchViaProxy(url: string, proxy: string, zones: string[]) {
  neonConfig.webSocketConstructor = WebSocket as unknown as typeof neonConfig.webSocketConstructor;
  neonConfig.wsProxy = (host, port) => `${proxy}/v1?address=${host}:${port}`;
  neonConfig.useSecureWebSocket = false;
  neonConfig.pipelineTLS = false;
  neonConfig.pipelineConnect = false;
  let n = 0;
  return async (): Promise<Outcome> => {
    const pool = new NeonPool({ connectionString: url, max: 4, connectionTimeoutMillis: 10_000 });
    pool.on('error', () => undefined); // the server hanging up after end() is expected
    try {
      const q = searchSql(zones[n++ % zones.length]);
      await pool.query(q.sql, q.params);
    } finally {
      await pool.end().catch(() => undefined);
    }
    return { status: 'ok' };
  };
}

export interface Slot {
  id: string;
  epci_siren: string;
}

/** A distinct slot, patient, token and Idempotency-Key per request (the slot booked directly), for wrk. */
export function bookingRequests(slots: Slot[], tokens: string[], patientBase: number): HttpRequestSpec[] {
  return slots.map((slot, i) => ({
    method: 'POST',
    path: '/v1/bookings',
    headers: {
      authorization: `Bearer ${tokens[i]}`,
      'content-type': 'application/json',
      'idempotency-key': randomUUID(),
    },
    body: JSON.stringify({ slotId: slot.id, noOverbilling: true, patient: benchPatient(patientBase + i) }),
  }));
}

/**
 * Successive lists of `perBatch` bookings, each on slots of its own: wrk starts its list again at
 * every run, so a run given the list of the run before would only replay it.
 */
export function bookingBatches(
  slots: Slot[],
  tokens: string[],
  perBatch: number,
  patientBase: number,
): () => HttpRequestSpec[] {
  let next = 0;
  return () => {
    const from = next;
    next += perBatch;
    if (next > slots.length) throw new Error(`only ${slots.length} slots for batches of ${perBatch}`);
    return bookingRequests(slots.slice(from, next), tokens.slice(from, next), patientBase + from);
  };
}

/** The booking statement the handler runs (insertBookingQuery), with the inputs it would compute. */
async function bookingQuery(slot: Slot, patientNumber: number, sub: string) {
  const typed = benchPatient(patientNumber);
  const { key: patientKey, identityKey, ...patient } = await canonicalPatient(typed, new Date());
  const owner = `patient:${sub}`;
  const body = { slotId: slot.id, noOverbilling: true, patient: typed };
  return dialect.sqlToQuery(
    insertBookingQuery({
      id: randomUUID(),
      slotId: slot.id,
      callerKey: owner,
      now: new Date(),
      channel: 'web',
      role: 'patient',
      sub,
      clientId: null,
      callReference: null,
      externalRef: null,
      patient,
      patientKey,
      identityKey,
      notify: chosenChannels(undefined, patient),
      idempotency: { owner, key: randomUUID(), hash: await requestHash(body) },
    }),
  );
}

export function sqlBooking(pool: pg.Pool, slots: Slot[], patientBase: number, subPrefix: string) {
  let n = 0;
  return async (): Promise<Outcome> => {
    const i = n++;
    if (i >= slots.length) return { status: 'no-input' };
    const q = await bookingQuery(slots[i], patientBase + i, `bench-${subPrefix}${i}`);
    const r = await pool.query(q.sql, q.params);
    return { status: r.rowCount === 1 ? '201' : '409' };
  };
}

/**
 * The bare worker's search (bench/bare.worker.js): the handler's statement and a template of its
 * parameters (the zone, instants as offsets from now, the rest as they are), for its BARE_SEARCH.
 */
export function bareSearch(): string {
  const zone = '\u0000zone';
  const now = new Date();
  const q = dialect.sqlToQuery(
    freeSlotsQuery(
      { epci: zone },
      { from: now, to: new Date(now.getTime() + DEFAULT_RANGE_DAYS * DAY) },
      now,
      undefined,
      SEARCH_LIMIT + 1,
    ),
  );
  const params = q.params.map((p) =>
    p === zone ? { zone: true } : p instanceof Date ? { offsetMs: p.getTime() - now.getTime() } : { value: p },
  );
  return JSON.stringify({ sql: q.sql, params });
}

/** The same searches as searchRequests, for the bare worker. */
export const bareSearchRequests = (zones: string[]): HttpRequestSpec[] =>
  zones.map((zone) => ({ method: 'GET', path: `/search?epci=${zone}` }));

/**
 * The booking statement for the bare worker: its text once (BARE_BOOKING_SQL) and each booking's
 * parameters as the request body, computed here as the handler would compute them.
 */
export async function bareBookings(
  slots: Slot[],
  patientBase: number,
  subPrefix: string,
): Promise<{ sql: string; requests: HttpRequestSpec[] }> {
  let sql: string | undefined;
  const requests: HttpRequestSpec[] = [];
  for (const [i, slot] of slots.entries()) {
    const q = await bookingQuery(slot, patientBase + i, `bench-${subPrefix}${i}`);
    if (sql !== undefined && q.sql !== sql)
      throw new Error('the booking statement changes with its inputs: the bare worker needs one text');
    sql = q.sql;
    requests.push({
      method: 'POST',
      path: '/book',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ params: q.params }),
    });
  }
  return { sql: sql ?? '', requests };
}
