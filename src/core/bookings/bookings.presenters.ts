// The shape every door renders a booking from: the REST answer, the FHIR Appointment and the pages.
// Doors convert a row once, here; none reads a BookingRow column.
import { isoWithOffset } from '../../domain/time';
import { tariffOf } from '../slots/slots.presenters';
import type { BookingRow } from './bookings.queries';

const iso = (t: string | null) => (t ? new Date(t).toISOString() : null);

export const toBooking = (r: BookingRow) => ({
  id: r.id,
  reference: r.reference,
  status: r.status,
  slot: {
    id: r.slot_id,
    startsAt: isoWithOffset(new Date(r.starts_at), r.time_zone),
    endsAt: isoWithOffset(new Date(r.ends_at), r.time_zone),
  },
  site: {
    id: r.site_id,
    name: r.site_name,
    address: r.address,
    commune: { insee: r.insee, name: r.commune_name },
    phone: r.site_phone,
    accessibility: r.site_accessibility,
    timeZone: r.time_zone,
  },
  missionId: r.mission_id,
  tariff: tariffOf(r.amount_cents, r.tariff_majorations),
  noOverbilling: true as const,
  channel: r.channel as 'web',
  patient:
    r.patient_phone === null
      ? null
      : {
          firstName: r.patient_first_name!,
          lastName: r.patient_last_name!,
          birthDate: r.patient_birth_date!,
          phone: r.patient_phone,
          phoneCanReceiveSms: r.patient_phone_mobile,
          email: r.patient_email,
        },
  notifications: { sms: r.notify_sms, email: r.notify_email },
  callReference: r.call_reference,
  clientId: r.client_id,
  externalRef: r.external_ref,
  createdAt: iso(r.created_at)!,
  updatedAt: iso(r.updated_at)!,
  cancelledAt: iso(r.cancelled_at),
  cancelledBy: r.cancelled_by,
  cancelReason: r.cancel_reason,
  arrivedAt: iso(r.arrived_at),
  completedAt: iso(r.completed_at),
  noShowAt: iso(r.noshow_at),
  billing:
    r.billed_acts && r.billed_cents !== null
      ? { acts: r.billed_acts, billedCents: r.billed_cents, overbillingCents: 0 as const }
      : null,
});

export type Booking = ReturnType<typeof toBooking>;
