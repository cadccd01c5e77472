import type { BookingRow } from '../../core/bookings/bookings.queries';
import { inZone, isoWithOffset } from '../../domain/time';
import type { FhirContext } from '../context';
import { GENERAL_PRACTICE, PROFILES, noOverbillingExtension } from '../profiles';

// Our booking statuses are FHIR's Appointment statuses, word for word.
const STATUS: Record<string, string> = {
  booked: 'booked',
  arrived: 'arrived',
  fulfilled: 'fulfilled',
  cancelled: 'cancelled',
  noshow: 'noshow',
};

/** The patient, contained: they exist here only as part of their booking. */
function containedPatient(b: BookingRow) {
  const patient = { resourceType: 'Patient' as const, id: 'patient', meta: { profile: [...PROFILES.Patient] } };
  // Anonymised (src/core/retention/): the appointment keeps a patient with nothing left to say.
  if (b.patient_phone === null) return patient;
  return {
    ...patient,
    name: [{ use: 'official', family: b.patient_last_name, given: [b.patient_first_name] }],
    birthDate: b.patient_birth_date,
    telecom: [
      { system: 'phone', value: b.patient_phone, use: b.patient_phone_mobile ? 'mobile' : 'home' },
      ...(b.patient_email ? [{ system: 'email', value: b.patient_email }] : []),
    ],
  };
}

/**
 * The booking's version: its updated_at in milliseconds, which every change of the booking moves
 * (trigger bookings_touch). Sent as meta.versionId and as the ETag W/"<versionId>" FHIR prescribes.
 */
export const versionIdOf = (b: Pick<BookingRow, 'updated_at'>) => String(Date.parse(b.updated_at));

export function toAppointment(b: BookingRow, rpps: string, fhir: FhirContext) {
  return {
    resourceType: 'Appointment' as const,
    id: b.id,
    meta: {
      versionId: versionIdOf(b),
      lastUpdated: new Date(b.updated_at).toISOString(),
      profile: [...PROFILES.Appointment],
    },
    contained: [containedPatient(b)],
    extension: [{ url: noOverbillingExtension(fhir.base), valueBoolean: true }],
    status: STATUS[b.status],
    serviceType: [GENERAL_PRACTICE],
    start: isoWithOffset(new Date(b.starts_at), b.time_zone),
    end: isoWithOffset(new Date(b.ends_at), b.time_zone),
    created: inZone(b.created_at, b.time_zone)!,
    slot: [{ reference: `Slot/${b.slot_id}` }],
    participant: [
      { actor: { reference: '#patient' }, required: 'required', status: 'accepted' },
      { actor: { reference: `Practitioner/${rpps}` }, required: 'required', status: 'accepted' },
      { actor: { reference: `Location/${b.site_id}`, display: b.site_name }, required: 'required', status: 'accepted' },
    ],
  };
}
