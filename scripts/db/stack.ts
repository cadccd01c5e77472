// The local database stack: a Postgres (embedded PGlite, or a server named by URL) behind the
// WebSocket proxy that the worker's Neon driver speaks to. With a server, PgBouncer in transaction
// mode sits between the proxy and Postgres, as Neon's pooler does in production. Used by
// `npm start`, tests and bench.
import { startEmbeddedPostgres } from './embedded';
import { findPgBouncer, startPgBouncer, type PgBouncer } from './pgbouncer';
import { startWsProxy } from './ws-proxy';

export interface DbStack {
  /** Direct Postgres URL, for migrations, seeding and checks from Node. */
  databaseUrl: string;
  /** What the worker's DATABASE_URL is: through PgBouncer when it runs, else the direct URL. */
  workerDatabaseUrl: string;
  /** host:port of the WebSocket proxy, the worker's DB_PROXY. */
  proxy: string;
  embedded: boolean;
  /** PgBouncer in front of the server; undefined for PGlite, or when PgBouncer is missing. */
  pooler?: PgBouncer;
  stop(): Promise<void>;
}

/** Without PgBouncer the stack still works, but each request gets a fresh backend, unlike production. */
function warnNoPooler() {
  console.warn(
    [
      '',
      '*** PgBouncer NOT FOUND: the worker connects straight to the Postgres server, a new backend per request.',
      "*** Production goes through Neon's pooler (PgBouncer, transaction mode); to do the same here:",
      '***   apt-get install -y pgbouncer    (or PGBOUNCER=/path/to/pgbouncer; PGBOUNCER=off silences this)',
      '',
    ].join('\n'),
  );
}

export async function startDbStack(options: {
  databaseUrl?: string;
  dataDir?: string;
  /** Lets tests break connections through the proxy's /__faults endpoint; never for npm start. */
  faults?: boolean;
  /** Fail rather than fall back to direct connections when PgBouncer is missing (CI, bench). */
  requirePooler?: boolean;
}): Promise<DbStack> {
  const embedded = options.databaseUrl ? undefined : await startEmbeddedPostgres({ dataDir: options.dataDir });
  const databaseUrl = options.databaseUrl ?? embedded!.url;
  let pooler: PgBouncer | undefined;
  if (!embedded) {
    const binary = findPgBouncer();
    if (binary) pooler = await startPgBouncer(databaseUrl, binary);
    else if (options.requirePooler)
      throw new Error('pgbouncer is required here (apt-get install -y pgbouncer) and was not found');
    else if (process.env.PGBOUNCER !== 'off') warnNoPooler();
  }
  // Without a pooler, Postgres allows 100 connections by default: leave room for checks and psql.
  // With one, the proxy's sockets are PgBouncer clients, which are cheap: PgBouncer queues them.
  const proxy = await startWsProxy({ maxUpstream: embedded ? 8 : pooler ? 500 : 60, faults: options.faults });
  return {
    databaseUrl,
    workerDatabaseUrl: pooler?.url ?? databaseUrl,
    proxy: `127.0.0.1:${proxy.port}`,
    embedded: Boolean(embedded),
    pooler,
    stop: async () => {
      await proxy.close();
      await pooler?.stop();
      await embedded?.close();
    },
  };
}
