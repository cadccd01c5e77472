// The provider's twin (scripts/twins/provider-sink.ts) as tests see it: what it received, and
// faults armed for one recipient so that parallel tests never fail each other's messages.
import { expect } from 'vitest';
import type { SinkMessage } from '../../scripts/twins/provider-sink';
import { env } from './env';
import { sql } from './sql';

const sink = () => new URL(env.MESSAGES_API_URL!).origin;

export async function messagesTo(to: string): Promise<SinkMessage[]> {
  const res = await fetch(`${sink()}/_sink/messages?to=${encodeURIComponent(to)}`);
  return ((await res.json()) as { messages: SinkMessage[] }).messages;
}

/** Polls until `to` has received at least `count` messages (the Queue delivers in the background). */
export async function waitForMessages(to: string, count = 1): Promise<SinkMessage[]> {
  let received: SinkMessage[] = [];
  for (let i = 0; i < 60 && received.length < count; i++) {
    received = await messagesTo(to);
    if (received.length < count) await new Promise((r) => setTimeout(r, 250));
  }
  expect(received.length, `messages to ${to}`).toBeGreaterThanOrEqual(count);
  return received;
}

export async function fault(match: string, mode: '5xx' | '429' | 'hang', count: number, retryAfter?: number) {
  const res = await fetch(`${sink()}/_sink/faults`, {
    method: 'POST',
    body: JSON.stringify({ match, mode, count, retryAfter }),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

export type NotificationRow = {
  id: string;
  kind: string;
  channel: string;
  status: string;
  due_at: Date;
  attempts: number;
  next_attempt_at: Date | null;
  last_error: string | null;
  sent_at: Date | null;
  event_id: string;
};

export const notificationsOf = (bookingId: string) =>
  sql<NotificationRow>(`SELECT * FROM notifications WHERE booking_id = $1 ORDER BY due_at, kind, channel`, [bookingId]);

/** Polls until the booking has rows matching `ready` (the deliverer runs after the response). */
export async function waitForNotifications(bookingId: string, ready: (rows: NotificationRow[]) => boolean) {
  let rows: NotificationRow[] = [];
  for (let i = 0; i < 60; i++) {
    rows = await notificationsOf(bookingId);
    if (ready(rows)) return rows;
    await new Promise((r) => setTimeout(r, 250));
  }
  expect.fail(`notifications of ${bookingId} never became ready: ${JSON.stringify(rows)}`);
}
