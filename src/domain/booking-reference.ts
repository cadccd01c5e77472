// The booking's reference: what a patient reads from a confirmation, says on the phone or types
// in /rdv. Eight characters from an alphabet without look-alikes (no 0/O, 1/I/L, U), so it
// survives being read aloud or copied by hand. Postgres draws it (new_booking_reference(), migration
// 0024) and checks this same format; 30^8 ≈ 6.6 × 10^11 codes.
export const REFERENCE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ';
export const BOOKING_REFERENCE = /^[2-9A-HJKMNP-TV-Z]{8}$/;

/** What someone typed, as a reference to look up (spaces, hyphens and case ignored), or null if it cannot be one. */
export function normaliseReference(typed: string): string | null {
  const compact = typed.replace(/[\s.-]/g, '').toUpperCase();
  return BOOKING_REFERENCE.test(compact) ? compact : null;
}

/** "K7M4 PXQ2": two groups of four, easier to read back. */
export const spacedReference = (reference: string) => `${reference.slice(0, 4)} ${reference.slice(4)}`;
