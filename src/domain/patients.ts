// One person, whatever the channel: the same name, birth date and phone count as one patient for
// the anti-hoarding limits. Only a digest is compared; it is never shown.
import { sha256Hex } from '../lib/hash';

export interface PatientIdentity {
  firstName: string;
  lastName: string;
  birthDate: string;
  phone: string;
}

const normaliseName = (name: string) =>
  name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z]+/g, ' ')
    .trim();

/** +33 6… and 06… are the same French number; separators never matter. */
export function normalisePhone(phone: string): string {
  const compact = phone.replace(/[^\d+]/g, '');
  return compact.startsWith('+33') ? `0${compact.slice(3)}` : compact;
}

export async function patientKey(p: PatientIdentity): Promise<string> {
  const identity = [normaliseName(p.lastName), normaliseName(p.firstName), p.birthDate, normalisePhone(p.phone)].join('|');
  return sha256Hex(identity);
}
