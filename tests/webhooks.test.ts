// Integrator webhooks (Standard Webhooks 1.0), through HTTP and the real Queue: endpoints and their
// ownership, the URL guard, a booking's delivery verified as a receiver would, secret rotation,
// duplicates, thin payloads, and a mission cancellation reaching each integrator concerned.
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { webhookDeliverer } from '../src/events/webhooks/deliverer';
import { toEvent, type EventRow } from '../src/core/outbox/event';
import { api } from './helpers/api';
import { env } from './helpers/env';
import { book, patientBody } from './helpers/fixtures';
import { missionDay, planning } from './helpers/mission-day';
import { sql } from './helpers/sql';
import { token } from './helpers/tokens';
import {
  deliveriesOfEndpoint,
  deliveryWhen,
  integratorWithEndpoint,
  received,
  receivedAtLeast,
} from './helpers/webhooks';

const DAY = '2026-12-16';
const client = api();

describe('webhook endpoints', () => {
  it('an integrator registers, reads, lists and deletes its own; another integrator sees none of them; admins read', async () => {
    const { bearer, endpoint, clientId } = await integratorWithEndpoint(client);
    expect(endpoint.secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    expect(endpoint).toMatchObject({
      clientId,
      status: 'enabled',
      disabledReason: null,
      previousSecretValidUntil: null,
    });

    const read = await client.get(`/v1/webhooks/${endpoint.id}`, bearer);
    expect(read.status).toBe(200);
    expect(read.body).not.toHaveProperty('secret');
    const second = await client.post('/v1/webhooks', { url: endpoint.url, eventTypes: ['booking.noshow'] }, bearer);
    expect(second.status).toBe(201);
    const firstPage = await client.get('/v1/webhooks?limit=1', bearer);
    expect(firstPage.body.items).toHaveLength(1);
    const nextPage = await client.get(`/v1/webhooks?limit=1&cursor=${firstPage.body.nextCursor}`, bearer);
    expect([...firstPage.body.items, ...nextPage.body.items].map((e: { id: string }) => e.id).sort()).toEqual(
      [endpoint.id, second.body.id].sort(),
    );
    expect(nextPage.body.nextCursor).toBeNull();

    const other = await token('integrator', { client_id: `partner-${crypto.randomUUID()}` });
    expect((await client.get(`/v1/webhooks/${endpoint.id}`, other)).status).toBe(404);
    expect((await client.del(`/v1/webhooks/${endpoint.id}`, other)).status).toBe(404);
    expect((await client.post(`/v1/webhooks/${endpoint.id}/secret`, {}, other)).status).toBe(404);
    expect((await client.get(`/v1/webhooks/${endpoint.id}/deliveries`, other)).status).toBe(404);
    expect((await client.get('/v1/webhooks', other)).body.items).toEqual([]);

    const admin = await token('admin');
    expect((await client.get(`/v1/webhooks/${endpoint.id}`, admin)).status).toBe(200);
    expect(
      (await client.post('/v1/webhooks', { url: endpoint.url, eventTypes: ['booking.created'] }, admin)).status,
    ).toBe(403);
    expect((await client.get('/v1/webhooks', await token('patient'))).status).toBe(403);

    expect((await client.del(`/v1/webhooks/${endpoint.id}`, bearer)).status).toBe(204);
    expect((await client.get(`/v1/webhooks/${endpoint.id}`, bearer)).status).toBe(404);
  });

  it('stores the secret sealed, never as given', async () => {
    const { endpoint } = await integratorWithEndpoint(client);
    const [row] = await sql<{ secret: string }>(`SELECT secret FROM webhook_endpoints WHERE id = $1`, [endpoint.id]);
    expect(row.secret).toMatch(/^gcm:/);
    expect(row.secret).not.toContain(endpoint.secret.slice(6));
  });

  it('refuses event types it does not send and URLs to private networks, http to other hosts, or with credentials', async () => {
    const bearer = await token('integrator', { client_id: `partner-${crypto.randomUUID()}` });
    const attempt = (url: string, eventTypes = ['booking.created']) =>
      client.post('/v1/webhooks', { url, eventTypes }, bearer);
    expect((await attempt('https://partner.example.fr/h', ['mission.declared'])).status).toBe(400);
    expect((await attempt('https://partner.example.fr/h', [])).status).toBe(400);
    for (const [url, code] of [
      ['http://partner.example.fr/h', 'webhook_url_not_https'],
      ['https://192.168.1.20/h', 'webhook_url_not_public'],
      ['https://169.254.169.254/latest/meta-data', 'webhook_url_not_public'],
      ['https://db.internal/h', 'webhook_url_not_public'],
      ['https://user:pw@partner.example.fr/h', 'webhook_url_invalid'],
      ['partner.example.fr/h', 'webhook_url_invalid'],
    ]) {
      const res = await attempt(url);
      expect(res.status, url).toBe(422);
      expect(res.body.code, url).toBe(code);
    }
    expect((await client.get('/v1/webhooks', bearer)).body.items).toEqual([]);
  });
});

/** What a receiver does: verify the signature with its secret, then read the body. */
const verify = (secret: string, r: { headers: Record<string, string>; body: string }) =>
  new Webhook(secret).verify(r.body, r.headers);

describe('deliveries', () => {
  it('a booking reaches its integrator signed, thin and free of personal data; the log shows it', async () => {
    const d = await missionDay({ date: DAY });
    const { bearer, path, endpoint } = await integratorWithEndpoint(planning);
    const patient = { ...patientBody(), email: 'jeanne.webhook@example.fr' };
    const created = await book(planning, bearer, { slotId: d.slotIds[0], patient });
    expect(created.status, JSON.stringify(created.body)).toBe(201);

    const [delivery] = await receivedAtLeast(path, 1);
    const payload = verify(endpoint.secret, delivery) as Record<string, any>;
    const [event] = await sql<{ id: string }>(
      `SELECT id FROM events WHERE booking_id = $1 AND type = 'booking.created'`,
      [created.body.id],
    );
    expect(delivery.headers['webhook-id']).toBe(event.id);
    expect(payload).toEqual({
      id: event.id,
      type: 'booking.created',
      timestamp: '2026-12-01T08:00:00.000Z',
      data: {
        bookingId: created.body.id,
        missionId: d.mission.id,
        status: 'booked',
        slotId: d.slotIds[0],
        start: '2026-12-16T08:00:00.000Z',
        zone: d.siren,
      },
    });
    const digits = patient.phone.slice(1);
    for (const personal of [patient.firstName, patient.lastName, patient.birthDate, '1950', digits, patient.email]) {
      expect(delivery.body, personal).not.toContain(personal);
      expect(JSON.stringify(delivery.headers), personal).not.toContain(personal);
    }

    // The receiver has the POST before the deliverer has written down its answer.
    await deliveryWhen(endpoint.id, (d) => d.status !== 'pending', 'the delivery recorded');
    const log = await client.get(`/v1/webhooks/${endpoint.id}/deliveries`, bearer);
    expect(log.status).toBe(200);
    expect(log.body.items).toMatchObject([
      {
        eventId: event.id,
        eventType: 'booking.created',
        status: 'succeeded',
        attempts: 1,
        lastResponseStatus: 204,
        lastError: null,
        nextAttemptAt: null,
      },
    ]);
    expect(log.body.nextCursor).toBeNull();
  });

  it('only the bookings the integrator made: not those of a patient app that shares its client_id', async () => {
    const d = await missionDay({ date: DAY });
    const { clientId, bearer, path, endpoint } = await integratorWithEndpoint(planning);
    const viaApp = await book(planning, await token('patient', { client_id: clientId }), { slotId: d.slotIds[0] });
    expect(viaApp.status).toBe(201);
    const own = await book(planning, bearer, { slotId: d.slotIds[1] });
    const [delivery] = await receivedAtLeast(path, 1);
    expect(JSON.parse(delivery.body).data.bookingId).toBe(own.body.id);
    expect(await deliveriesOfEndpoint(endpoint.id)).toHaveLength(1);
  });

  it('after a rotation, two signatures: the old secret and the new one both verify for 24 hours', async () => {
    const d = await missionDay({ date: DAY });
    const { bearer, path, endpoint } = await integratorWithEndpoint(planning);
    const rotated = await client.post(`/v1/webhooks/${endpoint.id}/secret`, {}, bearer);
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).not.toBe(endpoint.secret);
    const overlap = new Date(rotated.body.previousSecretValidUntil).getTime() - Date.now();
    expect(overlap).toBeGreaterThan(23.9 * 3600_000);
    expect(overlap).toBeLessThanOrEqual(24 * 3600_000);

    expect((await book(planning, bearer, { slotId: d.slotIds[0] })).status).toBe(201);
    const [delivery] = await receivedAtLeast(path, 1);
    expect(delivery.headers['webhook-signature'].split(' ')).toHaveLength(2);
    expect(delivery.headers['webhook-signature']).toMatch(/^v1,\S+ v1,\S+$/);
    expect(verify(rotated.body.secret, delivery)).toMatchObject({ type: 'booking.created' });
    expect(verify(endpoint.secret, delivery)).toMatchObject({ type: 'booking.created' });
    expect(() => verify(`whsec_${btoa('another secret of 24 bytes')}`, delivery)).toThrow();
  });

  it('a redelivered event sends nothing twice: one delivery row, one webhook-id', async () => {
    const d = await missionDay({ date: DAY });
    const { bearer, path, endpoint } = await integratorWithEndpoint(planning);
    const created = await book(planning, bearer, { slotId: d.slotIds[0] });
    await receivedAtLeast(path, 1);
    const [row] = await sql<EventRow>(`SELECT * FROM events WHERE booking_id = $1`, [created.body.id]);
    // The Queue brings the message again, and a deliverer runs again after a crash before its outcome was kept.
    await env.EVENTS!.send({ id: row.id });
    const event = toEvent(row);
    await webhookDeliverer().deliver(event, env, new Date(event.occurredAt));
    await new Promise((r) => setTimeout(r, 3000));
    const deliveries = await deliveriesOfEndpoint(endpoint.id);
    expect(deliveries).toHaveLength(1);
    expect(deliveries[0]).toMatchObject({ event_id: row.id, status: 'succeeded', attempts: 1 });
    const all = await received(path);
    expect(new Set(all.map((r) => r.headers['webhook-id']))).toEqual(new Set([row.id]));
  });

  it('a mission cancellation reaches each integrator with bookings in it, listing theirs, and no one else', async () => {
    const d = await missionDay({ date: DAY });
    const a = await integratorWithEndpoint(planning, ['mission.cancelled']);
    const b = await integratorWithEndpoint(planning, ['mission.cancelled', 'booking.cancelled']);
    const bystander = await integratorWithEndpoint(planning, ['mission.cancelled']);
    const ofA = (await book(planning, a.bearer, { slotId: d.slotIds[0] })).body.id;
    const ofB = (await book(planning, b.bearer, { slotId: d.slotIds[1] })).body.id;
    expect((await book(planning, await token('patient'), { slotId: d.slotIds[2] })).status).toBe(201);
    expect((await planning.del(`/v1/missions/${d.mission.id}`, d.doctor.token)).status).toBe(200);

    const [toA] = await receivedAtLeast(a.path, 1);
    expect(verify(a.endpoint.secret, toA)).toEqual({
      id: toA.headers['webhook-id'],
      type: 'mission.cancelled',
      timestamp: '2026-12-01T08:00:00.000Z',
      data: {
        missionId: d.mission.id,
        start: '2026-12-16T08:00:00.000Z',
        zone: d.siren,
        cancelledBy: 'doctor',
        bookingIds: [ofA],
      },
    });
    const toB = await receivedAtLeast(b.path, 2);
    const bodies = toB.map((r) => verify(b.endpoint.secret, r) as { type: string; data: Record<string, unknown> });
    expect(bodies.find((p) => p.type === 'mission.cancelled')!.data.bookingIds).toEqual([ofB]);
    expect(bodies.find((p) => p.type === 'booking.cancelled')!.data).toMatchObject({
      bookingId: ofB,
      status: 'cancelled',
      cancelledBy: 'doctor',
    });
    expect(await deliveriesOfEndpoint(bystander.endpoint.id)).toEqual([]);
    expect(await received(bystander.path)).toEqual([]);
  });
});
