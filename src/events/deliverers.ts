// The deliverers an event is handed to by the Queue consumer. Each is named (its name keys its
// rows in `deliveries`), says which events it wants, and throws to have the message retried.
// SMS/email and webhook deliverers join this list.
import type { Env } from '../env';
import type { OutboxEvent } from '../core/outbox/event';
import { logDeliverer } from './log-deliverer';
import { webhookDeliverer } from './webhooks/deliverer';
import { notificationDeliverer } from './notifications/deliverer';
import { waitlistDeliverer } from './waitlist/deliverer';

export interface Deliverer {
  /** Stable, [a-z0-9-]: renaming one re-delivers every event to it. */
  name: string;
  handles(event: OutboxEvent): boolean;
  /** Must be idempotent by event.id: a delivery can be repeated (at least once). `now` is the consumer's clock. */
  deliver(event: OutboxEvent, env: Env, now: Date): Promise<void>;
}

export const DELIVERERS: readonly Deliverer[] = [
  logDeliverer,
  notificationDeliverer,
  webhookDeliverer(),
  waitlistDeliverer,
];
