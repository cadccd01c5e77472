// One person, whatever the channel: the same folded name and birth date count as one patient for
// the anti-hoarding limits, whatever phone is given. Only digests are compared; they are never shown.
import { sha256Hex } from './hash';

export interface PatientIdentity {
  firstName: string;
  lastName: string;
  birthDate: string;
  /** E.164, as canonicalPhone returns it. */
  phone: string;
}

/**
 * Case, accents, spaces, hyphens and apostrophes never make another person: "Hélène Dupont-Moreau"
 * and "HELENE dupont moreau" fold alike. Letters of any script are kept (Ψ, ß, 李 are not dropped).
 */
export const foldName = (name: string) =>
  name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}]+/gu, '');

export async function patientKey(p: PatientIdentity): Promise<string> {
  return sha256Hex([foldName(p.lastName), foldName(p.firstName), p.birthDate, p.phone].join('|'));
}

/**
 * The person without the phone: what the per-person cap counts, so that another number (a
 * relative's, a second mobile) does not open two more bookings for the same person.
 */
export async function identityKey(p: Omit<PatientIdentity, 'phone'>): Promise<string> {
  return sha256Hex(['identity', foldName(p.lastName), foldName(p.firstName), p.birthDate].join('|'));
}
