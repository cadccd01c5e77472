// What integrators build on beyond booking (issue 24 §3): their own id on a booking and a reason on
// cancel and reschedule, both carried by the webhooks, whose bodies match the contract's schema for
// their type; the events feed for catch-up; Idempotency-Key on holds and webhook endpoints; an
// endpoint changed in place and a test event sent on demand. Through HTTP and the real Queue.
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { WebhookPayloadSchema, WebhookTestEventSchema } from '../src/routes/webhooks/webhook-payloads.schemas';
import { env } from './helpers/env';
import { book, idemKey } from './helpers/fixtures';
import { api } from './helpers/api';
import { missionDay, planning } from './helpers/mission-day';
import { sql } from './helpers/sql';
import { token } from './helpers/tokens';
import { integratorWithEndpoint, received, receivedAtLeast, script, waitFor } from './helpers/webhooks';

const DAY = '2026-12-17';
const ALL_BOOKING_TYPES = ['booking.created', 'booking.rescheduled', 'booking.cancelled'];
const verify = (secret: string, r: { headers: Record<string, string>; body: string }) =>
  new Webhook(secret).verify(r.body, r.headers);

/** Every page of the caller's feed from `after`, once the events are visible. */
async function feed(bearer: string, after?: string, limit = 100) {
  const res = await planning.get(`/v1/events?limit=${limit}${after ? `&after=${after}` : ''}`, bearer);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as {
    items: Array<{ id: string; type: string; data: Record<string, unknown> }>;
    next: string | null;
    hasMore: boolean;
  };
}

describe('externalRef and reasons', () => {
  it('a partner’s own id and the reasons of a move and a cancellation reach its webhooks, each body valid for its type', async () => {
    const d = await missionDay({ date: DAY });
    const { bearer, path, endpoint } = await integratorWithEndpoint(planning, ALL_BOOKING_TYPES);
    const created = await book(planning, bearer, { slotId: d.slotIds[0], externalRef: 'RDV-2026:000123' });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ externalRef: 'RDV-2026:000123', cancelReason: null });

    const moved = await planning.post(
      `/v1/bookings/${created.body.id}/reschedule`,
      { slotId: d.slotIds[1], reason: 'patient_unavailable' },
      bearer,
      { 'idempotency-key': idemKey() },
    );
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    const cancelled = await planning.post(
      `/v1/bookings/${created.body.id}/cancel`,
      { reason: 'booked_elsewhere' },
      bearer,
    );
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
    expect(cancelled.body).toMatchObject({
      status: 'cancelled',
      cancelReason: 'booked_elsewhere',
      externalRef: 'RDV-2026:000123',
    });

    const deliveries = await receivedAtLeast(path, 3);
    const bodies = deliveries.map((r) => WebhookPayloadSchema.parse(verify(endpoint.secret, r)));
    const byType = Object.fromEntries(bodies.map((b) => [b.type, b.data as Record<string, unknown>]));
    expect(byType['booking.created']).toMatchObject({ status: 'booked', externalRef: 'RDV-2026:000123' });
    expect(byType['booking.created']).not.toHaveProperty('reason');
    expect(byType['booking.rescheduled']).toMatchObject({
      status: 'booked',
      slotId: d.slotIds[1],
      reason: 'patient_unavailable',
      externalRef: 'RDV-2026:000123',
    });
    expect(byType['booking.cancelled']).toMatchObject({
      status: 'cancelled',
      cancelledBy: 'integrator',
      reason: 'booked_elsewhere',
      externalRef: 'RDV-2026:000123',
    });
    for (const r of deliveries) expect(JSON.parse(r.body).id).toBe(r.headers['webhook-id']);
  });

  it('refuses an externalRef that could carry a name or a sentence, and an unknown reason, changing nothing', async () => {
    const d = await missionDay({ date: DAY });
    const bearer = await token('integrator', { client_id: `partner-${crypto.randomUUID()}` });
    for (const externalRef of ['Jeanne Dupont', '', 'x'.repeat(65), 'é']) {
      const res = await book(planning, bearer, { slotId: d.slotIds[0], externalRef });
      expect(res.status, externalRef).toBe(400);
      expect(res.body.code).toBe('validation_failed');
    }
    const ok = await book(planning, bearer, { slotId: d.slotIds[0] });
    expect(ok.status).toBe(201);
    expect(ok.body.externalRef).toBeNull();
    const refused = await planning.post(`/v1/bookings/${ok.body.id}/cancel`, { reason: 'she was rude' }, bearer);
    expect(refused.status).toBe(400);
    expect((await planning.get(`/v1/bookings/${ok.body.id}`, bearer)).body.status).toBe('booked');
    // No body at all is still a cancellation without a reason.
    const plain = await planning.request('POST', `/v1/bookings/${ok.body.id}/cancel`, { token: bearer });
    expect(plain.status).toBe(200);
    expect(plain.body.cancelReason).toBeNull();
  });
});

