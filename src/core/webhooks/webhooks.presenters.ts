// The shapes the REST door renders: an endpoint (never its secret, except once at creation or
// rotation) and a delivery of its log.
import type { DeliveryRow } from './delivery-log.queries';
import type { EndpointRow } from './endpoints.queries';

const iso = (v: string | Date | null) => (v === null ? null : new Date(v).toISOString());

export function toEndpoint(r: EndpointRow, now: Date) {
  const overlap =
    r.previous_secret_expires_at && new Date(r.previous_secret_expires_at) > now
      ? iso(r.previous_secret_expires_at)
      : null;
  return {
    id: r.id,
    clientId: r.client_id,
    url: r.url,
    eventTypes: r.event_types,
    status: r.status,
    disabledReason: r.disabled_reason,
    disabledAt: iso(r.disabled_at),
    failingSince: iso(r.failing_since),
    previousSecretValidUntil: overlap,
    createdAt: iso(r.created_at)!,
  };
}

export function toDelivery(r: DeliveryRow) {
  return {
    id: r.id,
    eventId: r.event_id,
    eventType: r.event_type,
    payload: r.payload,
    status: r.status,
    attempts: r.attempts,
    nextAttemptAt: iso(r.next_attempt_at),
    lastResponseStatus: r.last_status,
    lastError: r.last_error,
    lastAttemptAt: iso(r.last_attempt_at),
    deliveredAt: iso(r.delivered_at),
    createdAt: iso(r.created_at)!,
  };
}
