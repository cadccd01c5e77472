// The patient as a booking's input gives them, whichever door it comes through: REST reads it
// as is, FHIR maps its contained Patient onto it. Field rules only; which phones and birth dates
// are acceptable is the operation's (patient.ts). Its OpenAPI description is REST's published one.
import { z } from '@hono/zod-openapi';
import { LocalDate } from '../../lib/openapi';
import { portableLetterClass } from '../../lib/portable-pattern';

const NAME = /^[\p{L}][\p{L}\p{M} '’.-]*$/u;
// The generator would print the regex with its flag (`…$/u`), and `\p{L}` is not portable: publish the rule in words and a portable pattern.
const Name = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(NAME, 'letters, spaces, hyphens and apostrophes only')
  .openapi({
    pattern: `^${portableLetterClass()}${portableLetterClass(" '.-")}*$`,
    description:
      "A letter of any alphabet, then letters (accents and combining marks included), spaces, hyphens, apostrophes (' or ’) and dots; digits and other symbols are refused.",
    example: 'Martin',
  });

// Only the characters here; which numbers are valid (French plans, no premium rate) is the
// operation's 422 invalid_phone, with the field named.
const PatientPhone = z
  .string()
  .max(30)
  .regex(/^[+\d\s.\-/()]+$/, 'digits, spaces, dots, hyphens, brackets and +')
  .openapi({
    example: '06 12 34 56 78',
    description:
      'A French number, metropolitan or overseas, in any usual form (06 12 34 56 78, +33 6 12 34 56 78, 0033…, 0694… for Guyane); stored in E.164. Premium-rate, shared-cost and service numbers are refused (invalid_phone, 422).',
  });

export const PatientSchema = z
  .strictObject({
    firstName: Name,
    lastName: Name,
    birthDate: LocalDate.openapi({
      description: 'Not in the future, not more than 120 years ago (invalid_birth_date, 422).',
    }),
    phone: PatientPhone,
    email: z.email().max(254).optional(),
  })
  .openapi('Patient', { description: 'Minimal personal data: never a social security number.' });
