import type { ScheduleRow } from '../../core/publication/publication.queries';
import type { FhirContext } from '../context';
import { scheduleId } from '../ids';
import { PROFILES, rppsIdentifier } from '../profiles';
import { toLocation } from './location';

type Named = { rpps: string; given_name: string | null; family_name: string | null };

const nameOf = (d: Named) =>
  d.family_name && d.given_name ? [{ use: 'official', family: d.family_name, given: [d.given_name] }] : undefined;

/** A volunteer doctor, by RPPS; the name only when their token gave one. */
export function toPractitioner(doctor: Named) {
  const name = nameOf(doctor);
  return {
    resourceType: 'Practitioner' as const,
    id: doctor.rpps,
    meta: { profile: [...PROFILES.Practitioner] },
    identifier: [{ use: 'official', ...rppsIdentifier(doctor.rpps) }],
    active: true,
    ...(name ? { name } : {}),
  };
}

/**
 * A doctor practising at a site. The SAS search wants the Location contained (`containLocation`);
 * elsewhere it is referenced. The bulk files publish no Practitioner: there the doctor is named by
 * their RPPS identifier instead of a reference that would not resolve.
 */
export function toPractitionerRole(
  row: ScheduleRow,
  fhir: FhirContext,
  options: { containLocation?: boolean; bulk?: boolean } = {},
) {
  const name = nameOf(row);
  const doctor = options.bulk ? { identifier: rppsIdentifier(row.rpps) } : { reference: `Practitioner/${row.rpps}` };
  return {
    resourceType: 'PractitionerRole' as const,
    id: scheduleId(row.id, row.rpps),
    meta: { profile: [...PROFILES.PractitionerRole] },
    ...(options.containLocation ? { contained: [{ ...toLocation(row, fhir), id: 'location' }] } : {}),
    identifier: [rppsIdentifier(row.rpps)],
    active: true,
    practitioner: { ...doctor, ...(name ? { display: `${name[0].given[0]} ${name[0].family}` } : {}) },
    code: [{ text: 'Médecin généraliste' }],
    location: [{ reference: options.containLocation ? '#location' : `Location/${row.id}`, display: row.name }],
    telecom: [{ system: 'phone', value: fhir.callCentre, use: 'work' }],
  };
}
