// Embedded Postgres (PGlite, WASM) on a local TCP port, so that the same wire protocol, driver and
// proxy serve development and tests with nothing installed.
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { startPgliteBridge } from './pglite-bridge';

export interface EmbeddedPostgres {
  url: string;
  close(): Promise<void>;
}

/** dataDir: a folder to persist into (kept across restarts); undefined keeps everything in memory. */
export async function startEmbeddedPostgres(options: { dataDir?: string }): Promise<EmbeddedPostgres> {
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const db = await PGlite.create(options.dataDir);
  // PGlite is one backend: the bridge gives clients whole exchanges and transactions in turn, so
  // several connections are safe, just not parallel.
  const bridge = await startPgliteBridge(db);
  return {
    url: `postgres://postgres@127.0.0.1:${bridge.port}/postgres`,
    close: async () => {
      await bridge.close();
      await db.close();
    },
  };
}
