// The shape every door renders a mission day from.
import { inZone, isoWithOffset } from '../../domain/time';
import type { MissionRow, ToCall } from './missions.queries';

export const toMission = (m: MissionRow & { to_call?: ToCall[] | null }) => ({
  id: m.id,
  siteId: m.site_id,
  epciSiren: m.epci_siren,
  date: m.local_date,
  start: m.start_local,
  end: m.end_local,
  startsAt: isoWithOffset(new Date(m.starts_at), m.time_zone),
  endsAt: isoWithOffset(new Date(m.ends_at), m.time_zone),
  slotMinutes: m.slot_minutes,
  dayKind: m.day_kind,
  status: m.status,
  slotCount: m.slot_count,
  bookedCount: m.booked_count,
  checkedInAt: inZone(m.checked_in_at, m.time_zone),
  checkedOutAt: inZone(m.checked_out_at, m.time_zone),
  offeredAt: inZone(m.offered_at, m.time_zone),
  ...(m.to_call
    ? {
        toCall: m.to_call.map((b) => ({
          bookingId: b.id,
          startsAt: inZone(b.starts_at, m.time_zone)!,
          patientPhone: b.phone,
        })),
      }
    : {}),
});
