// The patient as the booking stores and counts them: phone in E.164 with whether it takes SMS,
// a plausible birth date, and the identity key the per-person cap counts. Postgres checks the
// phone's form and the birth date again (0009_fairness_rules.sql).
import { birthDateRefusal } from '../../domain/birth-date';
import { canonicalPhone } from '../../domain/phone';
import { identityKey, patientKey } from '../../domain/patients';
import { problem } from '../../domain/problem';

export interface PatientInput {
  firstName: string;
  lastName: string;
  birthDate: string;
  phone: string;
  email?: string;
}

export interface CanonicalPatient extends PatientInput {
  phoneMobile: boolean;
  key: string;
  /** The person whatever the phone: what the per-person cap counts. */
  identityKey: string;
}

const invalidField = (code: 'invalid_phone' | 'invalid_birth_date', field: string, message: string) =>
  problem(code, message, { extensions: { errors: [{ field, message }] } });

export async function canonicalPatient(patient: PatientInput, now: Date): Promise<CanonicalPatient> {
  const phone = canonicalPhone(patient.phone);
  if (!phone.ok) {
    const message =
      phone.reason === 'invalid'
        ? 'Not a valid French phone number (metropolitan or overseas).'
        : 'Give a number the patient can be called back on: not a premium-rate, shared-cost or service number.';
    throw invalidField('invalid_phone', 'patient.phone', message);
  }
  const refusal = birthDateRefusal(patient.birthDate, now);
  if (refusal) {
    const message =
      refusal === 'future' ? 'The birth date is in the future.' : 'The birth date is more than 120 years ago.';
    throw invalidField('invalid_birth_date', 'patient.birthDate', message);
  }
  const canonical = { ...patient, phone: phone.e164 };
  return {
    ...canonical,
    phoneMobile: phone.mobile,
    key: await patientKey(canonical),
    identityKey: await identityKey(canonical),
  };
}
