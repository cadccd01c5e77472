// Which zone a request is about, read from its validated input alone (no database round trip on
// the hot path), for the per-zone rate limiter. A SIREN counts only if it is a known priority zone:
// an invented one gets no Durable Object of its own. Every SIREN this isolate does not know shares
// one zone budget instead: a zone designated through another isolate is not yet known here (up to
// a refresh, MISS_REFRESH_MS), and a stampede on it must meet a zone's limit all the same.
import type { Context } from 'hono';
import { createRequestDb } from '../db/client';
import { isKnownZone } from '../core/zones/known-zones';
import type { SlotSearchFilter } from '../core/publication/slot-search.queries';
import type { ZoneFilter } from '../core/slots/slots.queries';
import { log } from '../lib/log';
import { zoneOfId } from '../lib/zone-ids';
import type { AppEnv } from '../app-env';

/** What the route's validators accepted (called from the handler, so validation has run). */
function validated(c: Context<AppEnv>, target: 'json' | 'query' | 'param'): Record<string, unknown> {
  return (c.req.valid as (target: string) => Record<string, unknown>)(target);
}

/** The limiter key shared by every SIREN this isolate does not know as a priority zone. */
export const UNKNOWN_ZONES = 'unknown-zones';

/** The SIREN when it is a known priority zone (cached), so that only real zones get a limiter object of their own. */
export async function knownZone(c: Context<AppEnv>, siren: string | undefined): Promise<string | undefined> {
  if (!siren) return undefined;
  const known = await isKnownZone(siren, {
    nowMs: c.var.now.getTime(),
    openDb: () =>
      createRequestDb(c.var.config, (error) =>
        log('warn', 'db_pool_error', { requestId: c.var.requestId, error: error.message }),
      ),
    waitUntil: (promise) => {
      try {
        c.executionCtx.waitUntil(promise);
      } catch {
        // no execution context (a plain Node call): the promise simply runs on
      }
    },
  });
  return known ? siren : UNKNOWN_ZONES;
}

/**
 * Searches by commune or postcode are counted per département, the nearest thing a request shows;
 * validated INSEE codes and postcodes give at most ~110 of them, so no key is invented.
 */
export function departementOf(code: string): string {
  return code.startsWith('97') ? code.slice(0, 3) : code.slice(0, 2).toUpperCase();
}

export function zoneOfSearch(c: Context<AppEnv>): Promise<string | undefined> | string | undefined {
  const query = validated(c, 'query');
  if (typeof query.epci === 'string') return knownZone(c, query.epci);
  const place = query.commune ?? query.postcode;
  return typeof place === 'string' ? `dep-${departementOf(place)}` : undefined;
}

/** The same key for a search a page has already validated (the pages have no route validators). */
export function zoneOfFilter(c: Context<AppEnv>, filter: ZoneFilter): Promise<string | undefined> | string {
  if ('epci' in filter) return knownZone(c, filter.epci);
  return `dep-${departementOf('commune' in filter ? filter.commune : filter.postcode)}`;
}

/**
 * Every search by practitioners (the SAS aggregator's) shares one zone budget: their zones are not
 * in the request, and without one a caller rotating addresses would meet no shared limit at all.
 * Its rate can be raised like a zone's, in RATE_LIMIT_OVERRIDES under this name.
 */
export const PRACTITIONER_SEARCHES = 'practitioner-searches';

/** The zone key of a FHIR Slot search, from its parsed parameters (never from the raw query). */
export const zoneOfSlotSearch = (c: Context<AppEnv>, filter: SlotSearchFilter) =>
  'rpps' in filter ? PRACTITIONER_SEARCHES : zoneOfFilter(c, filter);

/** Slot and hold ids carry their zone in their first 8 hex digits. */
export function zoneOfClaim(c: Context<AppEnv>): Promise<string | undefined> {
  const body = validated(c, 'json');
  return knownZone(c, zoneOfId(body.slotId ?? body.holdId));
}

/** A waitlist joined: the zone it names. */
export function zoneOfJoin(c: Context<AppEnv>): Promise<string | undefined> {
  const zone = validated(c, 'json').zone;
  return knownZone(c, typeof zone === 'string' ? zone : undefined);
}

/** A hold named in the path (extending it), or a waitlist entry (accepting its offer): its id carries its zone. */
export function zoneOfPathId(c: Context<AppEnv>): Promise<string | undefined> {
  return knownZone(c, zoneOfId(validated(c, 'param').id));
}

/** A slot or hold id a page read from its path: its first 8 hex digits carry the zone. */
export const zoneOfSlotOrHoldId = (c: Context<AppEnv>, id: string) => knownZone(c, zoneOfId(id));
