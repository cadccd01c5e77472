import { describe, expect, it } from 'vitest';
import type { Db } from '../../db/client';
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

const db = {} as Db;

describe('ndjsonStream', () => {
  it('reads keyset pages one pull at a time', async () => {
    const rows = source([1, 2, 3, 4, 5]);
    const text = await new Response(ndjsonStream(db, rows, 2)).text();
    expect(text).toBe('{"n":1}\n{"n":2}\n{"n":3}\n{"n":4}\n{"n":5}\n');
    expect(rows.pages).toEqual([undefined, 2, 4]);
  });

  it('is empty for no rows, and a full last page costs one more empty read', async () => {
    expect(await new Response(ndjsonStream(db, source([]), 2)).text()).toBe('');
    const rows = source([1, 2]);
    expect(await new Response(ndjsonStream(db, rows, 2)).text()).toBe('{"n":1}\n{"n":2}\n');
    expect(rows.pages).toEqual([undefined, 2]);
  });
});
