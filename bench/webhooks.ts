// Webhook delay under the booking load: an integrator with one endpoint on the local receiver twin
// (scripts/twins/webhook-receiver.ts) books one slot every `intervalMs` while the booking phase
// runs; for each of its bookings, the time from the API's 201 (the statement has committed by then)
// to the signed POST reaching the receiver. That path is the request's own first attempt after its
// response (src/events/webhooks/first-attempt.ts); the Queue delivers only what that missed.
import { randomUUID } from 'node:crypto';
import { startWebhookReceiver } from '../scripts/twins/webhook-receiver';
import { httpRequest, percentile } from './load';
import type { Slot } from './tasks';
import { benchPatient, type Signer } from './tokens';

export interface WebhookDelay {
  booked: number;
  received: number;
  p50: number;
  p99: number;
  max: number;
  /** Which path the delay measures. */
  note: string;
}

export async function measureWebhookDelay(o: {
  url: string;
  signer: Signer;
  slots: Slot[];
  intervalMs: number;
  patientBase: number;
  until: Promise<unknown>;
}): Promise<WebhookDelay> {
  const receiver = await startWebhookReceiver();
  try {
    const bearer = await o.signer.sign('integrator', 'bench-webhooks', {
      client_id: `bench-webhooks-${Date.now().toString(36)}`,
    });
    const auth = { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' };
    const created = await httpRequest(`${o.url}/v1/webhooks`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ url: `${receiver.url}/bench`, eventTypes: ['booking.created'] }),
    });
    if (created.status !== 201)
      throw new Error(`webhook endpoint not created: ${created.status} ${created.text.slice(0, 200)}`);

    const committedAt = new Map<string, number>();
    let done = false;
    const stop = () => (done = true);
    o.until.then(stop, stop);
    for (let i = 0; i < o.slots.length && !done; i++) {
      const r = await httpRequest(`${o.url}/v1/bookings`, {
        method: 'POST',
        headers: { ...auth, 'idempotency-key': randomUUID() },
        body: JSON.stringify({ slotId: o.slots[i].id, noOverbilling: true, patient: benchPatient(o.patientBase + i) }),
      });
      if (r.status === 201) committedAt.set((JSON.parse(r.text) as { id: string }).id, Date.now());
      await new Promise((resolve) => setTimeout(resolve, o.intervalMs));
    }

    // Every delivery, or 30 s more at most.
    const deadline = Date.now() + 30_000;
    let arrivals: Array<{ bookingId: string; at: number }> = [];
    while (Date.now() < deadline) {
      const list = (await (await fetch(`${receiver.url}/__received?path=/bench`)).json()) as Array<{
        body: string;
        receivedAt: string;
      }>;
      arrivals = list.map((r) => ({
        bookingId: (JSON.parse(r.body) as { data: { bookingId: string } }).data.bookingId,
        at: Date.parse(r.receivedAt),
      }));
      if (arrivals.length >= committedAt.size) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const delays = arrivals
      .filter((a) => committedAt.has(a.bookingId))
      .map((a) => a.at - committedAt.get(a.bookingId)!)
      .sort((a, b) => a - b);
    return {
      booked: committedAt.size,
      received: delays.length,
      p50: percentile(delays, 50),
      p99: percentile(delays, 99),
      max: delays[delays.length - 1] ?? Number.NaN,
      note: 'first attempt from the booking request itself, after its response; the Queue only for what it missed',
    };
  } finally {
    await receiver.stop();
  }
}
