// What a form says at the field a rule refused, for the refusals that name one field of the person.
// The booking forms (the patient's and the agent's) and the waitlist forms each say it their way.
import type { ProblemCode } from '../domain/problems';

type FieldRefusals = Partial<Record<ProblemCode, Record<string, string>>>;

export const BOOKING_FIELD_REFUSALS: FieldRefusals = {
  invalid_phone: { phone: 'Ce numéro n’est pas un numéro français valide (ni surtaxé). Exemple : 06 12 34 56 78.' },
  invalid_birth_date: {
    birthDate: 'Cette date de naissance n’est pas possible. Vérifiez le jour, le mois et l’année.',
  },
};

export const WAITLIST_FIELD_REFUSALS: FieldRefusals = {
  invalid_phone: { phone: 'Indiquez un numéro de téléphone français, par exemple 06 12 34 56 78.' },
  invalid_birth_date: { birthDate: 'Cette date de naissance n’est pas possible : vérifiez-la.' },
};
