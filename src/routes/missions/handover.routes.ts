import { createRoute, z } from '@hono/zod-openapi';
import { Uuid, errorResponses, json } from '../../lib/openapi';
import { allow } from '../../middleware/require-role';
import { MissionSchema } from './missions.schemas';

export const offerMission = createRoute({
  ...allow('doctor', 'admin'),
  operationId: 'offerMission',
  method: 'post',
  path: '/v1/missions/{id}/handover',
  tags: ['Mission day'],
  summary: 'Offer a mission day to other volunteers instead of cancelling it',
  description:
    'The doctor of the day, or ARS staff of its region, puts it on offer (`offeredAt`); its bookings, slots and holds stay. Any volunteer may then take it over (takeOverMission) until it starts. Offering again keeps the first offer. A cancelled day is mission_cancelled, a started one mission_started, a checked-in one handover_after_check_in (409). Someone else’s day, or another region’s, is a 404.',
  request: { params: z.object({ id: Uuid }) },
  responses: { 200: json(MissionSchema, 'The mission, on offer'), ...errorResponses(401, 403, 404, 409) },
});

export const withdrawMissionOffer = createRoute({
  ...allow('doctor', 'admin'),
  operationId: 'withdrawMissionOffer',
  method: 'delete',
  path: '/v1/missions/{id}/handover',
  tags: ['Mission day'],
  summary: 'Withdraw a mission day’s offer: the day stays its doctor’s',
  request: { params: z.object({ id: Uuid }) },
  responses: { 200: json(MissionSchema, 'The mission, no longer on offer'), ...errorResponses(401, 403, 404) },
});

export const takeOverMission = createRoute({
  ...allow('doctor'),
  operationId: 'takeOverMission',
  method: 'post',
  path: '/v1/missions/{id}/takeover',
  tags: ['Mission day'],
  summary: 'Take over a mission day another volunteer offers',
  description:
    'The day becomes the caller’s, with its bookings, slots and holds unchanged; patients are told the doctor changed, and integrators receive mission.reassigned. The database holds the caller’s rules as for a declaration: mission_cap_reached (422), mission_date_taken (409). A day no longer on offer (taken by someone else, withdrawn) is mission_not_offered, one’s own handover_to_self, a started one mission_started, a checked-in one handover_after_check_in (409). The day’s indemnity goes to whoever checks in: the offering doctor is not paid for it.',
  request: { params: z.object({ id: Uuid }) },
  responses: { 200: json(MissionSchema, 'The mission, now the caller’s'), ...errorResponses(401, 403, 404, 409, 422) },
});

export const listOfferedMissions = createRoute({
  ...allow('doctor', 'admin'),
  operationId: 'listOfferedMissions',
  method: 'get',
  path: '/v1/missions/offered',
  tags: ['Mission day'],
  summary: 'Mission days on offer that have not started, soonest first',
  description: 'For doctors, every day on offer; for ARS staff with a `region` claim, those of that region.',
  request: { query: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }) },
  responses: {
    200: json(z.object({ items: z.array(MissionSchema) }).openapi('OfferedMissions'), 'The days on offer'),
    ...errorResponses(401, 403),
  },
});
