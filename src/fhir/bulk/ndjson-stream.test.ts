import { describe, expect, it } from 'vitest';
import type { Db, RequestDb } from '../../db/client';
import { ndjsonStream } from './ndjson-stream';

// The stream's paging alone, over rows in memory: the queries it pages are tested through HTTP.
function source(rows: number[]) {
  const pages: Array<number | undefined> = [];
  return {
    pages,
    page: async (_db: Db, after: number | undefined, limit: number) => {
      pages.push(after);
      return rows.filter((r) => after === undefined || r > after).slice(0, limit);
    },
    keyOf: (r: number) => r,
    render: (r: number) => ({ n: r }),
  };
}

function requestDb() {
  let ended = 0;
  return { db: { ended: () => ended }, handle: { db: {} as Db, queries: () => 0, afterResponse: () => undefined, end: async () => void (ended += 1) } satisfies RequestDb };
}

describe('ndjsonStream', () => {
  it('reads keyset pages one pull at a time and ends its connection once, after the last', async () => {
    const rows = source([1, 2, 3, 4, 5]);
    const { db, handle } = requestDb();
    const text = await new Response(ndjsonStream(handle, rows, 2)).text();
    expect(text).toBe('{"n":1}\n{"n":2}\n{"n":3}\n{"n":4}\n{"n":5}\n');
    expect(rows.pages).toEqual([undefined, 2, 4]);
    expect(db.ended()).toBe(1);
  });

  it('is empty for no rows, and a full last page costs one more empty read', async () => {
    const { handle } = requestDb();
    expect(await new Response(ndjsonStream(handle, source([]), 2)).text()).toBe('');
    const rows = source([1, 2]);
    expect(await new Response(ndjsonStream(handle, rows, 2)).text()).toBe('{"n":1}\n{"n":2}\n');
    expect(rows.pages).toEqual([undefined, 2]);
  });

  it('ends its connection when the reader goes away', async () => {
    const { db, handle } = requestDb();
    const reader = ndjsonStream(handle, source([1, 2, 3]), 1).getReader();
    await reader.read();
    await reader.cancel();
    expect(db.ended()).toBe(1);
  });
});
