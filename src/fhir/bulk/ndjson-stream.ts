// An NDJSON body read from Postgres a page at a time: each pull fetches one keyset page and
// enqueues its lines, so memory holds one page whatever the file's size. The stream has its own
// connection pool: the request's pool is ended when the handler returns, before the body is read.
import type { RequestDb } from '../../db/client';
import type { Db } from '../../db/client';

export interface PagedSource<Row, Key> {
  page: (db: Db, after: Key | undefined, limit: number) => Promise<Row[]>;
  keyOf: (row: Row) => Key;
  render: (row: Row) => unknown;
}

export const PAGE_SIZE = 1000;

export function ndjsonStream<Row, Key>(db: RequestDb, source: PagedSource<Row, Key>, pageSize = PAGE_SIZE): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let after: Key | undefined;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const rows = await source.page(db.db, after, pageSize);
        if (rows.length) {
          after = source.keyOf(rows[rows.length - 1]);
          controller.enqueue(encoder.encode(rows.map((row) => `${JSON.stringify(source.render(row))}\n`).join('')));
        }
        if (rows.length < pageSize) {
          controller.close();
          await db.end();
        }
      } catch (error) {
        controller.error(error);
        await db.end();
      }
    },
    async cancel() {
      await db.end();
    },
  }, { highWaterMark: 0 });
}
