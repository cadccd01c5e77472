// The local database stack: a Postgres (embedded PGlite, or a server named by URL) behind the
// WebSocket proxy that the worker's Neon driver speaks to. Used by `npm start`, tests and bench.
import { startEmbeddedPostgres } from './embedded';
import { startWsProxy } from './ws-proxy';

export interface DbStack {
  /** Direct Postgres URL, for migrations, seeding and checks from Node. */
  databaseUrl: string;
  /** host:port of the WebSocket proxy, the worker's DB_PROXY. */
  proxy: string;
  embedded: boolean;
  stop(): Promise<void>;
}

export async function startDbStack(options: {
  databaseUrl?: string;
  dataDir?: string;
  /** Lets tests break connections through the proxy's /__faults endpoint; never for npm start. */
  faults?: boolean;
}): Promise<DbStack> {
  const embedded = options.databaseUrl ? undefined : await startEmbeddedPostgres({ dataDir: options.dataDir });
  const databaseUrl = options.databaseUrl ?? embedded!.url;
  // Postgres allows 100 connections by default; leave room for checks and psql.
  const proxy = await startWsProxy({ maxUpstream: embedded ? 8 : 60, faults: options.faults });
  return {
    databaseUrl,
    proxy: `127.0.0.1:${proxy.port}`,
    embedded: Boolean(embedded),
    stop: async () => {
      await proxy.close();
      await embedded?.close();
    },
  };
}
