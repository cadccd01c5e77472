import { createRoute, z } from '@hono/zod-openapi';
import { errorResponses } from '../../lib/openapi';
import { allow } from '../../middleware/require-role';
import { EXPORT_CSV_HEADER } from '../../core/indemnities/indemnities.operations';
import { DoctorIndemnitiesSchema, ExportQuery, IndemnityLinesSchema, MonthQuery } from './indemnities.schemas';

export const myIndemnities = createRoute({
  ...allow('doctor'),
  operationId: 'listMyIndemnities',
  method: 'get',
  path: '/v1/doctors/me/indemnities',
  tags: ['Indemnities'],
  summary: 'Your mission days of a month: hours, check-in and out, indemnity, consultations, no-shows',
  description:
    'A day checked in and out earns the rate in effect on its date for its kind (200 € full day, 100 € half-day); a day without both earns nothing.',
  request: { query: MonthQuery },
  responses: {
    200: {
      description: 'The month’s days and total',
      content: { 'application/json': { schema: DoctorIndemnitiesSchema } },
    },
    ...errorResponses(401, 403),
  },
});

export const indemnityExport = createRoute({
  ...allow('admin'),
  operationId: 'exportIndemnities',
  method: 'get',
  path: '/v1/indemnities',
  tags: ['Indemnities'],
  summary: 'The month’s payment lines: one per doctor-day that earns an indemnity, at sites of the token’s regions',
  description: `format=csv returns text/csv (RFC 4180, header ${EXPORT_CSV_HEADER.join(',')}) as an attachment; otherwise the same rows as JSON.`,
  request: { query: ExportQuery },
  responses: {
    200: {
      description: 'Payment lines',
      content: { 'application/json': { schema: IndemnityLinesSchema }, 'text/csv': { schema: z.string() } },
    },
    ...errorResponses(401, 403),
  },
});
