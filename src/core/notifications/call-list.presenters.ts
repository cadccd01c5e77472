// The shape every door renders a call to make from: the REST answer and the agents' page.
import type { CallReason, NOTICE_KINDS } from '../../domain/notifications/kinds';
import { inZone } from '../../domain/time';
import type { CallListRow } from './call-list.queries';

const iso = (t: string | null) => (t ? new Date(t).toISOString() : null);

export const toCall = (r: CallListRow) => ({
  bookingId: r.booking_id,
  reason: r.reason as CallReason,
  notice: r.kind as (typeof NOTICE_KINDS)[number],
  addedAt: iso(r.added_at)!,
  doneAt: iso(r.done_at),
  callReference: r.call_reference,
  booking: {
    status: r.status,
    startsAt: inZone(r.starts_at, r.time_zone)!,
    cancelledBy: r.cancelled_by,
  },
  site: {
    name: r.site_name,
    phone: r.site_phone,
    address: r.address,
    commune: { insee: r.insee, name: r.commune_name },
    timeZone: r.time_zone,
  },
  patient: { firstName: r.patient_first_name, lastName: r.patient_last_name, phone: r.patient_phone },
});

export type Call = ReturnType<typeof toCall>;
