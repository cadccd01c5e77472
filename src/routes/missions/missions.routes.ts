import { createRoute, z } from '@hono/zod-openapi';
import { Uuid, created, errorResponses, json, page } from '../../lib/openapi';
import { allow } from '../../middleware/require-role';
import { CallReferenceHeader } from '../headers';
import { CancelledMissionSchema, MissionListQuery, MissionSchema, NewMissionSchema } from './missions.schemas';

export const createMission = createRoute({
  ...allow('doctor'),
  operationId: 'createMission',
  method: 'post',
  path: '/v1/missions',
  tags: ['Supply'],
  summary: 'Declare a mission day at a site; its slots become bookable',
  description:
    'At most two mission days per doctor per calendar month (mission_cap_reached, 422), one per date (mission_date_taken, 409), none in the past (mission_in_past, 422).',
  request: { body: { required: true, content: { 'application/json': { schema: NewMissionSchema } } } },
  responses: {
    201: created(MissionSchema, 'The mission and its slot count'),
    ...errorResponses(401, 403, 409, 413, 422),
  },
});

export const listMissions = createRoute({
  ...allow('doctor', 'agent', 'admin'),
  operationId: 'listMissions',
  method: 'get',
  path: '/v1/missions',
  tags: ['Supply'],
  summary: 'Missions by date: a doctor’s own; for agents and admins, those of one zone (epci required)',
  description:
    'Filter with status (planned, cancelled, missed). A missed mission (never checked in, end passed) lists in toCall its still-booked bookings so that an agent can call each patient; agents’ reads of that list are audited.',
  request: { query: MissionListQuery, headers: z.object({ 'x-call-reference': CallReferenceHeader }) },
  responses: { 200: json(page(MissionSchema, 'MissionPage'), 'A page of missions'), ...errorResponses(401, 403) },
});

export const cancelMission = createRoute({
  ...allow('doctor'),
  operationId: 'cancelMission',
  method: 'delete',
  path: '/v1/missions/{id}',
  tags: ['Supply'],
  summary: 'Cancel a future mission; its bookings are cancelled (cancelledBy: doctor)',
  description:
    'Refused once the mission has started (mission_started) or the doctor has checked in (mission_checked_in).',
  request: { params: z.object({ id: Uuid }) },
  responses: { 200: json(CancelledMissionSchema, 'The cancelled mission'), ...errorResponses(401, 403, 404, 409) },
});
