import type { SiteRow } from '../../core/publication/publication.queries';
import type { FhirContext } from '../context';
import { FINESS_SYSTEM, PROFILES } from '../profiles';

/** A consultation site: address, phone, position where known, FINESS when it has one. */
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
    telecom: [{ system: 'phone', value: site.phone, use: 'work' }],
    address: {
      use: 'work',
      type: 'physical',
      line: [site.address],
      city: site.commune_name,
      ...(site.postcode ? { postalCode: site.postcode } : {}),
      district: site.departement,
      country: 'FR',
    },
    ...(site.latitude !== null && site.longitude !== null ? { position: { latitude: site.latitude, longitude: site.longitude } } : {}),
  };
}
