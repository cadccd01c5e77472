import type { MiddlewareHandler } from 'hono';
import { zoneDesignated, zoneWithdrawn } from '../../core/zones/known-zones';
import { createRouter } from '../../lib/router';
import type { AppEnv } from '../../lib/types';
import { referenceRead } from '../../middleware/reference-read';
import { designateZoneHandler, getZoneHandler, listZonesHandler, withdrawZoneHandler } from './zones.handlers';
import { designateZone, getZone, listZones, withdrawZone } from './zones.routes';

/** The rate limiter accepts a zone's ids as soon as this isolate designates it (others refresh). */
const tellKnownZones: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next();
  const siren = c.req.param('siren');
  if (siren && c.res.status === 201) zoneDesignated(siren);
  if (siren && c.res.status === 204) zoneWithdrawn(siren);
};

export const zonesRouter = createRouter();
// The priority set changes when an ARS designates a zone: five minutes in caches, then revalidated.
zonesRouter.on('GET', ['/v1/zones', '/v1/zones/:siren'], referenceRead({ cacheControl: 'public, max-age=300' }));
zonesRouter.on(['POST', 'DELETE'], '/v1/zones/:siren/priority', tellKnownZones);
zonesRouter
  .openapi(listZones, listZonesHandler)
  .openapi(getZone, getZoneHandler)
  .openapi(designateZone, designateZoneHandler)
  .openapi(withdrawZone, withdrawZoneHandler);
