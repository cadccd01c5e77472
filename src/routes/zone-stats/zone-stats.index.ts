import { createRouter } from '../router';
import { getCoverageHandler, getRegionCoverageHandler } from './coverage.handlers';
import { getCoverage, getRegionCoverage } from './coverage.routes';
import { getZoneStatsHandler } from './zone-stats.handlers';
import { getZoneStats } from './zone-stats.routes';

export const zoneStatsRouter = createRouter()
  .openapi(getZoneStats, getZoneStatsHandler)
  .openapi(getCoverage, getCoverageHandler)
  .openapi(getRegionCoverage, getRegionCoverageHandler);
