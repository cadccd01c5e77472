// An NDJSON body read from Postgres a page at a time: each pull fetches one keyset page and
// enqueues its lines, so memory holds one page whatever the file's size. The caller owns the
// connection (the generation reads every file from one snapshot, src/fhir/bulk/generate.ts).
import type { Db } from '../../db/client';

export interface PagedSource<Row, Key> {
  page: (db: Db, after: Key | undefined, limit: number) => Promise<Row[]>;
  keyOf: (row: Row) => Key;
  render: (row: Row) => unknown;
}

export const PAGE_SIZE = 1000;

export function ndjsonStream<Row, Key>(
  db: Db,
  source: PagedSource<Row, Key>,
  pageSize = PAGE_SIZE,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let after: Key | undefined;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const rows = await source.page(db, after, pageSize);
        if (rows.length) {
          after = source.keyOf(rows[rows.length - 1]);
          controller.enqueue(encoder.encode(rows.map((row) => `${JSON.stringify(source.render(row))}\n`).join('')));
        }
        if (rows.length < pageSize) controller.close();
      },
    },
    { highWaterMark: 0 },
  );
}
