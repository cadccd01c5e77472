// Webhook tests' tools: integrators with their own endpoint on the local receiver twin
// (scripts/twins/webhook-receiver.ts), one path each so that parallel tests never share one.
import { expect } from 'vitest';
import { env } from './env';
import type { Api } from './api';
import { sql } from './sql';
import { token } from './tokens';

export interface Received {
  path: string;
  headers: Record<string, string>;
  body: string;
  receivedAt: string;
}

const receiver = () => env.TEST_WEBHOOK_RECEIVER;

export async function received(path: string): Promise<Received[]> {
  return (await fetch(`${receiver()}/__received?path=${encodeURIComponent(path)}`)).json();
}

/** The next answers of the receiver at `path`, in turn; 204 after them. */
export async function script(path: string, answers: Array<{ status?: number; retryAfter?: number; hang?: boolean }>) {
  const res = await fetch(`${receiver()}/__script`, { method: 'POST', body: JSON.stringify({ path, answers }) });
  expect(res.status).toBe(201);
  await res.body?.cancel();
}

/** Polls until `check` returns something truthy (the deliveries travel through the Queue). */
export async function waitFor<T>(
  check: () => Promise<T | undefined | false>,
  what: string,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

export const receivedAtLeast = (path: string, n: number, filter: (r: Received) => boolean = () => true) =>
  waitFor(async () => {
    const all = (await received(path)).filter(filter);
    return all.length >= n && all;
  }, `${n} webhook(s) at ${path}`);

/** A new integrator (its own client_id) with one endpoint on the receiver. */
export async function integratorWithEndpoint(
  client: Api,
  eventTypes: string[] = ['booking.created', 'booking.cancelled', 'mission.cancelled'],
) {
  const clientId = `partner-${crypto.randomUUID()}`;
  const bearer = await token('integrator', { client_id: clientId });
  const path = `/hooks/${crypto.randomUUID()}`;
  const res = await client.post('/v1/webhooks', { url: `${receiver()}${path}`, eventTypes }, bearer);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { clientId, bearer, path, endpoint: res.body as { id: string; secret: string; url: string } };
}

export type DeliveryState = {
  id: string;
  event_id: string;
  status: string;
  attempts: number;
  next_attempt_at: Date | null;
  last_attempt_at: Date | null;
  last_status: number | null;
  last_error: string | null;
};

export const deliveriesOfEndpoint = (endpointId: string) =>
  sql<DeliveryState>(
    `SELECT id, event_id, status, attempts, next_attempt_at, last_attempt_at, last_status, last_error FROM webhook_deliveries WHERE endpoint_id = $1 ORDER BY created_at, id`,
    [endpointId],
  );

/** The endpoint's only delivery, once it satisfies `ready`. */
export const deliveryWhen = (endpointId: string, ready: (d: DeliveryState) => boolean, what: string) =>
  waitFor(async () => {
    const [d] = await deliveriesOfEndpoint(endpointId);
    return d && ready(d) && d;
  }, what);
