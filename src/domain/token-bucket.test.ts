import { describe, expect, it } from 'vitest';
import { MAX_RETRY_AFTER_SECONDS, giveBack, take, takeAll, type BucketPolicy, type BucketState } from './token-bucket';

const t0 = Date.UTC(2026, 0, 10, 8, 0, 0);
const tenPerMinute: BucketPolicy = { capacity: 10, refillPerSecond: 10 / 60 };

function drain(policy: BucketPolicy, times: number, nowMs = t0): BucketState {
  let state: BucketState | undefined;
  for (let i = 0; i < times; i++) state = take(state, policy, nowMs).state;
  if (!state) throw new Error('drain needs at least one take');
  return state;
}

describe('take', () => {
  it('starts a new bucket full', () => {
    const result = take(undefined, tenPerMinute, t0);
    expect(result).toMatchObject({ allowed: true, remaining: 9, retryAfterSeconds: 0, resetSeconds: 6 });
    expect(result.state).toEqual({ tokens: 9, updatedAt: t0, waiting: 0 });
  });

  it('drains to zero, then refuses', () => {
    const empty = drain(tenPerMinute, 10);
    expect(empty.tokens).toBe(0);
    const refused = take(empty, tenPerMinute, t0);
    expect(refused).toMatchObject({ allowed: false, remaining: 0, retryAfterSeconds: 6, resetSeconds: 60 });
  });

  it('refills continuously with time', () => {
    const empty = drain(tenPerMinute, 10);
    expect(take(empty, tenPerMinute, t0 + 5_999).allowed).toBe(false);
    // 3 tokens after 18 s at 1/6 token/s, despite floating-point error (18 × 1/6 = 2.999…).
    const later = take(empty, tenPerMinute, t0 + 18_000);
    expect(later).toMatchObject({ allowed: true, remaining: 2, resetSeconds: 48 });
  });

  it('never refills above capacity', () => {
    const result = take(drain(tenPerMinute, 3), tenPerMinute, t0 + 3_600_000);
    expect(result.remaining).toBe(9);
    expect(result.state.tokens).toBeCloseTo(9);
  });

  it('consumes nothing when it refuses', () => {
    const empty = drain(tenPerMinute, 10);
    let state = empty;
    for (let i = 0; i < 5; i++) state = take(state, tenPerMinute, t0 + i * 1000).state;
    // Refused takes in between did not push the next token further away.
    expect(take(state, tenPerMinute, t0 + 6_000).allowed).toBe(true);
  });

  it('tells how long until the cost is back, at least 1 s', () => {
    const fast: BucketPolicy = { capacity: 100, refillPerSecond: 100 };
    const empty = take({ tokens: 0.5, updatedAt: t0, waiting: 0 }, fast, t0);
    expect(empty).toMatchObject({ allowed: false, retryAfterSeconds: 1 });
    const costly = take({ tokens: 1, updatedAt: t0, waiting: 0 }, tenPerMinute, t0 + 1_000, 4);
    // 1 + 1/6 tokens now; 4 needed: 2.83 tokens at 1/6 per second = 17 s.
    expect(costly).toMatchObject({ allowed: false, retryAfterSeconds: 17 });
  });

  it('does not rewind when a caller clock reads earlier', () => {
    const state = take(undefined, tenPerMinute, t0).state;
    const result = take(state, tenPerMinute, t0 - 30_000);
    expect(result.state).toEqual({ tokens: 8, updatedAt: t0, waiting: 0 });
  });

  it('staggers the refused: each is told its turn in a line that moves at the refill rate', () => {
    const twoPerSecond: BucketPolicy = { capacity: 4, refillPerSecond: 2 };
    let state = drain(twoPerSecond, 4);
    const waits: number[] = [];
    for (let i = 0; i < 8; i++) {
      const refused = take(state, twoPerSecond, t0);
      expect(refused.allowed).toBe(false);
      waits.push(refused.retryAfterSeconds);
      state = refused.state;
    }
    // Two tokens a second: two callers per second of wait, not eight callers all told "1 s".
    expect(waits).toEqual([1, 1, 2, 2, 3, 3, 4, 4]);
    // The line moves as tokens come back: 2 s later, 4 of the 8 turns are past.
    const later = take(state, twoPerSecond, t0 + 2_000);
    expect(later.allowed).toBe(true);
    expect(later.state.waiting).toBeCloseTo(4);
  });

  it('never tells anyone to wait more than a minute, however many ignore Retry-After', () => {
    let state = drain(tenPerMinute, 10);
    let last = take(state, tenPerMinute, t0);
    for (let i = 0; i < 1_000; i++) {
      last = take(state, tenPerMinute, t0);
      state = last.state;
    }
    expect(last.retryAfterSeconds).toBe(MAX_RETRY_AFTER_SECONDS);
    expect(state.waiting).toBeCloseTo(10);
    // Admission is by tokens alone: the line is advice, and the first token back goes to whoever asks.
    expect(take(state, tenPerMinute, t0 + 6_000).allowed).toBe(true);
  });

  it('rejects a cost no bucket could ever serve', () => {
    expect(() => take(undefined, tenPerMinute, t0, 11)).toThrow(RangeError);
  });
});

