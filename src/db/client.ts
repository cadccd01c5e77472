// One Neon WebSocket pool per request (Workers forbid reusing I/O objects across requests), ended
// after the response with waitUntil. The same code reaches Neon in production and, through the
// local proxy (DB_PROXY), an embedded or local Postgres in development and tests.
import { Pool, neonConfig, type PoolClient } from '@neondatabase/serverless';
import { drizzle, type NeonDatabase } from 'drizzle-orm/neon-serverless';
import * as schema from './schema';
import type { EnvVars } from '../env';

export type Db = NeonDatabase<typeof schema>;

export interface RequestDb {
  /** Created on first use, so that routes without SQL open no connection. */
  readonly db: Db;
  /** SQL statements sent so far by this request: each one is a network round trip. */
  queries(): number;
  end(): Promise<void>;
}

/**
 * The driver batches writes on a timer and may flush after the server has hung up; a send on a
 * closed socket then throws uncaught and fails whatever request the isolate is serving. Bytes for
 * a closed connection have nowhere to go: drop them. Built on first use: only the Workers runtime
 * has a global WebSocket (scripts that merely import the app run on Node 20, which has none).
 */
let closingTolerantWebSocket: typeof WebSocket | undefined;

function tolerantWebSocket(): typeof WebSocket {
  return (closingTolerantWebSocket ??= class extends WebSocket {
    override send(data: Parameters<WebSocket['send']>[0]): void {
      if (this.readyState === WebSocket.OPEN) super.send(data);
    }
  });
}

function configureDriver(env: EnvVars) {
  neonConfig.webSocketConstructor = tolerantWebSocket();
  if (!env.DB_PROXY) return;
  const proxy = env.DB_PROXY;
  neonConfig.wsProxy = (host, port) => `${proxy}/v1?address=${host}:${port}`;
  neonConfig.useSecureWebSocket = false;
  neonConfig.pipelineTLS = false;
  // Pipelining the start-up fails against a plain Postgres ("invalid frontend message type 112").
  neonConfig.pipelineConnect = false;
}

/** `config` is read on first use, so that a request without SQL needs no configuration. */
export function createRequestDb(config: () => EnvVars, onError: (error: Error) => void): RequestDb {
  let pool: Pool | undefined;
  let db: Db | undefined;
  let count = 0;
  let ending = false;
  const open = () => {
    const env = config();
    configureDriver(env);
    pool = new Pool({ connectionString: env.DATABASE_URL, max: 4, connectionTimeoutMillis: 10_000 });
    // Once we end the pool, the server hanging up is expected, not worth a log line.
    pool.on('error', (error: Error) => {
      if (!ending) onError(error);
    });
    // Count at the client so that pooled queries and transaction statements are both seen.
    pool.on('connect', (client: PoolClient) => {
      const query = client.query.bind(client) as (...args: unknown[]) => unknown;
      (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
        count += 1;
        return query(...args);
      };
    });
    return drizzle({ client: pool, schema });
  };
  return {
    get db() {
      return (db ??= open());
    },
    queries: () => count,
    end: async () => {
      ending = true;
      await pool?.end().catch(() => undefined);
    },
  };
}
