import type { SiteRow } from '../../core/publication/publication.queries';
import { regionIso } from '../../domain/regions';
import type { FhirContext } from '../context';
import { FINESS_SYSTEM, PROFILES } from '../profiles';

/** The patient pages' search for the site's commune: its zone's slots, to book without the phone. */
export const searchPageOf = (fhir: FhirContext, insee: string) => `${fhir.publicUrl}/recherche?commune=${insee}`;

/**
 * A consultation site: address (with its region's ISO 3166-2 code as `state` and a postcode, as
 * SMART Scheduling Links wants them), phone and web page, position where known, FINESS when it has one.
 */
export function toLocation(site: SiteRow, fhir: FhirContext) {
  return {
    resourceType: 'Location' as const,
    id: site.id,
    meta: { profile: [...PROFILES.Location] },
    identifier: [
      { system: `${fhir.base}/sid/site`, value: site.id },
      ...(site.finess ? [{ system: FINESS_SYSTEM, value: site.finess }] : []),
    ],
    status: 'active',
    name: site.name,
    telecom: [
      { system: 'phone', value: site.phone, use: 'work' },
      { system: 'url', value: searchPageOf(fhir, site.insee), use: 'work' },
    ],
    address: {
      use: 'work',
      type: 'physical',
      line: [site.address],
      city: site.commune_name,
      district: site.departement,
      state: regionIso(site.region),
      postalCode: site.postcode,
      country: 'FR',
    },
    ...(site.latitude !== null && site.longitude !== null
      ? { position: { latitude: site.latitude, longitude: site.longitude } }
      : {}),
  };
}
