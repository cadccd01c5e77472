import { inZone } from '../../domain/time';
import type { CallListRow } from './call-list.queries';

const iso = (t: string | null) => (t ? new Date(t).toISOString() : null);

export const toCall = (r: CallListRow) => ({
  bookingId: r.booking_id,
  reason: r.reason as 'no_channel',
  notice: r.kind as 'cancellation',
  addedAt: iso(r.added_at)!,
  doneAt: iso(r.done_at),
  callReference: r.call_reference,
  booking: { status: r.status as 'cancelled', startsAt: inZone(r.starts_at, r.time_zone)! },
  site: { name: r.site_name, phone: r.site_phone },
  patient: { firstName: r.patient_first_name, lastName: r.patient_last_name, phone: r.patient_phone },
});