describe('events feed', () => {
  it('lists the caller’s own events in order, the same bodies as webhooks, page by page, and nothing of others', async () => {
    const d = await missionDay({ date: DAY });
    const clientId = `partner-${crypto.randomUUID()}`;
    const bearer = await token('integrator', { client_id: clientId });
    const first = await book(planning, bearer, { slotId: d.slotIds[0], externalRef: 'feed-1' });
    const second = await book(planning, bearer, { slotId: d.slotIds[1] });
    expect((await planning.post(`/v1/bookings/${first.body.id}/cancel`, { reason: 'duplicate' }, bearer)).status).toBe(
      200,
    );
    // A patient app sharing the client_id, and another integrator: not in this feed.
    expect(
      (await book(planning, await token('patient', { client_id: clientId }), { slotId: d.slotIds[2] })).status,
    ).toBe(201);
    const other = await token('integrator', { client_id: `partner-${crypto.randomUUID()}` });
    expect((await book(planning, other, { slotId: d.slotIds[3] })).status).toBe(201);

    const all = await waitFor(async () => {
      const page = await feed(bearer);
      return page.items.length >= 3 && page;
    }, 'three events in the feed');
    expect(all.items.map((e) => [e.type, e.data.bookingId])).toEqual([
      ['booking.created', first.body.id],
      ['booking.created', second.body.id],
      ['booking.cancelled', first.body.id],
    ]);
    for (const item of all.items) WebhookPayloadSchema.parse(item);
    expect(all.items[2].data).toMatchObject({ reason: 'duplicate', externalRef: 'feed-1', cancelledBy: 'integrator' });
    const [event] = await sql<{ id: string }>(
      `SELECT id FROM events WHERE booking_id = $1 AND type = 'booking.cancelled'`,
      [first.body.id],
    );
    expect(all.items[2].id).toBe(event.id);
    expect(all.hasMore).toBe(false);

    // Page by page, following next, gives the same events; at the end, next stays put.
    const one = await feed(bearer, undefined, 1);
    expect(one).toMatchObject({ hasMore: true, items: [{ id: all.items[0].id }] });
    const two = await feed(bearer, one.next!, 2);
    expect(two.items.map((e) => e.id)).toEqual([all.items[1].id, all.items[2].id]);
    const end = await feed(bearer, two.next!);
    expect(end).toEqual({ items: [], next: two.next, hasMore: false });

    expect((await feed(other)).items).toHaveLength(1);
  });

  it('a mission cancellation lists the caller’s bookings it cancelled; bad cursors and other roles are refused', async () => {
    const d = await missionDay({ date: DAY });
    const bearer = await token('integrator', { client_id: `partner-${crypto.randomUUID()}` });
    const mine = await book(planning, bearer, { slotId: d.slotIds[0] });
    const cancelled = await planning.del(`/v1/missions/${d.mission.id}`, d.doctor.token);
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
    const page = await waitFor(async () => {
      const p = await feed(bearer);
      return p.items.some((e) => e.type === 'mission.cancelled') && p;
    }, 'the mission cancellation in the feed');
    const mission = page.items.find((e) => e.type === 'mission.cancelled')!;
    expect(WebhookPayloadSchema.parse(mission).data).toMatchObject({
      missionId: d.mission.id,
      cancelledBy: 'doctor',
      bookingIds: [mine.body.id],
    });

    expect((await planning.get('/v1/events?after=not-a-cursor', bearer)).body.code).toBe('invalid_cursor');
    expect((await planning.get('/v1/events', await token('patient'))).status).toBe(403);
    expect((await planning.get('/v1/events')).status).toBe(401);
  });
});

