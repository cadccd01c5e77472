import type { Booking } from '../../core/bookings/bookings.presenters';
import { inZone } from '../../domain/time';
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
function containedPatient({ patient: p }: Booking) {
  const patient = { resourceType: 'Patient' as const, id: 'patient', meta: { profile: [...PROFILES.Patient] } };
  // Anonymised (src/core/retention/): the appointment keeps a patient with nothing left to say.
  if (p === null) return patient;
  return {
    ...patient,
    name: [{ use: 'official', family: p.lastName, given: [p.firstName] }],
    birthDate: p.birthDate,
    telecom: [
      { system: 'phone', value: p.phone, use: p.phoneCanReceiveSms ? 'mobile' : 'home' },
      ...(p.email ? [{ system: 'email', value: p.email }] : []),
    ],
  };
}

/**
 * The booking's version: its updatedAt in milliseconds (the ISO string keeps them), which every
 * change of the booking moves (trigger bookings_touch). Sent as meta.versionId and as the ETag
 * W/"<versionId>" FHIR prescribes; If-Match compares it with updated_at to the millisecond.
 */
export const versionIdOf = (b: Pick<Booking, 'updatedAt'>) => String(Date.parse(b.updatedAt));

export function toAppointment(b: Booking, rpps: string, fhir: FhirContext) {
  return {
    resourceType: 'Appointment' as const,
    id: b.id,
    meta: {
      versionId: versionIdOf(b),
      lastUpdated: b.updatedAt,
      profile: [...PROFILES.Appointment],
    },
    contained: [containedPatient(b)],
    extension: [{ url: noOverbillingExtension(fhir.base), valueBoolean: true }],
    status: STATUS[b.status],
    serviceType: [GENERAL_PRACTICE],
    // Already written with the site's offset by the presenter.
    start: b.slot.startsAt,
    end: b.slot.endsAt,
    created: inZone(b.createdAt, b.site.timeZone)!,
    slot: [{ reference: `Slot/${b.slot.id}` }],
    participant: [
      { actor: { reference: '#patient' }, required: 'required', status: 'accepted' },
      { actor: { reference: `Practitioner/${rpps}` }, required: 'required', status: 'accepted' },
      { actor: { reference: `Location/${b.site.id}`, display: b.site.name }, required: 'required', status: 'accepted' },
    ],
  };
}
