// The reference of the call an agent acts on: one format wherever it is given (the booking's
// callReference, the X-Call-Reference header of every other change), so it can be looked up in
// the call-centre's own system.
export const CALL_REFERENCE = /^[A-Za-z0-9._:-]{1,64}$/;

export const CALL_REFERENCE_FORMAT = '1 to 64 letters, digits, dots, underscores, colons or hyphens';

/** A reference as an audit row records it where a malformed one is not refused: well formed, or none. */
export const recordedCallReference = (given: string | undefined): string | null =>
  given !== undefined && CALL_REFERENCE.test(given) ? given : null;
