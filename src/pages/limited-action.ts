// A page's search or booking under the rate limiter, as the API's are: the limiter runs after the
// page's own checks (session, call, validated input), so a refused form never takes a token, and
// its zone comes from that validated input only.
import type { Context } from 'hono';
import type { AppEnv } from '../app-env';
import type { ZoneFilter } from '../core/slots/slots.queries';
import { rateLimited, type RateLimitOptions } from '../middleware/rate-limit';
import { zoneOfFilter, zoneOfSlotOrHoldId } from '../middleware/zone-of-request';

type Action = (c: Context<AppEnv>) => Response | Promise<Response>;

/** A hold, booking or move of this slot (or hold): counted in the slot's zone. */
export const bookingLimit = (slotOrHoldId: string): RateLimitOptions => ({
  kind: 'booking',
  zoneOf: (c) => zoneOfSlotOrHoldId(c, slotOrHoldId),
});

/** A search in this place, or, without one (a search by name or reference), in no zone. */
export const searchLimit = (filter: ZoneFilter | undefined): RateLimitOptions => ({
  kind: 'search',
  zoneOf: (c) => (filter ? zoneOfFilter(c, filter) : undefined),
});

export function limitedAction(c: Context<AppEnv>, limit: RateLimitOptions, action: Action): Promise<Response> {
  return rateLimited(limit, async (cc: Context<AppEnv>, _next: unknown) => action(cc))(c, undefined);
}
