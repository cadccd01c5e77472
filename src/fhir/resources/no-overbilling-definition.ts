// The StructureDefinition of the one extension this API defines, served at its own canonical URL
// so that the URL an Appointment carries resolves to what it means.
import type { FhirContext } from '../context';
import { noOverbillingExtension } from '../profiles';

export const NO_OVERBILLING_ID = 'no-overbilling';

/** When this definition last changed. */
const DEFINITION_DATE = '2026-12-04';

const MEANING =
  'The patient accepts that the consultation is billed at the tarif opposable in force in the site’s territory (metropolitan France or its DROM; the table is GET /v1/tariffs), without dépassement d’honoraires. Required, true, to book through this API.';

export function noOverbillingDefinition(fhir: FhirContext) {
  const url = noOverbillingExtension(fhir.base);
  return {
    resourceType: 'StructureDefinition' as const,
    id: NO_OVERBILLING_ID,
    url,
    name: 'NoOverbilling',
    title: 'No overbilling',
    status: 'active',
    date: DEFINITION_DATE,
    publisher: 'Un médecin près de chez vous',
    description: MEANING,
    fhirVersion: '4.0.1',
    kind: 'complex-type',
    abstract: false,
    context: [{ type: 'element', expression: 'Appointment' }],
    type: 'Extension',
    baseDefinition: 'http://hl7.org/fhir/StructureDefinition/Extension',
    derivation: 'constraint',
    differential: {
      element: [
        {
          id: 'Extension',
          path: 'Extension',
          short: 'No overbilling (tarif opposable)',
          definition: MEANING,
          min: 0,
          max: '1',
        },
        { id: 'Extension.extension', path: 'Extension.extension', max: '0' },
        { id: 'Extension.url', path: 'Extension.url', fixedUri: url },
        {
          id: 'Extension.value[x]',
          path: 'Extension.value[x]',
          min: 1,
          type: [{ code: 'boolean' }],
          patternBoolean: true,
        },
      ],
    },
  };
}
