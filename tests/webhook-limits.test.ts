// Our sender is never turned against anyone: at most 10 endpoints per client (Postgres refuses the
// eleventh, even when they race), and at most 10 manual retries a minute per client.
import { describe, expect, it } from 'vitest';
import { api, statuses } from './helpers/api';
import { env, onPostgresServer } from './helpers/env';
import { book } from './helpers/fixtures';
import { missionDay, planning } from './helpers/mission-day';
import { sql } from './helpers/sql';
import { token } from './helpers/tokens';
import { deliveryWhen, integratorWithEndpoint } from './helpers/webhooks';

const client = api();
const newEndpoint = (bearer: string) =>
  client.post(
    '/v1/webhooks',
    { url: `${env.TEST_WEBHOOK_RECEIVER}/hooks/${crypto.randomUUID()}`, eventTypes: ['booking.created'] },
    bearer,
  );

describe('webhook endpoints per client', () => {
  it('the eleventh is refused (409 webhook_endpoint_limit_reached) and changes nothing; deleting one frees a place', async () => {
    const clientId = `partner-${crypto.randomUUID()}`;
    const bearer = await token('integrator', { client_id: clientId });
    const made = [];
    for (let i = 0; i < 10; i++) made.push(await newEndpoint(bearer));
    expect(made.map((r) => r.status)).toEqual(made.map(() => 201));
    const eleventh = await newEndpoint(bearer);
    expect(eleventh.status).toBe(409);
    expect(eleventh.body.code).toBe('webhook_endpoint_limit_reached');
    const [{ n }] = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM webhook_endpoints WHERE client_id = $1`, [
      clientId,
    ]);
    expect(n).toBe(10);
    // Another client is not concerned.
    expect((await newEndpoint(await token('integrator', { client_id: `partner-${crypto.randomUUID()}` }))).status).toBe(
      201,
    );
    expect((await client.del(`/v1/webhooks/${made[0].body.id}`, bearer)).status).toBe(204);
    expect((await newEndpoint(bearer)).status).toBe(201);
  });

  it.runIf(onPostgresServer)('15 registrations at once: exactly 10 made', async () => {
    const clientId = `partner-${crypto.randomUUID()}`;
    const bearer = await token('integrator', { client_id: clientId });
    const responses = await Promise.all(Array.from({ length: 15 }, () => newEndpoint(bearer)));
    expect(statuses(responses)).toEqual({ 201: 10, 409: 5 });
  });
});

describe('manual retries', () => {
  it('at most 10 a minute per client: the eleventh is 429 with Retry-After, and sends nothing', async () => {
    const d = await missionDay({ date: '2026-12-17' });
    const { bearer, endpoint } = await integratorWithEndpoint(planning, ['booking.created']);
    expect((await book(planning, bearer, { slotId: d.slotIds[0] })).status).toBe(201);
    const delivery = await deliveryWhen(endpoint.id, (x) => x.status === 'succeeded', 'the first delivery');
    const retry = () => client.post(`/v1/webhooks/${endpoint.id}/deliveries/${delivery.id}/retry`, {}, bearer);
    const allowed = [];
    for (let i = 0; i < 10; i++) allowed.push(await retry());
    expect(allowed.map((r) => r.status)).toEqual(allowed.map(() => 200));
    const refused = await retry();
    expect(refused.status).toBe(429);
    expect(refused.body.code).toBe('rate_limited');
    expect(refused.headers.get('retry-after')).toBe('60');
    const [{ attempts }] = await sql<{ attempts: number }>(`SELECT attempts FROM webhook_deliveries WHERE id = $1`, [
      delivery.id,
    ]);
    expect(attempts).toBe(11);
  });
});
