// Which zone a request is about, read from the request alone (no database round trip), for the
// per-zone rate limiter.
import type { Context } from 'hono';
import { zoneOfId } from '../lib/zone-ids';
import type { AppEnv } from '../lib/types';

/** Searches by commune or postcode are counted per département, the nearest thing a request shows. */
function departementOf(code: string): string {
  return code.startsWith('97') ? code.slice(0, 3) : code.slice(0, 2).toUpperCase();
}

export function zoneOfSearch(c: Context<AppEnv>): string | undefined {
  const epci = c.req.query('epci');
  if (epci) return epci;
  const place = c.req.query('commune') ?? c.req.query('postcode');
  return place ? `dep-${departementOf(place)}` : undefined;
}

/** Slot and hold ids carry their zone. A body that is not JSON is left to the validator. */
export async function zoneOfClaim(c: Context<AppEnv>): Promise<string | undefined> {
  try {
    const body = (await c.req.json()) as { slotId?: unknown; holdId?: unknown };
    return zoneOfId(body.slotId ?? body.holdId);
  } catch {
    return undefined;
  }
}
