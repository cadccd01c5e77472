// The embedded database's bridge under concurrent clients: each client's extended-protocol
// exchanges and transactions stay whole, whatever the others send meanwhile.
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPgliteBridge, type PgliteBridge } from './pglite-bridge';

let db: PGlite;
let bridge: PgliteBridge;
const connect = async () => {
  const client = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:${bridge.port}/postgres` });
  await client.connect();
  return client;
};

beforeAll(async () => {
  db = await PGlite.create();
  bridge = await startPgliteBridge(db);
  await db.exec('CREATE TABLE counter (n int NOT NULL)');
}, 60_000);

afterAll(async () => {
  await bridge.close();
  await db.close();
});

describe('the PGlite bridge', () => {
  it('8 clients sending statements of different shapes at once: no statement lands in another client’s exchange', async () => {
    const clients = await Promise.all(Array.from({ length: 8 }, connect));
    const failures: string[] = [];
    await Promise.all(
      clients.map(async (client, i) => {
        // Unnamed prepared statements with 1 to 4 parameters: an interleaved Parse would bind the wrong one.
        const params = Array.from({ length: (i % 4) + 1 }, (_, j) => i * 100 + j);
        const text = `SELECT ${params.map((_, j) => `$${j + 1}::int AS c${j}`).join(', ')}`;
        for (let k = 0; k < 40; k++) {
          try {
            const { rows } = await client.query(text, params);
            if (JSON.stringify(Object.values(rows[0])) !== JSON.stringify(params))
              failures.push(`client ${i}: ${JSON.stringify(rows[0])}`);
          } catch (error) {
            failures.push(`client ${i}: ${(error as Error).message}`);
          }
        }
      }),
    );
    await Promise.all(clients.map((c) => c.end()));
    expect(failures).toEqual([]);
  }, 60_000);

  it('a transaction is whole: others wait for its end, and see all of it or none', async () => {
    const [writer, reader] = await Promise.all([connect(), connect()]);
    await writer.query('BEGIN');
    await writer.query('INSERT INTO counter VALUES ($1)', [1]);
    const seen = reader.query('SELECT count(*)::int AS n FROM counter');
    await new Promise((r) => setTimeout(r, 50));
    await writer.query('INSERT INTO counter VALUES ($1)', [2]);
    await writer.query('COMMIT');
    expect((await seen).rows[0].n).toBe(2);
    await Promise.all([writer.end(), reader.end()]);
  });

  it('a client that leaves mid-transaction has its work rolled back, and the others go on', async () => {
    const leaving = await connect();
    leaving.on('error', () => {});
    await leaving.query('BEGIN');
    await leaving.query('INSERT INTO counter VALUES ($1)', [99]);
    // Even its sign-in waits for the open transaction's end.
    const other = connect();
    const count = other.then((c) => c.query('SELECT count(*)::int AS n FROM counter WHERE n = 99'));
    (leaving as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();
    expect((await count).rows[0].n).toBe(0);
    await (await other).end();
  });
});
