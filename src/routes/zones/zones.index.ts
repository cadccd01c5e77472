import { createRouter } from '../../lib/router';
import { getZoneHandler, listZonesHandler } from './zones.handlers';
import { getZone, listZones } from './zones.routes';

export const zonesRouter = createRouter().openapi(listZones, listZonesHandler).openapi(getZone, getZoneHandler);
