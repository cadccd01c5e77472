// Token-bucket arithmetic with the clock passed in, so limits are exact and tests deterministic.
// Refill is continuous: a bucket of capacity C refilled at r tokens/s allows a burst of C and r/s
// sustained.
//
// Refusals are staggered: each refused take joins a virtual line that drains at the refill rate,
// and its Retry-After is its place in that line. When 2,000 callers are refused at once, they are
// told to come back over the next minute at the pace the bucket serves, instead of all retrying
// one second later and being refused again (a retry storm costs as much as the rush itself).
// The line is advice, not a reservation: a token goes to whoever asks when it is there.

export interface BucketPolicy {
  capacity: number;
  refillPerSecond: number;
}

export interface BucketState {
  tokens: number;
  updatedAt: number;
  /** Refused takes already told when to come back and not yet due: the virtual line's length. */
  waiting: number;
}

/** No caller is told to wait longer than this, however long the line (bots ignoring Retry-After grow it). */
export const MAX_RETRY_AFTER_SECONDS = 60;

export interface TakeResult {
  allowed: boolean;
  state: BucketState;
  /** Whole tokens left after this take. */
  remaining: number;
  /** 0 when allowed; otherwise seconds until this take's turn in the line (1 to MAX_RETRY_AFTER_SECONDS). */
  retryAfterSeconds: number;
  /** Seconds until the bucket is full again. */
  resetSeconds: number;
}

export interface BucketInput {
  state: BucketState | undefined;
  policy: BucketPolicy;
}

export interface TakeAllResult {
  allowed: boolean;
  /** One result per input bucket, in order; `allowed` there is that bucket's own verdict. */
  results: TakeResult[];
  /** Index of the bucket closest to refusing: a refusing one if any, else the lowest remaining ratio. */
  tightestIndex: number;
  /** 0 when allowed; otherwise the longest wait among the refusing buckets. */
  retryAfterSeconds: number;
}

// Refill adds elapsed × rate in floating point (e.g. 3 s × 1/3 token/s = 0.9999…); without this
// slack a caller would be refused a token it has earned.
const EPSILON = 1e-9;
const ceilSeconds = (seconds: number) => Math.max(0, Math.ceil(seconds - EPSILON));

function refill(state: BucketState | undefined, policy: BucketPolicy, nowMs: number): BucketState {
  if (!state) return { tokens: policy.capacity, updatedAt: nowMs, waiting: 0 };
  // Callers' clocks may disagree slightly; an earlier reading refills nothing and never rewinds.
  const refilled = (Math.max(0, nowMs - state.updatedAt) / 1000) * policy.refillPerSecond;
  return {
    tokens: Math.min(policy.capacity, state.tokens + refilled),
    updatedAt: Math.max(nowMs, state.updatedAt),
    // The line moves at the refill rate: each new token is the turn of one who was told to wait.
    waiting: Math.max(0, state.waiting - refilled),
  };
}

/** A refused take joins the line: it is told the time of its turn and lengthens the line. */
function queue(
  state: BucketState,
  policy: BucketPolicy,
  cost: number,
): { state: BucketState; retryAfterSeconds: number } {
  const seconds = (state.waiting + cost - state.tokens) / policy.refillPerSecond;
  const longest = MAX_RETRY_AFTER_SECONDS * policy.refillPerSecond;
  return {
    state: { ...state, waiting: Math.min(longest, state.waiting + cost) },
    retryAfterSeconds: Math.min(MAX_RETRY_AFTER_SECONDS, Math.max(1, ceilSeconds(seconds))),
  };
}

function report(state: BucketState, policy: BucketPolicy, allowed: boolean, retryAfterSeconds: number): TakeResult {
  return {
    allowed,
    state,
    remaining: Math.floor(state.tokens + EPSILON),
    retryAfterSeconds,
    resetSeconds: ceilSeconds((policy.capacity - state.tokens) / policy.refillPerSecond),
  };
}

function checkArguments(policy: BucketPolicy, cost: number) {
  if (!(policy.refillPerSecond > 0) || !(policy.capacity > 0))
    throw new RangeError('A bucket needs a positive capacity and refill rate.');
  // A cost above capacity could never be served; refusing it forever would hide the bug.
  if (!(cost >= 0 && cost <= policy.capacity)) throw new RangeError(`Cost ${cost} is outside 0..${policy.capacity}.`);
}

/**
 * Takes `cost` tokens from every bucket, or from none: a caller refused by its own bucket must not
 * drain the zone's bucket that everyone else shares.
 */
export function takeAll(buckets: readonly BucketInput[], nowMs: number, cost = 1): TakeAllResult {
  if (buckets.length === 0) throw new RangeError('takeAll needs at least one bucket.');
  const current = buckets.map(({ state, policy }) => {
    checkArguments(policy, cost);
    return refill(state, policy, nowMs);
  });
  const fits = current.map((state) => state.tokens + EPSILON >= cost);
  const allowed = fits.every(Boolean);
  const results = current.map((state, i) => {
    const { policy } = buckets[i];
    if (allowed) return report({ ...state, tokens: state.tokens - cost }, policy, true, 0);
    if (fits[i]) return report(state, policy, true, 0);
    const queued = queue(state, policy, cost);
    return report(queued.state, policy, false, queued.retryAfterSeconds);
  });
  const retryAfterSeconds = Math.max(0, ...results.map((r) => r.retryAfterSeconds));
  return { allowed, results, tightestIndex: tightest(results, buckets), retryAfterSeconds };
}

function tightest(results: TakeResult[], buckets: readonly BucketInput[]): number {
  let best = 0;
  const score = (i: number) =>
    // Refusing buckets rank first (longest wait first); then the smallest share of capacity left.
    results[i].allowed ? results[i].remaining / buckets[i].policy.capacity : -results[i].retryAfterSeconds;
  for (let i = 1; i < results.length; i++) if (score(i) < score(best)) best = i;
  return best;
}

/** Takes `cost` tokens from one bucket. A new bucket starts full; a refused take consumes no token. */
export function take(state: BucketState | undefined, policy: BucketPolicy, nowMs: number, cost = 1): TakeResult {
  return takeAll([{ state, policy }], nowMs, cost).results[0];
}

/**
 * Gives `cost` tokens back, up to capacity: a take that another limiter then refused must not
 * count against this bucket (checks run in parallel, so the refusal is known only afterwards).
 */
export function giveBack(state: BucketState | undefined, policy: BucketPolicy, nowMs: number, cost = 1): BucketState {
  checkArguments(policy, cost);
  const current = refill(state, policy, nowMs);
  return { ...current, tokens: Math.min(policy.capacity, current.tokens + cost) };
}

/**
 * Forgets the buckets of a map that are full again and unused for more than `idleMs`: a new bucket
 * starts full anyway, so forgetting them changes no answer. Returns how many were forgotten.
 */
export function forgetIdle<K>(
  buckets: Map<K, { state: BucketState; policy: BucketPolicy }>,
  nowMs: number,
  idleMs: number,
): number {
  let removed = 0;
  for (const [key, { state, policy }] of buckets) {
    // A zero-cost take only refills: resetSeconds 0 means the bucket is full again.
    if (nowMs - state.updatedAt > idleMs && take(state, policy, nowMs, 0).resetSeconds === 0) {
      buckets.delete(key);
      removed++;
    }
  }
  return removed;
}
