// An event as deliverers see it: ids, times and codes, never personal data. The Queue carries only
// its id (EventMessage); the consumer reads the row, so a message cannot disagree with the outbox.
import type { EVENT_TYPES } from '../../db/schema';

export type EventType = (typeof EVENT_TYPES)[number];

export interface OutboxEvent {
  /** Stable across redeliveries: receivers drop duplicates by it. */
  id: string;
  type: EventType;
  occurredAt: string;
  bookingId: string | null;
  missionId: string;
  /** The EPCI SIREN of the zone. */
  zone: string;
  slotId: string | null;
  /** The integrator whose booking this is, if any. */
  clientId: string | null;
  /** Who cancelled: patient, integrator, agent, admin or doctor. */
  cancelledBy: string | null;
  data: Record<string, unknown>;
}

export interface EventMessage {
  id: string;
}

export type EventRow = {
  id: string;
  type: EventType;
  occurred_at: string | Date;
  booking_id: string | null;
  mission_id: string;
  epci_siren: string;
  slot_id: string | null;
  client_id: string | null;
  cancelled_by: string | null;
  data: Record<string, unknown>;
};

export const toEvent = (r: EventRow): OutboxEvent => ({
  id: r.id,
  type: r.type,
  occurredAt: new Date(r.occurred_at).toISOString(),
  bookingId: r.booking_id,
  missionId: r.mission_id,
  zone: r.epci_siren,
  slotId: r.slot_id,
  clientId: r.client_id,
  cancelledBy: r.cancelled_by,
  data: r.data,
});
