import { createRouter } from '../../lib/router';
import { designateZoneHandler, getZoneHandler, listZonesHandler, withdrawZoneHandler } from './zones.handlers';
import { designateZone, getZone, listZones, withdrawZone } from './zones.routes';

export const zonesRouter = createRouter()
  .openapi(listZones, listZonesHandler)
  .openapi(getZone, getZoneHandler)
  .openapi(designateZone, designateZoneHandler)
  .openapi(withdrawZone, withdrawZoneHandler);
