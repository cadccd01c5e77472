// The rush: thousands of patients at once on one zone with few slots. Each client searches, picks
// a random free slot, books it; a 409 sends it back to search, a 429 makes it wait Retry-After.
// Bounded per client by booking attempts, total requests and a wall-clock deadline.
import { randomUUID } from 'node:crypto';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { count, errorStatus, httpRequest, summarise, type LoadStats } from './load';
import { RUSH_SLOTS, type RushOutcome } from './db';
import { benchPatient } from './tokens';

export interface RushOptions {
  url: string;
  zone: string;
  tokens: string[];
  /** First patient number: keeps rush patients distinct from other phases' ones. */
  patientBase: number;
  maxAttempts: number;
  maxRequestsPerClient: number;
  maxMs: number;
  retryCapMs: number;
  /** Per request: a patient's app waits a while before giving up on an answer. */
  timeoutMs: number;
}

export interface RushResult {
  clients: number;
  seconds: number;
  booked: number;
  /** ms from the start until the last (normally the 50th) booking answered 201. */
  msToLastBooking: number | null;
  /** 201s that were replays of a booking whose first answer was lost (same Idempotency-Key). */
  replayed: number;
  bookingAttempts: LoadStats;
  searches: LoadStats;
  /** How each client ended: booked, no-slots (search came back empty), or a bound it hit. */
  clientOutcomes: Record<string, number>;
  fiveXX: number;
  failures: number;
  /** This process's event-loop delay during the rush (p99 / max, ms): how late the client itself was. */
  clientLagMs: { p99: number; max: number };
  /** When requests failed without an answer, ms after the start. */
  failedAtMs: number[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

export async function rush(o: RushOptions): Promise<RushResult> {
  const bookingLatencies: number[] = [];
  const searchLatencies: number[] = [];
  const bookingStatuses: Record<string, number> = {};
  const searchStatuses: Record<string, number> = {};
  const outcomes: Record<string, number> = {};
  const bookedAt: number[] = [];
  let replayed = 0;
  const failedAt: number[] = [];
  const lag = monitorEventLoopDelay({ resolution: 20 });
  lag.enable();
  const start = performance.now();
  const deadline = start + o.maxMs;
  const waitFor = (retryAfter: string | null) =>
    Math.min(o.retryCapMs, Math.max(0, Number(retryAfter ?? '1') || 1) * 1000);
  /** Waits as told, or, when the turn comes after the deadline, gives up now (as a patient would). */
  const waitedFor = async (retryAfter: string | null) => {
    const ms = waitFor(retryAfter);
    if (performance.now() + ms >= deadline) return false;
    await sleep(ms);
    return true;
  };

  const client = async (n: number): Promise<string> => {
    const auth = { authorization: `Bearer ${o.tokens[n]}` };
    const patient = benchPatient(o.patientBase + n);
    let attempts = 0;
    let requests = 0;
    let slot: string | undefined;
    let key = randomUUID();
    for (;;) {
      if (performance.now() >= deadline) return 'deadline';
      if (attempts >= o.maxAttempts) return 'max-attempts';
      if (requests >= o.maxRequestsPerClient) return 'max-requests';
      requests += 1;
      if (slot === undefined) {
        const t0 = performance.now();
        try {
          const r = await httpRequest(`${o.url}/v1/slots?epci=${o.zone}&limit=50`, {
            headers: auth,
            timeoutMs: o.timeoutMs,
            newConnection: true,
          });
          searchLatencies.push(performance.now() - t0);
          count(searchStatuses, String(r.status));
          if (r.status === 429) {
            if (!(await waitedFor(r.headers.get('retry-after')))) return 'turn-after-deadline';
          } else if (r.status === 200) {
            const items = (JSON.parse(r.text) as { items: Array<{ id: string }> }).items;
            if (items.length === 0) return 'no-slots';
            slot = items[Math.floor(Math.random() * items.length)].id;
            key = randomUUID();
          } else await sleep(1_000);
        } catch (error) {
          searchLatencies.push(performance.now() - t0);
          failedAt.push(Math.round(performance.now() - start));
          count(searchStatuses, errorStatus(error));
          await sleep(1_000);
        }
        continue;
      }
      attempts += 1;
      const t0 = performance.now();
      try {
        const r = await httpRequest(`${o.url}/v1/bookings`, {
          method: 'POST',
          // A 429 retry resends the same request with the same key: that is what the key is for.
          headers: { ...auth, 'content-type': 'application/json', 'idempotency-key': key },
          body: JSON.stringify({ slotId: slot, noOverbilling: true, patient }),
          timeoutMs: o.timeoutMs,
          newConnection: true,
        });
        bookingLatencies.push(performance.now() - t0);
        count(bookingStatuses, String(r.status));
        if (r.status === 201) {
          bookedAt.push(performance.now() - start);
          if (r.headers.get('idempotent-replayed') === 'true') replayed += 1;
          return 'booked';
        }
        if (r.status === 429) {
          if (!(await waitedFor(r.headers.get('retry-after')))) return 'turn-after-deadline';
        } else if (r.status === 409)
          slot = undefined; // taken meanwhile: search again
        else if (r.status >= 500)
          await sleep(1_000); // may have booked: resend, same key, it replays
        else slot = undefined;
      } catch (error) {
        // No answer: it may have booked. The same request with the same key finds out (a replay).
        bookingLatencies.push(performance.now() - t0);
        failedAt.push(Math.round(performance.now() - start));
        count(bookingStatuses, errorStatus(error));
        await sleep(1_000);
      }
    }
  };

  const ends = await Promise.all(o.tokens.map((_, n) => client(n)));
  lag.disable();
  for (const end of ends) count(outcomes, end);
  const seconds = (performance.now() - start) / 1000;
  const bad = (h: Record<string, number>, test: (k: string) => boolean) =>
    Object.entries(h)
      .filter(([k]) => test(k))
      .reduce((a, [, v]) => a + v, 0);
  bookedAt.sort((a, b) => a - b);
  return {
    clients: o.tokens.length,
    seconds,
    booked: bookedAt.length,
    msToLastBooking: bookedAt.length ? bookedAt[bookedAt.length - 1] : null,
    replayed,
    bookingAttempts: summarise(bookingLatencies, seconds, bookingStatuses),
    searches: summarise(searchLatencies, seconds, searchStatuses),
    clientOutcomes: outcomes,
    fiveXX: bad(bookingStatuses, (k) => k.startsWith('5')) + bad(searchStatuses, (k) => k.startsWith('5')),
    failures: bad(bookingStatuses, (k) => k.startsWith('error')) + bad(searchStatuses, (k) => k.startsWith('error')),
    clientLagMs: { p99: lag.percentile(99) / 1e6, max: lag.max / 1e6 },
    failedAtMs: failedAt.sort((a, b) => a - b),
  };
}

/**
 * What a rush must show: exactly the zone's slots booked, each once (checked in SQL), and no answer
 * but 201/409/429 to bookings and 200/429 to searches: no 5xx, no request left without an answer.
 */
export function rushProblems(name: string, r: RushResult & { sql: RushOutcome }, slots = RUSH_SLOTS): string[] {
  const other = (h: Record<string, number>, allowed: string[]) => Object.keys(h).filter((k) => !allowed.includes(k));
  const bookings = other(r.bookingAttempts.statuses, ['201', '409', '429']);
  const searches = other(r.searches.statuses, ['200', '429']);
  return [
    r.booked !== slots && `${r.booked} bookings answered 201, expected ${slots}`,
    r.sql.bookings !== slots && `${r.sql.bookings} active bookings in the zone, expected ${slots}`,
    r.sql.doubleBookedSlots > 0 && `${r.sql.doubleBookedSlots} slots booked twice`,
    r.fiveXX > 0 && `${r.fiveXX} responses 5xx`,
    r.failures > 0 && `${r.failures} requests without a response (timeouts, resets)`,
    bookings.length > 0 && `booking answers other than 201/409/429: ${bookings.join(', ')}`,
    searches.length > 0 && `search answers other than 200/429: ${searches.join(', ')}`,
  ]
    .filter((p): p is string => typeof p === 'string')
    .map((p) => `${name}: ${p}`);
}
