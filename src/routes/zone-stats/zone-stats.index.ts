import { createRouter } from '../../lib/router';
import { getZoneStatsHandler } from './zone-stats.handlers';
import { getZoneStats } from './zone-stats.routes';

export const zoneStatsRouter = createRouter().openapi(getZoneStats, getZoneStatsHandler);
