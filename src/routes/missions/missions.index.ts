import { createRouter } from '../../lib/router';
import { cancelMissionHandler, createMissionHandler, listMissionsHandler } from './missions.handlers';
import { cancelMission, createMission, listMissions } from './missions.routes';

export const missionsRouter = createRouter()
  .openapi(createMission, createMissionHandler)
  .openapi(listMissions, listMissionsHandler)
  .openapi(cancelMission, cancelMissionHandler);
