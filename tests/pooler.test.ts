// On the Postgres server the worker reaches Postgres as in production: through PgBouncer in
// transaction mode (Neon's pooled endpoint). This proves the requests really go through it, and
// that what the code relies on survives transaction pooling: the extended protocol with unnamed
// statements, SET LOCAL, transaction-scoped advisory locks. The booking statement, its triggers and
// the races run through the same path in every other test file.
import { Client, neonConfig } from '@neondatabase/serverless';
import { describe, expect, it, vi } from 'vitest';
import { api } from './helpers/api';
import { bookableZone } from './helpers/fixtures';
import { env } from './helpers/env';
import { sql } from './helpers/sql';

const admin = env.TEST_POOLER_ADMIN_URL;
const client = api({ now: new Date('2026-12-01T08:00:00Z'), env: { RATE_LIMIT_ENABLED: '0' } });

/** A connection through the WebSocket proxy, as the worker opens one; `url` defaults to the worker's. */
async function connect(url = env.DATABASE_URL!) {
  const proxy = env.DB_PROXY!;
  neonConfig.wsProxy = (host, port) => `${proxy}/v1?address=${host}:${port}`;
  neonConfig.useSecureWebSocket = false;
  neonConfig.pipelineTLS = false;
  neonConfig.pipelineConnect = false;
  const c = new Client(url);
  c.on('error', () => undefined);
  await c.connect();
  return c;
}

/** One SHOW command on PgBouncer's admin console (simple query protocol, as it requires). */
async function show<T = Record<string, unknown>>(what: 'POOLS' | 'STATS' | 'SERVERS'): Promise<T[]> {
  const c = await connect(admin);
  try {
    return (await c.query(`SHOW ${what}`)).rows as T[];
  } finally {
    await c.end();
  }
}

const database = () => new URL(env.DATABASE_URL!).pathname.slice(1);

describe.runIf(admin)('PgBouncer between the proxy and Postgres (transaction mode)', () => {
  it('the worker’s DATABASE_URL is PgBouncer, pooling our database per transaction', async () => {
    expect(new URL(env.DATABASE_URL!).port).toBe(new URL(admin).port);
    const pools = await show<{ database: string; pool_mode: string }>('POOLS');
    expect(pools.find((p) => p.database === database())?.pool_mode).toBe('transaction');
  });

  it('a backend serving the worker’s connection is one of PgBouncer’s server connections', async () => {
    const [{ pid }] = await sql<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    const servers = await show<{ database: string; remote_pid: string | number }>('SERVERS');
    expect(servers.filter((s) => s.database === database()).map((s) => Number(s.remote_pid))).toContain(pid);
  });

  it('API requests are transactions PgBouncer counts', async () => {
    const xacts = async () =>
      Number(
        (await show<{ database: string; total_xact_count: string }>('STATS')).find((s) => s.database === database())
          ?.total_xact_count ?? 0,
      );
    const { zone } = await bookableZone(client, { slots: 2 });
    const before = await xacts();
    const responses = await Promise.all(
      Array.from({ length: 10 }, () => client.get(`/v1/slots?epci=${zone.siren}&limit=5`)),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(10).fill(200));
    // Totals are published every stats_period (1 s in scripts/db/pgbouncer/pgbouncer.ini).
    await vi.waitFor(async () => expect(await xacts()).toBeGreaterThanOrEqual(before + 10), {
      timeout: 10_000,
      interval: 200,
    });
  });

  it('extended protocol: parameters and types, statement after statement on whatever backend is free', async () => {
    const c = await connect();
    try {
      for (let i = 0; i < 20; i += 1) {
        const { rows } = await c.query('SELECT $1::int + 1 AS n, $2::text AS t, $3::timestamptz AS at', [
          i,
          `x${i}`,
          '2026-12-01T08:00:00Z',
        ]);
        expect(rows[0]).toEqual({ n: i + 1, t: `x${i}`, at: new Date('2026-12-01T08:00:00Z') });
      }
    } finally {
      await c.end();
    }
  });

  it('SET LOCAL holds for its transaction and ends with it', async () => {
    const c = await connect();
    try {
      await c.query('BEGIN');
      await c.query("SET LOCAL statement_timeout = '4321ms'");
      expect((await c.query('SHOW statement_timeout')).rows[0].statement_timeout).toBe('4321ms');
      await c.query('COMMIT');
      expect((await c.query('SHOW statement_timeout')).rows[0].statement_timeout).not.toBe('4321ms');
    } finally {
      await c.end();
    }
  });

  it('a transaction-scoped advisory lock excludes other connections until its transaction ends', async () => {
    const key = Math.floor(Math.random() * 2 ** 31);
    const [a, b] = await Promise.all([connect(), connect()]);
    try {
      await a.query('BEGIN');
      await a.query('SELECT pg_advisory_xact_lock($1)', [key]);
      expect((await b.query('SELECT pg_try_advisory_xact_lock($1) AS got', [key])).rows[0].got).toBe(false);
      await a.query('COMMIT');
      expect((await b.query('SELECT pg_try_advisory_xact_lock($1) AS got', [key])).rows[0].got).toBe(true);
    } finally {
      await Promise.all([a.end(), b.end()]);
    }
  });
});
