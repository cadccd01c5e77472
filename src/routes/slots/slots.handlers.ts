import type { RouteHandler } from '@hono/zod-openapi';
import { decodeCursor, encodeCursor } from '../../lib/openapi';
import { problem, notFound } from '../../domain/problem';
import type { AppEnv } from '../../app-env';
import { MAX_RANGE_DAYS, type ZoneFilter } from '../../core/slots/slots.queries';
import { searchFreeSlots } from '../../core/slots/slots.search';
import { toHints, toSlot } from '../../core/slots/slots.presenters';
import type { searchSlots } from './slots.routes';
import { DEFAULT_RANGE_DAYS } from './slots.schemas';

const DAY = 86_400_000;

function rangeOf(query: { from?: string; to?: string }, now: Date) {
  const from = query.from ? new Date(query.from) : now;
  const to = query.to ? new Date(query.to) : new Date(from.getTime() + DEFAULT_RANGE_DAYS * DAY);
  if (to <= from) throw problem('invalid_range', '`to` must be after `from`.');
  if (to.getTime() - from.getTime() > MAX_RANGE_DAYS * DAY) {
    throw problem('range_too_long', `A search covers at most ${MAX_RANGE_DAYS} days.`);
  }
  return { from, to };
}

export const searchSlotsHandler: RouteHandler<typeof searchSlots, AppEnv> = async (c) => {
  const query = c.req.valid('query');
  const filter: ZoneFilter = query.epci
    ? { epci: query.epci }
    : query.commune
      ? { commune: query.commune }
      : { postcode: query.postcode! };
  const after = decodeCursor(query.cursor, ['instant', 'uuid']);
  const found = await searchFreeSlots(c.var.db, filter, rangeOf(query, c.var.now), c.var.now, after, query.limit);
  const page = {
    items: found.rows.map(toSlot),
    nextCursor: found.next ? encodeCursor(found.next) : null,
    ...(found.hints ? toHints(found.hints) : {}),
  };
  if (!found.zone || found.zone.priority) return c.json(page, 200);
  if (!found.zone.known)
    throw notFound(
      'epci' in filter
        ? `EPCI ${filter.epci}`
        : 'commune' in filter
          ? `Commune ${filter.commune}`
          : `Postcode ${filter.postcode}`,
    );
  if ('epci' in filter) {
    throw problem('zone_not_priority', `EPCI ${filter.epci} is not a priority zone of the scheme.`);
  }
  return c.json({ ...page, nearbyPriorityZones: found.nearbyPriorityZones ?? [] }, 200);
};
