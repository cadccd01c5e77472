// The priority zones this isolate knows, so that only a real zone's id reaches that zone's Durable
// Object: an invented SIREN prefix must not create an object. Loaded once per isolate, refreshed in
// the background when stale, never on the hot path after the first load.
//
// Staleness: another isolate may designate a zone. A miss (an id whose zone we do not know) asks
// for a background refresh, at most once per MISS_REFRESH_MS; meanwhile that zone is treated as
// unknown, and shares the one budget of all unknown zones (zone-of-request.ts). Designations made
// through this isolate are known at once, which keeps tests, who designate zones constantly,
// deterministic.
import { priorityZones } from '../../db/schema';
import type { RequestDb } from '../../db/client';
import { log, errorSummary } from '../../lib/log';

export const REFRESH_MS = 5 * 60_000;
export const MISS_REFRESH_MS = 30_000;
/** The first request of an isolate waits for the load this long at most (one indexed read of ~150 rows). */
const FIRST_LOAD_TIMEOUT_MS = 250;

export interface KnownZonesContext {
  /** The request's injected clock. */
  nowMs: number;
  /** A connection of its own: the load may outlive the request that started it. */
  openDb: () => RequestDb;
  waitUntil: (promise: Promise<unknown>) => void;
}

let loaded: { sirens: Set<string>; at: number } | undefined;
let loading: Promise<void> | undefined;
let lastAttemptAt = Number.NEGATIVE_INFINITY;
/** Designated through this isolate: known even before (or despite) a load that started earlier. */
const designatedHere = new Set<string>();

// Read through a function: TypeScript would keep a narrowing of `loaded` across an await.
const snapshot = () => loaded;

/** Clocks are injected and tests move them both ways: distance, not order. */
const since = (nowMs: number, then: number) => Math.abs(nowMs - then);

function refresh(ctx: KnownZonesContext): Promise<void> {
  if (loading) return loading;
  lastAttemptAt = ctx.nowMs;
  const at = ctx.nowMs;
  const started = performance.now();
  const requestDb = ctx.openDb();
  loading = requestDb.db
    .select({ siren: priorityZones.siren })
    .from(priorityZones)
    .then(
      (rows) => {
        loaded = { sirens: new Set(rows.map((r) => r.siren)), at };
        log('info', 'known_zones_loaded', { zones: rows.length, ms: Math.round(performance.now() - started) });
      },
      (error: unknown) => log('warn', 'known_zones_unavailable', { error: errorSummary(error) }),
    )
    .finally(() => {
      loading = undefined;
      return requestDb.end();
    });
  ctx.waitUntil(loading);
  return loading;
}

const timeout = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Whether `siren` is a priority zone, as far as this isolate knows. */
export async function isKnownZone(siren: string, ctx: KnownZonesContext): Promise<boolean> {
  if (designatedHere.has(siren)) return true;
  if (!loaded) {
    // A cold isolate loads once; after a failure it waits MISS_REFRESH_MS before trying again.
    if (loading || since(ctx.nowMs, lastAttemptAt) >= MISS_REFRESH_MS)
      await Promise.race([refresh(ctx), timeout(FIRST_LOAD_TIMEOUT_MS)]);
    return snapshot()?.sirens.has(siren) ?? false;
  }
  const known = loaded.sirens.has(siren);
  const stale = since(ctx.nowMs, loaded.at) >= REFRESH_MS;
  if (stale || (!known && since(ctx.nowMs, lastAttemptAt) >= MISS_REFRESH_MS)) void refresh(ctx);
  return known;
}

/** This isolate designated a zone: its ids are accepted from now on. */
export function zoneDesignated(siren: string): void {
  designatedHere.add(siren);
  loaded?.sirens.add(siren);
}

/** This isolate withdrew a zone. */
export function zoneWithdrawn(siren: string): void {
  designatedHere.delete(siren);
  loaded?.sirens.delete(siren);
}
