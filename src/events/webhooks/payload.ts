// The thin body an integrator receives: what happened, to which booking, when and where. Never the
// patient's name, phone, email or birth date: the integrator reads the booking with its own token.
import type { OutboxEvent } from '../../core/outbox/event';

export interface WebhookPayload {
  type: string;
  timestamp: string;
  data: {
    bookingId?: string;
    missionId: string;
    status?: string;
    slotId?: string;
    /** The consultation's start (a booking) or the mission's (mission.cancelled, mission.reassigned). */
    start: string | null;
    /** The EPCI SIREN of the zone. */
    zone: string;
    cancelledBy?: string;
    /** mission.cancelled and mission.reassigned: the receiving integrator's bookings it touched (filled per endpoint). */
    bookingIds?: string[];
    /** waitlist.offered: the entry offered a slot, and until when the slot is kept (read the entry to accept or decline). */
    waitlistEntryId?: string;
    expiresAt?: string | null;
  };
}

const instant = (value: unknown) => (typeof value === 'string' ? new Date(value).toISOString() : null);

export function webhookPayload(event: OutboxEvent): WebhookPayload {
  const common = { missionId: event.missionId, start: instant(event.data.startsAt), zone: event.zone, ...(event.cancelledBy ? { cancelledBy: event.cancelledBy } : {}) };
  if (event.type === 'mission.cancelled' || event.type === 'mission.reassigned') return { type: event.type, timestamp: event.occurredAt, data: { ...common, bookingIds: [] } };
  if (event.type === 'waitlist.offered') {
    const data = { waitlistEntryId: String(event.data.entryId), slotId: event.slotId!, expiresAt: instant(event.data.expiresAt), ...common };
    return { type: event.type, timestamp: event.occurredAt, data };
  }
  return {
    type: event.type,
    timestamp: event.occurredAt,
    data: { bookingId: event.bookingId!, status: String(event.data.status), slotId: event.slotId!, ...common },
  };
}
