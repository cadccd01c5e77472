import { createRouter } from '../router';
import { auditAgentAccess } from '../../middleware/audit';
import { checkInHandler, checkOutHandler, correctAttendanceHandler } from './attendance.handlers';
import { checkIn, checkOut, correctAttendance } from './attendance.routes';
import {
  listOfferedMissionsHandler,
  offerMissionHandler,
  takeOverMissionHandler,
  withdrawMissionOfferHandler,
} from './handover.handlers';
import { listOfferedMissions, offerMission, takeOverMission, withdrawMissionOffer } from './handover.routes';
import { cancelMissionHandler, createMissionHandler, listMissionsHandler } from './missions.handlers';
import { cancelMission, createMission, listMissions } from './missions.routes';

export const missionsRouter = createRouter();
// Agents listing missed missions read patients' phone numbers: audited like reads of bookings.
missionsRouter.use('/v1/missions', auditAgentAccess);
missionsRouter
  .openapi(createMission, createMissionHandler)
  .openapi(listMissions, listMissionsHandler)
  // Before /v1/missions/{id}/…: "offered" is no mission id.
  .openapi(listOfferedMissions, listOfferedMissionsHandler)
  .openapi(offerMission, offerMissionHandler)
  .openapi(withdrawMissionOffer, withdrawMissionOfferHandler)
  .openapi(takeOverMission, takeOverMissionHandler)
  .openapi(cancelMission, cancelMissionHandler)
  .openapi(checkIn, checkInHandler)
  .openapi(checkOut, checkOutHandler)
  .openapi(correctAttendance, correctAttendanceHandler);
