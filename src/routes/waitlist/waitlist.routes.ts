import { createRoute, z } from '@hono/zod-openapi';
import { IDEMPOTENT_REPLAYED, RATE_LIMIT_HEADERS, Uuid, created, errorResponses, json } from '../../lib/openapi';
import { allow } from '../../middleware/require-role';
import { BookingSchema } from '../bookings/bookings.schemas';
import { CallReferenceHeader, IdempotencyKeyHeader } from '../headers';
import { NewWaitlistEntrySchema, WaitlistEntrySchema } from './waitlist.schemas';

const IdParam = z.object({ id: Uuid });
const CallReferenceHeaders = z.object({ 'x-call-reference': CallReferenceHeader });

export const joinWaitlist = createRoute({
  ...allow('patient', 'integrator', 'agent'),
  operationId: 'joinWaitlist',
  method: 'post',
  path: '/v1/waitlist',
  tags: ['Waitlist'],
  summary: 'Put a person on a zone’s waitlist, to be offered a freed slot',
  description:
    'Counted by the zone’s booking limiter, as holds and bookings are (429 rate_limited). First come, first served within the zone: when a slot frees up (a cancellation, an expired hold, a move) or a mission day is declared, the first waiting entry it fits is offered it, kept for 2 hours (1 hour when it starts within a day, 30 minutes within 6 hours; slots starting within 3 hours are not offered). A person already waiting in the zone gets their entry back (200), whatever the new request says. A person at their cap of upcoming bookings is offered nothing until a booking ends.',
  request: {
    headers: CallReferenceHeaders,
    body: { required: true, content: { 'application/json': { schema: NewWaitlistEntrySchema } } },
  },
  responses: {
    201: created(WaitlistEntrySchema, 'The new entry', RATE_LIMIT_HEADERS),
    200: json(WaitlistEntrySchema, 'The person’s entry already waiting in this zone', RATE_LIMIT_HEADERS),
    ...errorResponses(401, 403, 404, 409, 413, 422, 429),
  },
});

export const getWaitlistEntry = createRoute({
  ...allow('patient', 'integrator', 'agent', 'admin'),
  operationId: 'getWaitlistEntry',
  method: 'get',
  path: '/v1/waitlist/{id}',
  tags: ['Waitlist'],
  summary: 'A waitlist entry as it is now, with its offer while offered (someone else’s is a 404)',
  request: { params: IdParam, headers: CallReferenceHeaders },
  responses: { 200: json(WaitlistEntrySchema, 'The entry'), ...errorResponses(401, 403, 404) },
});

export const acceptWaitlistOffer = createRoute({
  ...allow('patient', 'integrator', 'agent'),
  operationId: 'acceptWaitlistOffer',
  method: 'post',
  path: '/v1/waitlist/{id}/accept',
  tags: ['Waitlist'],
  summary: 'Book the slot offered to this entry, for its person',
  description:
    'Requires an Idempotency-Key header, as booking does: the same key returns the same 201 (Idempotent-Replayed: true). An offer whose time is up, or that was passed on, is offer_expired (409) and nothing is booked; an entry with no offer is no_live_offer (409). Agents send X-Call-Reference.',
  request: {
    params: IdParam,
    headers: z.object({ 'idempotency-key': IdempotencyKeyHeader, 'x-call-reference': CallReferenceHeader }),
  },
  responses: {
    201: created(BookingSchema, 'The booking (or, replayed, the one this key already made)', {
      ...IDEMPOTENT_REPLAYED,
      ...RATE_LIMIT_HEADERS,
    }),
    ...errorResponses(401, 403, 404, 409, 422, 429),
  },
});

export const declineWaitlistOffer = createRoute({
  ...allow('patient', 'integrator', 'agent'),
  operationId: 'declineWaitlistOffer',
  method: 'post',
  path: '/v1/waitlist/{id}/decline',
  tags: ['Waitlist'],
  summary: 'Decline the slot offered: it goes to the next person, and the entry waits again',
  description:
    'After its third offer declined or left to expire, the entry ends (expired). An offer whose time is up is offer_expired (409); an entry with no offer no_live_offer (409).',
  request: { params: IdParam, headers: CallReferenceHeaders },
  responses: {
    200: json(WaitlistEntrySchema, 'The entry, waiting again or ended'),
    ...errorResponses(401, 403, 404, 409),
  },
});

export const withdrawWaitlistEntry = createRoute({
  ...allow('patient', 'integrator', 'agent'),
  operationId: 'withdrawWaitlistEntry',
  method: 'delete',
  path: '/v1/waitlist/{id}',
  tags: ['Waitlist'],
  summary: 'Take the person off the waitlist; a slot offered to them goes to the next person',
  description: 'Withdrawing twice answers 204 again; an entry already booked or expired is waitlist_entry_ended (409).',
  request: { params: IdParam, headers: CallReferenceHeaders },
  responses: { 204: { description: 'Withdrawn' }, ...errorResponses(401, 403, 404, 409) },
});
