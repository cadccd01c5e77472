// One phone number, one spelling: E.164, parsed by libphonenumber-js with the French numbering
// plans (metropolitan and overseas) only, so that `06 12 34 56 78`, `+33 6 12 34 56 78` and
// `0033612345678` count as the same patient, and reminders know whether an SMS can reach it.
import {
  parsePhoneNumberFromString,
  type CountryCode,
  type MetadataJson,
  type NumberType,
} from 'libphonenumber-js/core';
import metadataJson from './phone-metadata.json';

const metadata = metadataJson as unknown as MetadataJson;

export type CanonicalPhone = { ok: true; e164: string; mobile: boolean } | { ok: false; reason: PhoneRefusal };
export type PhoneRefusal = 'invalid' | 'not_a_personal_number';

/**
 * National forms are tried as metropolitan first, then as each overseas plan: 0694… is Guyane
 * (+594), 0692/0693… La Réunion and 0639… Mayotte (+262), 0690… Guadeloupe (+590), 0696…
 * Martinique (+596). International forms (+…, 00…) carry their own country code.
 */
const REGIONS: CountryCode[] = ['FR', 'GF', 'RE', 'YT', 'GP', 'MQ', 'PM', 'BL', 'MF', 'WF', 'NC', 'PF'];

/** Numbers a doctor's secretary can call back without cost to the patient: no 08 9x, 08 1x, 118… */
const PERSONAL: ReadonlySet<NumberType> = new Set<NumberType>([
  'MOBILE',
  'FIXED_LINE',
  'FIXED_LINE_OR_MOBILE',
  'VOIP',
  'PERSONAL_NUMBER',
]);

const SEPARATORS = /^[+\d\s.\-/()]+$/;

export function canonicalPhone(input: string): CanonicalPhone {
  // "+33 (0)6 …": the bracketed trunk prefix is a common way of writing both forms at once.
  const text = input.trim().replace(/\(0\)/g, '');
  if (!SEPARATORS.test(text)) return { ok: false, reason: 'invalid' };
  for (const defaultCountry of REGIONS) {
    const parsed = parsePhoneNumberFromString(text, { defaultCountry, extract: false }, metadata);
    if (!parsed?.isValid()) continue;
    const type = parsed.getType();
    if (!type || !PERSONAL.has(type)) return { ok: false, reason: 'not_a_personal_number' };
    return { ok: true, e164: parsed.number, mobile: type === 'MOBILE' || type === 'FIXED_LINE_OR_MOBILE' };
  }
  return { ok: false, reason: 'invalid' };
}

/**
 * How people read a stored number (E.164, or a site's number as entered), on pages, in SMS and
 * emails alike: `05 58 00 00 00` by pairs; a 08 service number as its operators print it,
 * `0 800 00 00 00`; international otherwise.
 */
export function readablePhone(stored: string): string {
  const parsed = parsePhoneNumberFromString(stored, { defaultCountry: 'FR', extract: false }, metadata);
  if (!parsed?.isValid()) return stored;
  // libphonenumber's national form already writes a 08 service number 0 800 00 00 00.
  return parsed.country === 'FR' ? parsed.formatNational() : parsed.formatInternational();
}