describe('takeAll', () => {
  const zone: BucketPolicy = { capacity: 100, refillPerSecond: 100 / 60 };
  const caller: BucketPolicy = { capacity: 3, refillPerSecond: 3 / 60 };

  it('takes from every bucket when all allow, and names the tightest', () => {
    const result = takeAll(
      [
        { state: undefined, policy: zone },
        { state: undefined, policy: caller },
      ],
      t0,
      1,
    );
    expect(result.allowed).toBe(true);
    expect(result.results.map((r) => r.remaining)).toEqual([99, 2]);
    expect(result.tightestIndex).toBe(1);
    expect(result.retryAfterSeconds).toBe(0);
  });

  it('takes from none when one refuses, so the shared bucket is not drained', () => {
    const zoneState = { tokens: 50, updatedAt: t0, waiting: 0 };
    const result = takeAll(
      [
        { state: zoneState, policy: zone },
        { state: { tokens: 0, updatedAt: t0, waiting: 0 }, policy: caller },
      ],
      t0,
      1,
    );
    expect(result.allowed).toBe(false);
    expect(result.results[0]).toMatchObject({ allowed: true, remaining: 50, retryAfterSeconds: 0 });
    expect(result.results[0].state).toEqual(zoneState);
    expect(result.results[1]).toMatchObject({ allowed: false, remaining: 0, retryAfterSeconds: 20 });
    expect(result.tightestIndex).toBe(1);
    expect(result.retryAfterSeconds).toBe(20);
  });

  it('reports the longest wait among refusing buckets', () => {
    const result = takeAll(
      [
        { state: { tokens: 0, updatedAt: t0, waiting: 0 }, policy: zone },
        { state: { tokens: 0, updatedAt: t0, waiting: 0 }, policy: caller },
      ],
      t0,
    );
    expect(result.results.map((r) => r.retryAfterSeconds)).toEqual([1, 20]);
    expect(result.retryAfterSeconds).toBe(20);
    expect(result.tightestIndex).toBe(1);
  });
});

describe('giveBack', () => {
  it('returns a token taken in vain, never beyond capacity', () => {
    const drained = drain(tenPerMinute, 10);
    const returned = giveBack(drained, tenPerMinute, t0);
    expect(take(returned, tenPerMinute, t0)).toMatchObject({ allowed: true, remaining: 0 });
    expect(giveBack(undefined, tenPerMinute, t0).tokens).toBe(10);
    expect(giveBack(drain(tenPerMinute, 1), tenPerMinute, t0 + 60_000).tokens).toBe(10);
  });
});
