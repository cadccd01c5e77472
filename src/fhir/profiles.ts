// The canonical URLs this interface declares and emits, in one place (README, "FHIR and SMART
// Scheduling Links", says where each comes from).

/** RPPS national identifiers of health professionals (ANS); the value is "8" followed by the RPPS. */
export const RPPS_SYSTEM = 'urn:oid:1.2.250.1.71.4.2.1';
export const rppsIdentifier = (rpps: string) => ({ system: RPPS_SYSTEM, value: `8${rpps}` });

/** FINESS géographique of an establishment (ANS). */
export const FINESS_SYSTEM = 'urn:oid:1.2.250.1.71.4.2.2';

const FR_CORE = 'https://hl7.fr/ig/fhir/core/StructureDefinition';
const SAS = 'http://sas.fr/fhir/StructureDefinition';

/** meta.profile of each resource: FR Core, plus the SAS aggregator profile where the SAS search reads it. */
export const PROFILES = {
  Location: [`${FR_CORE}/fr-core-location`, `${SAS}/FrLocationAgregateur`],
  Practitioner: [`${FR_CORE}/fr-core-practitioner`, `${SAS}/FrPractitionerAgregateur`],
  PractitionerRole: [
    'https://interop.esante.gouv.fr/ig/fhir/annuaire/StructureDefinition/as-dp-practitionerrole',
    `${SAS}/FrPractitionerRoleExerciceAgregateur`,
  ],
  Schedule: [`${FR_CORE}/fr-core-schedule`, `${SAS}/FrScheduleAgregateur`],
  Slot: [`${FR_CORE}/fr-core-slot`, `${SAS}/FrSlotAgregateur`],
  Appointment: [`${FR_CORE}/fr-core-appointment`],
  Patient: [`${FR_CORE}/fr-core-patient`],
  SearchBundle: [`${SAS}/BundleAgregateur`],
} as const;

/** SMART Scheduling Links extensions (fhir-registry.smarthealthit.org, as Inferno's test kit checks them). */
export const SMART = {
  bookingDeepLink: 'http://fhir-registry.smarthealthit.org/StructureDefinition/booking-deep-link',
  bookingPhone: 'http://fhir-registry.smarthealthit.org/StructureDefinition/booking-phone',
} as const;

/** Defined by this API under its own FHIR base: the patient's acceptance of the tarif opposable, without dépassement d'honoraires. */
export const noOverbillingExtension = (base: string) => `${base}/StructureDefinition/no-overbilling`;

/** General practice (HL7 service-type 124): every consultation of the scheme. */
export const GENERAL_PRACTICE = {
  coding: [{ system: 'http://terminology.hl7.org/CodeSystem/service-type', code: '124', display: 'General Practice' }],
};

/** Defined by this API under its own FHIR base: what an empty Slot search adds (next-available, next-mission-day). */
export const searchHintSystem = (base: string) => `${base}/CodeSystem/search-hint`;
