import type { PublishedSlotRow } from '../../core/publication/publication.queries';
import { isoWithOffset } from '../../domain/time';
import type { FhirContext } from '../context';
import { scheduleId } from '../ids';
import { GENERAL_PRACTICE, PROFILES, SMART } from '../profiles';

/** The patient page's booking step for this slot. */
export const bookingLink = (fhir: FhirContext, slotId: string) => `${fhir.publicUrl}/reserver/${slotId}`;

/**
 * A slot, its instants at the site's own offset, with where and by phone to book it. The bulk files
 * say only free or busy, as SMART Scheduling Links asks; FHIR reads and searches keep the detail
 * (busy-tentative: held).
 */
export function toSlot(row: PublishedSlotRow, fhir: FhirContext, options: { bulk?: boolean } = {}) {
  return {
    resourceType: 'Slot' as const,
    id: row.id,
    meta: { profile: [...PROFILES.Slot] },
    extension: [
      { url: SMART.bookingDeepLink, valueUrl: bookingLink(fhir, row.id) },
      { url: SMART.bookingPhone, valueString: fhir.callCentre },
    ],
    serviceType: [GENERAL_PRACTICE],
    schedule: { reference: `Schedule/${scheduleId(row.site_id, row.rpps)}` },
    status: options.bulk && row.status !== 'free' ? 'busy' : row.status,
    start: isoWithOffset(new Date(row.starts_at), row.time_zone),
    end: isoWithOffset(new Date(row.ends_at), row.time_zone),
  };
}
