// Why a booking was cancelled or moved, as a code: it travels in events and webhooks, which carry no
// free text (a sentence typed by a caller could hold a patient's health or identity).
export const CHANGE_REASONS = [
  'patient_request',
  'patient_unavailable',
  'booked_elsewhere',
  'duplicate',
  'entered_in_error',
  'other',
] as const;
export type ChangeReason = (typeof CHANGE_REASONS)[number];

/**
 * The partner's own id for a booking (its appointment number), echoed in webhooks and events: letters,
 * digits and `._:-`, 1 to 64 characters, so that it cannot carry a name or a sentence.
 */
export const EXTERNAL_REF = /^[A-Za-z0-9._:-]{1,64}$/;
export const EXTERNAL_REF_FORMAT = '1 to 64 letters, digits or ._:- (your own id for the booking; never personal data)';
