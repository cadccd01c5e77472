// What every form that takes a person (the patient's booking, the agent's booking, the patient's
// and the agent's waitlist forms) says about the person's fields: checked the same way before the
// core is asked, and the core's refusals of one of them in the same words, so that one mistake
// reads the same on every form.
import { PatientSchema } from '../core/bookings/patient-input';
import { canonicalPhone } from '../domain/phone';
import type { ProblemCode } from '../domain/problems';
import { fromFrenchDate } from './format';

export type PersonValues = { firstName: string; lastName: string; birthDate: string; phone: string; email: string };
export type PersonErrors = Partial<Record<keyof PersonValues, string>>;

export const PERSON_ERRORS = {
  firstName: 'Indiquez le prénom, en lettres.',
  lastName: 'Indiquez le nom, en lettres.',
  birthDate: 'Indiquez la date de naissance au format JJ/MM/AAAA, par exemple 15/06/1950, ou en 8 chiffres : 15061950.',
  impossibleBirthDate: 'Cette date de naissance n’est pas possible. Vérifiez le jour, le mois et l’année.',
  noPhone: 'Indiquez un numéro de téléphone, par exemple 06 12 34 56 78.',
  wrongPhone: 'Ce numéro n’est pas un numéro français valide (ni surtaxé). Exemple : 06 12 34 56 78.',
  email: 'Indiquez une adresse électronique complète, par exemple nom@domaine.fr, ou laissez vide.',
} as const;

/**
 * The person as typed: names in letters, a birth date the calendar has (returned as YYYY-MM-DD), a
 * phone number's characters, an email or nothing. Whether the number is a real French one is the
 * core's rule (`invalid_phone`, below); a form that must know more (a mobile for an offer) checks it
 * itself.
 */
export function checkPerson(values: PersonValues): { errors: PersonErrors; birthDate?: string } {
  const errors: PersonErrors = {};
  if (!PatientSchema.shape.firstName.safeParse(values.firstName).success) errors.firstName = PERSON_ERRORS.firstName;
  if (!PatientSchema.shape.lastName.safeParse(values.lastName).success) errors.lastName = PERSON_ERRORS.lastName;
  const birthDate = fromFrenchDate(values.birthDate);
  if (!birthDate) errors.birthDate = PERSON_ERRORS.birthDate;
  const phone = values.phone.trim();
  if (phone === '') errors.phone = PERSON_ERRORS.noPhone;
  else if (!PatientSchema.shape.phone.safeParse(phone).success) errors.phone = PERSON_ERRORS.wrongPhone;
  const email = values.email.trim();
  if (email !== '' && !PatientSchema.shape.email.safeParse(email).success) errors.email = PERSON_ERRORS.email;
  return { errors, birthDate };
}

/**
 * A waitlist offer must reach the person: the patient's own form asks for a mobile or an email; an
 * agent's does not, as agents phone whoever has neither.
 */
export function checkWaitlistPerson(
  values: PersonValues,
  options: { needsChannel: boolean },
): { errors: PersonErrors; birthDate?: string } {
  const { errors, birthDate } = checkPerson(values);
  if (errors.phone) return { errors, birthDate };
  const phone = canonicalPhone(values.phone);
  if (!phone.ok) errors.phone = PERSON_ERRORS.wrongPhone;
  else if (options.needsChannel && !phone.mobile && values.email.trim() === '')
    errors.phone = 'Ce numéro est un fixe : il ne reçoit pas de SMS. Indiquez un mobile, ou une adresse électronique.';
  return { errors, birthDate };
}

/** The core's refusals that name one field of the person, said at that field. */
export const PERSON_FIELD_REFUSALS: Partial<Record<ProblemCode, PersonErrors>> = {
  invalid_phone: { phone: PERSON_ERRORS.wrongPhone },
  invalid_birth_date: { birthDate: PERSON_ERRORS.impossibleBirthDate },
};
