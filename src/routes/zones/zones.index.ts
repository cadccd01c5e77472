import { createRouter } from '../router';
import { referenceRead } from '../../middleware/reference-read';
import {
  designateZoneHandler,
  getZoneHandler,
  importZonesHandler,
  listZonesHandler,
  withdrawZoneHandler,
} from './zones.handlers';
import { designateZone, getZone, importZones, listZones, withdrawZone } from './zones.routes';

export const zonesRouter = createRouter();
// The priority set changes when an ARS designates a zone: five minutes in caches, then revalidated.
zonesRouter.on('GET', ['/v1/zones', '/v1/zones/:siren'], referenceRead({ cacheControl: 'public, max-age=300' }));
zonesRouter
  .openapi(listZones, listZonesHandler)
  // Before /v1/zones/{siren}: "imports" is no SIREN.
  .openapi(importZones, importZonesHandler)
  .openapi(getZone, getZoneHandler)
  .openapi(designateZone, designateZoneHandler)
  .openapi(withdrawZone, withdrawZoneHandler);
