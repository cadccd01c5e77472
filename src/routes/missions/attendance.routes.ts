import { createRoute, z } from '@hono/zod-openapi';
import { Instant, Timestamp, Uuid, errorResponses, json } from '../../lib/openapi';
import { allow } from '../../middleware/require-role';
import { CheckInSchema, MissionSchema } from './missions.schemas';

export const checkIn = createRoute({
  ...allow('doctor'),
  operationId: 'checkIn',
  method: 'post',
  path: '/v1/missions/{id}/check-in',
  tags: ['Mission day'],
  summary: 'Check in to your mission day',
  description:
    'Open on the mission’s date in the site’s time zone, from 60 minutes before the start until the end (check_in_window, 422, names the window). With a position and a site with coordinates, more than 1 km away is check_in_too_far (422). Idempotent: checking in again returns the first check-in. Someone else’s mission is a 404; a cancelled one is mission_cancelled (409).',
  request: {
    params: z.object({ id: Uuid }),
    body: { required: false, content: { 'application/json': { schema: CheckInSchema } } },
  },
  responses: {
    200: json(MissionSchema, 'The mission, with checkedInAt'),
    ...errorResponses(401, 403, 404, 409, 413, 422),
  },
});

export const checkOut = createRoute({
  ...allow('doctor'),
  operationId: 'checkOut',
  method: 'post',
  path: '/v1/missions/{id}/check-out',
  tags: ['Mission day'],
  summary: 'Check out of your mission day',
  description:
    'After check-in (not_checked_in, 409, otherwise), from the mission’s start time (check_out_too_early, 409, with `startsAt`, before it). Idempotent: checking out again returns the first check-out.',
  request: { params: z.object({ id: Uuid }) },
  responses: { 200: json(MissionSchema, 'The mission, with checkedOutAt'), ...errorResponses(401, 403, 404, 409) },
});

const AttendanceCorrectionInput = z
  .strictObject({
    checkedInAt: Instant,
    checkedOutAt: Instant,
    reason: z
      .string()
      .trim()
      .min(10)
      .max(500)
      .openapi({ example: 'Départ à 17 h 30 confirmé par la maison de santé ; pointage de sortie oublié.' }),
  })
  .openapi('AttendanceCorrectionInput');

const AttendanceCorrectionSchema = z
  .object({
    missionId: Uuid,
    checkedInAt: Timestamp,
    checkedOutAt: Timestamp,
    previous: z
      .object({ checkedInAt: Timestamp.nullable(), checkedOutAt: Timestamp.nullable() })
      .openapi({ description: 'The times recorded before this correction.' }),
    reason: z.string(),
    correctedAt: Timestamp,
    correctedBy: z.string().openapi({ description: 'The ARS caller’s sub.' }),
  })
  .openapi('AttendanceCorrection');

export const correctAttendance = createRoute({
  ...allow('admin'),
  operationId: 'correctAttendance',
  method: 'post',
  path: '/v1/missions/{id}/attendance-corrections',
  tags: ['Mission day'],
  summary: 'Correct a mission’s check-in and check-out times (ARS staff), with the reason',
  description:
    'For a forgotten check-out or a wrong time. Both times lie on the mission’s date at the site, the check-out not before the check-in nor after now (invalid_attendance, 422). The mission takes the corrected times, so its indemnity follows them; the correction is kept with its reason (shown in the monthly indemnity export) and audited (GET /v1/audit?missionId=). A token corrects only missions of the regions of its `regions` claim: another region’s mission is a 404. A cancelled mission is mission_cancelled (409).',
  request: {
    params: z.object({ id: Uuid }),
    body: { required: true, content: { 'application/json': { schema: AttendanceCorrectionInput } } },
  },
  responses: {
    200: json(AttendanceCorrectionSchema, 'The correction, as recorded'),
    ...errorResponses(401, 403, 404, 409, 413, 422),
  },
});
