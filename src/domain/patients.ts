// One person, whatever the channel: the same folded name, birth date and canonical (E.164) phone
// count as one patient for the anti-hoarding limits. Only a digest is compared; it is never shown.
import { sha256Hex } from '../lib/hash';

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
