// One Neon WebSocket connection per request (Workers forbid reusing I/O objects across requests),
// ended after the response with waitUntil. The same code reaches Neon in production and, through
// the local proxy (DB_PROXY), an embedded or local Postgres in development and tests.
//
// A single Client, not a Pool: a request's statements are sequential, or a couple of reads that
// the connection queues, and a second connection's start-up costs more than waiting for the first
// read (bench/profile.ts: the pool's bookkeeping and a second handshake for parallel reads). The
// connection opens with the first statement, never before: a request refused first (429, 400)
// costs no connection, which under a rush of thousands is what keeps the database reachable.
import { Client, neonConfig } from '@neondatabase/serverless';
import { drizzle, type NeonDatabase } from 'drizzle-orm/neon-serverless';
import type { EnvVars } from '../env';

/**
 * Without Drizzle's relational schema: nothing uses `db.query`, and extracting the relations from
 * the whole schema was ~8% of a search's worker CPU, paid again for every request's instance.
 */
export type Db = NeonDatabase;

export interface RequestDb {
  /** Connects on its first statement, so that routes without SQL open no connection. */
  readonly db: Db;
  /** SQL statements sent so far by this request: each one is a network round trip. */
  queries(): number;
  /**
   * Work for this connection once the request is answered: end() (called after the response, in
   * waitUntil) runs it first, so that it costs no connection of its own and no round trip before
   * the response.
   */
  afterResponse(work: () => Promise<unknown>): void;
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
  let client: Client | undefined;
  /** Settles true once connected, false if the connection failed: a failed client has nothing to end. */
  let connected: Promise<boolean> = Promise.resolve(false);
  let state: 'idle' | 'connecting' | 'up' | 'failed' = 'idle';
  let db: Db | undefined;
  let count = 0;
  let ending = false;
  const after: Array<() => Promise<unknown>> = [];
  /** The connection is gone (error, or the server or proxy hung up): nothing left to end. */
  let gone = false;
  const lost = () => new Error('Connection terminated: the database could not be reached');
  const open = () => {
    const env = config();
    configureDriver(env);
    const c = new Client({ connectionString: env.DATABASE_URL, connectionTimeoutMillis: 10_000 });
    client = c;
    // Once we end the connection, the server hanging up is expected, not worth a log line.
    c.on('error', (error: Error) => {
      gone = true;
      if (!ending) onError(error);
    });
    c.on('end', () => {
      gone = true;
    });
    // Counted at the client, so that plain queries and transaction statements are both seen.
    const query = c.query.bind(c) as (...args: unknown[]) => Promise<unknown>;
    (c as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
      // The first statement connects; it and any sent meanwhile wait in the client's queue, and a
      // failed connect fails them (mapped to 503).
      if (state === 'idle') {
        state = 'connecting';
        connected = c.connect().then(
          () => ((state = 'up'), true),
          () => ((state = 'failed'), false),
        );
      }
      count += 1;
      // The driver keeps a client whose connect failed "queryable": a statement sent after that
      // (an audit row written once the handler failed) would wait forever in its queue.
      if (state === 'failed') return Promise.reject(lost());
      const answer = query(...args);
      if (state === 'up') return answer;
      return Promise.race([answer, connected.then((ok) => (ok ? answer : Promise.reject(lost())))]);
    };
    return drizzle({ client: c });
  };
  // The handle every statement goes through; the connection opens on its first use.
  const handle = new Proxy({} as Db, {
    get(_, property) {
      // Not a promise: returning the handle from an async function must not open the connection.
      if (property === 'then') return undefined;
      const real = (db ??= open());
      const value: unknown = Reflect.get(real, property, real);
      return typeof value === 'function' ? value.bind(real) : value;
    },
  });
  const requestDb: RequestDb = {
    db: handle,
    queries: () => count,
    afterResponse: (work) => {
      after.push(work);
    },
    end: async () => {
      while (after.length) await Promise.allSettled(after.splice(0).map((work) => work()));
      ending = true;
      // Ending a client whose socket already failed waits for an 'end' that never comes.
      if (client && (await connected) && !gone) await client.end().catch(() => undefined);
    },
  };
  owners.set(handle, requestDb);
  return requestDb;
}

/** The RequestDb of each request's Db, so that code holding only the Db can reach afterResponse. */
const owners = new WeakMap<Db, RequestDb>();

/** RequestDb.afterResponse for the request whose Db this is; false for a Db of no request. */
export function afterResponse(db: Db, work: () => Promise<unknown>): boolean {
  const owner = owners.get(db);
  owner?.afterResponse(work);
  return owner !== undefined;
}
