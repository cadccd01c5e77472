// The thin body an integrator receives: what happened, to which booking, when and where. Never the
// patient's name, phone, email or birth date: the integrator reads the booking with its own token.
// Its shape per type is the contract's (src/routes/webhooks/webhook-payloads.schemas.ts).
import type { OutboxEvent } from '../outbox/event';

export interface WebhookPayload {
  id: string;
  type: string;
  timestamp: string;
  /** Sent by the sandbox: the booking is a test one. */
  sandbox?: true;
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
    /** booking.cancelled and booking.rescheduled: why, as a code, when the caller said. */
    reason?: string;
    /** The integrator's own id for the booking, when it gave one. */
    externalRef?: string;
    /** mission.cancelled and mission.reassigned: the receiving integrator's bookings it touched (filled per endpoint). */
    bookingIds?: string[];
    /** waitlist.offered: the entry offered a slot, and until when the slot is kept (read the entry to accept or decline). */
    waitlistEntryId?: string;
    expiresAt?: string | null;
  };
}

const instant = (value: unknown) => (typeof value === 'string' ? new Date(value).toISOString() : null);
const given = <K extends string>(key: K, value: unknown) =>
  typeof value === 'string' ? ({ [key]: value } as Record<K, string>) : {};

/** `sandbox`: the deployment is the sandbox (SANDBOX=1), and the body says so. */
export function webhookPayload(event: OutboxEvent, sandbox = false): WebhookPayload {
  const head = {
    id: event.id,
    type: event.type,
    timestamp: event.occurredAt,
    ...(sandbox ? { sandbox: true as const } : {}),
  };
  const common = {
    missionId: event.missionId,
    start: instant(event.data.startsAt),
    zone: event.zone,
    ...given('cancelledBy', event.cancelledBy),
  };
  if (event.type === 'mission.cancelled' || event.type === 'mission.reassigned')
    return { ...head, data: { ...common, bookingIds: [] } };
  if (event.type === 'waitlist.offered') {
    return {
      ...head,
      data: {
        waitlistEntryId: String(event.data.entryId),
        slotId: event.slotId!,
        expiresAt: instant(event.data.expiresAt),
        ...common,
      },
    };
  }
  return {
    ...head,
    data: {
      bookingId: event.bookingId!,
      status: String(event.data.status),
      slotId: event.slotId!,
      ...common,
      ...given('reason', event.data.reason),
      ...given('externalRef', event.data.externalRef),
    },
  };
}