describe('Idempotency-Key on holds and webhook endpoints', () => {
  it('a retried hold returns the first hold; the same key for another slot is refused; no key still works', async () => {
    const d = await missionDay({ date: DAY });
    const bearer = await token('integrator', { client_id: `partner-${crypto.randomUUID()}` });
    const key = idemKey();
    const first = await planning.post('/v1/holds', { slotId: d.slotIds[0], patientRef: 'p-1' }, bearer, {
      'idempotency-key': key,
    });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    const again = await planning.post('/v1/holds', { slotId: d.slotIds[0], patientRef: 'p-1' }, bearer, {
      'idempotency-key': key,
    });
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
    const [{ n }] = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM holds WHERE slot_id = $1`, [d.slotIds[0]]);
    expect(n).toBe(1);

    const reused = await planning.post('/v1/holds', { slotId: d.slotIds[1], patientRef: 'p-1' }, bearer, {
      'idempotency-key': key,
    });
    expect(reused.status).toBe(422);
    expect(reused.body.code).toBe('idempotency_key_reused');
    const bad = await planning.post('/v1/holds', { slotId: d.slotIds[1] }, bearer, { 'idempotency-key': 'short' });
    expect(bad.body.code).toBe('idempotency_key_invalid');
    expect((await planning.post('/v1/holds', { slotId: d.slotIds[1], patientRef: 'p-2' }, bearer)).status).toBe(201);
  });

  it('a retried endpoint registration returns the same endpoint and secret, once', async () => {
    const bearer = await token('integrator', { client_id: `partner-${crypto.randomUUID()}` });
    const body = { url: `${env.TEST_WEBHOOK_RECEIVER}/hooks/${crypto.randomUUID()}`, eventTypes: ['booking.created'] };
    const key = idemKey();
    const first = await planning.post('/v1/webhooks', body, bearer, { 'idempotency-key': key });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    const again = await planning.post('/v1/webhooks', body, bearer, { 'idempotency-key': key });
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
    expect((await planning.get('/v1/webhooks', bearer)).body.items).toHaveLength(1);
    const other = await planning.post('/v1/webhooks', { ...body, eventTypes: ['booking.cancelled'] }, bearer, {
      'idempotency-key': key,
    });
    expect(other.body.code).toBe('idempotency_key_reused');
  });
});

describe('endpoint changes and test events', () => {
  it('PATCH changes the URL and the types in place, checked as on registration; someone else’s is a 404', async () => {
    const { bearer, endpoint } = await integratorWithEndpoint(planning);
    const url = `${env.TEST_WEBHOOK_RECEIVER}/hooks/${crypto.randomUUID()}`;
    const changed = await planning.request('PATCH', `/v1/webhooks/${endpoint.id}`, {
      token: bearer,
      body: { url, eventTypes: ['booking.cancelled', 'booking.cancelled'] },
    });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(changed.body).toMatchObject({ id: endpoint.id, url, eventTypes: ['booking.cancelled'], status: 'enabled' });
    expect(changed.body).not.toHaveProperty('secret');

    const types = await planning.request('PATCH', `/v1/webhooks/${endpoint.id}`, {
      token: bearer,
      body: { eventTypes: ['booking.created'] },
    });
    expect(types.body).toMatchObject({ url, eventTypes: ['booking.created'] });
    for (const body of [{}, { url: 'http://10.0.0.1/hook' }, { eventTypes: ['booking.unknown'] }, { secret: 'x' }]) {
      const res = await planning.request('PATCH', `/v1/webhooks/${endpoint.id}`, { token: bearer, body });
      expect([400, 422], JSON.stringify(body)).toContain(res.status);
    }
    expect((await planning.get(`/v1/webhooks/${endpoint.id}`, bearer)).body).toMatchObject({
      url,
      eventTypes: ['booking.created'],
    });
    const stranger = await token('integrator', { client_id: `partner-${crypto.randomUUID()}` });
    expect(
      (await planning.request('PATCH', `/v1/webhooks/${endpoint.id}`, { token: stranger, body: { url } })).status,
    ).toBe(404);
  });

  it('a test event reaches the endpoint signed, and the answer says what it replied', async () => {
    const { bearer, path, endpoint } = await integratorWithEndpoint(planning);
    const sent = await planning.post(`/v1/webhooks/${endpoint.id}/test`, undefined, bearer);
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);
    expect(sent.body).toMatchObject({ delivered: true, responseStatus: 204, error: null });
    const [delivery] = await received(path);
    const payload = WebhookTestEventSchema.parse(verify(endpoint.secret, delivery));
    expect(payload).toMatchObject({ id: sent.body.eventId, type: 'webhook.test', data: { endpointId: endpoint.id } });

    await script(path, [{ status: 500 }]);
    const failing = await planning.post(`/v1/webhooks/${endpoint.id}/test`, undefined, bearer);
    expect(failing.body).toMatchObject({ delivered: false, responseStatus: 500, error: 'http_500' });
    // Not an event: nothing in the delivery log.
    expect((await planning.get(`/v1/webhooks/${endpoint.id}/deliveries`, bearer)).body.items).toEqual([]);
  });
});

describe('sandbox', () => {
  const sandbox = api({ now: new Date('2026-12-01T08:00:00Z'), env: { SANDBOX: '1' } });

  it('test credentials work on the sandbox only, and what it sends says sandbox', async () => {
    const clientId = `partner-${crypto.randomUUID()}`;
    const testToken = await token('integrator', { client_id: clientId, sandbox: true });
    const refused = await planning.get('/v1/bookings', testToken);
    expect(refused.status).toBe(401);
    expect(refused.body.code).toBe('invalid_token');

    const d = await missionDay({ date: DAY });
    const booked = await book(sandbox, testToken, { slotId: d.slotIds[0] });
    expect(booked.status, JSON.stringify(booked.body)).toBe(201);
    const page = await waitFor(async () => {
      const res = await sandbox.get('/v1/events', testToken);
      return res.body.items?.length && res.body;
    }, 'the sandbox booking in the feed');
    expect(page.items[0]).toMatchObject({
      type: 'booking.created',
      sandbox: true,
      data: { bookingId: booked.body.id },
    });

    const path = `/hooks/${crypto.randomUUID()}`;
    const endpoint = await sandbox.post(
      '/v1/webhooks',
      { url: `${env.TEST_WEBHOOK_RECEIVER}${path}`, eventTypes: ['booking.created'] },
      testToken,
    );
    expect(endpoint.status).toBe(201);
    expect((await sandbox.post(`/v1/webhooks/${endpoint.body.id}/test`, undefined, testToken)).body.delivered).toBe(
      true,
    );
    const [delivery] = await received(path);
    expect(WebhookTestEventSchema.parse(verify(endpoint.body.secret, delivery))).toMatchObject({
      type: 'webhook.test',
      sandbox: true,
    });
  });
});
