// Embedded Postgres (PGlite, WASM) on a local TCP port, so that the same wire protocol, driver and
// proxy serve development and tests with nothing installed.
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

export interface EmbeddedPostgres {
  url: string;
  close(): Promise<void>;
}

/** dataDir: a folder to persist into (kept across restarts); undefined keeps everything in memory. */
export async function startEmbeddedPostgres(options: { dataDir?: string }): Promise<EmbeddedPostgres> {
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const db = await PGlite.create(options.dataDir);
  // PGlite is one backend: its socket server queues statements and keeps a transaction on its own
  // connection, so several client connections are safe, just not parallel.
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 64 });
  let port = 0;
  server.addEventListener('listening', (event) => {
    port = (event as CustomEvent<{ port: number }>).detail.port;
  });
  await server.start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    close: async () => {
      await server.stop();
      await db.close();
    },
  };
}
