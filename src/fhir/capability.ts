// GET /fhir/metadata: exactly what this server does, and nothing more.
import type { FhirContext } from './context';
import { PROFILES, RPPS_SYSTEM, SMART, noOverbillingExtension } from './profiles';
import { MAX_PRACTITIONERS, POSTCODE_PARAM, PRACTITIONER_PARAM, ZONE_PARAM } from './search/slot-search-params';

const read = (type: keyof typeof PROFILES, documentation: string) => ({
  type,
  supportedProfile: [...PROFILES[type]],
  documentation,
  interaction: [{ code: 'read' }],
});

/** When this statement last changed. */
const STATEMENT_DATE = '2026-12-05';

export function capabilityStatement(fhir: FhirContext) {
  return {
    resourceType: 'CapabilityStatement' as const,
    status: 'active',
    date: STATEMENT_DATE,
    publisher: 'Un médecin près de chez vous',
    kind: 'instance',
    software: { name: 'medecin-pres-de-chez-vous-api' },
    implementation: {
      description: 'Volunteer GPs in priority zones: slots, booking, SMART Scheduling Links publication',
      url: fhir.base,
    },
    fhirVersion: '4.0.1',
    format: ['application/fhir+json'],
    rest: [
      {
        mode: 'server',
        documentation: `Bulk publication (SMART Scheduling Links): ${fhir.base}/$bulk-publish, open, no key. Slots carry ${SMART.bookingDeepLink} and ${SMART.bookingPhone}.`,
        security: {
          description:
            'Directory reads, the Slot search and the publication are open. Appointments need the bearer token (JWT) of the REST API: patient, integrator or agent to book; the booking’s owner, its doctor or an admin to read or cancel.',
        },
        resource: [
          {
            ...read(
              'Slot',
              'Free consultation slots (read by id: held busy-tentative, booked busy; in the bulk files: free or busy). _include=Slot:schedule brings their Schedules; _include:iterate=Schedule:actor the Practitioner, the PractitionerRole with its Location contained, and the Location.',
            ),
            interaction: [{ code: 'read' }, { code: 'search-type' }],
            // _include:iterate=Schedule:actor is an include of its own, not a search parameter.
            searchInclude: ['Slot:schedule', 'Schedule:actor'],
            searchParam: [
              {
                name: 'start',
                type: 'date',
                documentation:
                  'Required twice: ge<date|dateTime> and le<date|dateTime>, at most 92 days apart; a date alone is read in Europe/Paris.',
              },
              { name: 'status', type: 'token', documentation: 'Required: free.' },
              {
                name: PRACTITIONER_PARAM,
                type: 'token',
                documentation: `${RPPS_SYSTEM}|8<RPPS>, comma-separated, 1 to ${MAX_PRACTITIONERS}. Exactly one of this, ${ZONE_PARAM} or ${POSTCODE_PARAM}.`,
              },
              { name: ZONE_PARAM, type: 'token', documentation: 'The SIREN of a priority zone (EPCI).' },
              { name: POSTCODE_PARAM, type: 'string', documentation: 'A postcode: the slots of the zone it lies in.' },
              { name: '_count', type: 'number', documentation: '1 to 200, default 50.' },
            ],
          },
          read('Schedule', 'One doctor at one site: id <site id>.<RPPS>.'),
          read('Location', 'Consultation sites.'),
          read('Practitioner', `Volunteer doctors, id = RPPS; identifier ${RPPS_SYSTEM} 8<RPPS>.`),
          read('PractitionerRole', 'One doctor at one site: id <site id>.<RPPS>.'),
          {
            ...read(
              'Appointment',
              `Bookings. Create with the patient contained, one slot referenced and the extension ${noOverbillingExtension(fhir.base)} valueBoolean true; an Idempotency-Key header (required) makes a retry safe; conditional create (If-None-Exist) is not supported. Cancel with PATCH (application/json-patch+json) [{"op":"replace","path":"/status","value":"cancelled"}].`,
            ),
            interaction: [{ code: 'read' }, { code: 'create' }, { code: 'patch' }],
          },
          {
            type: 'StructureDefinition',
            documentation: `The extensions this API defines: ${noOverbillingExtension(fhir.base)}.`,
            interaction: [{ code: 'read' }],
          },
        ],
      },
    ],
  };
}
