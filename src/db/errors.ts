// Reads what Postgres refused. The constraints and triggers are the last line of defence; when
// they fire, the caller still gets a precise, stable code. This layer names the failure; the doors
// render it (problem+json, OperationOutcome, a French message).
import { PROBLEMS, type ProblemCode } from '../domain/problems';

/** A refusal or outage the database reported, described for the doors to render. */
export interface DbFailure {
  /** The catalogue's (src/domain/problems.ts). */
  status: number;
  code: ProblemCode;
  detail: string;
  /** Set when nothing was decided and the same request may succeed later. */
  retryAfterSeconds?: number;
}

const failure = (code: ProblemCode, detail: string): DbFailure => ({ status: PROBLEMS[code].status, code, detail });

interface PgLikeError {
  code?: string;
  constraint?: string;
  message?: string;
}

const UNIQUE: Record<string, [ProblemCode, string]> = {
  bookings_one_active_per_slot: ['slot_unavailable', 'This slot is already booked.'],
  missions_one_per_doctor_day: ['mission_date_taken', 'You already have a mission on this date.'],
  holds_one_active_per_owner: ['hold_exists', 'You already hold a slot; book or release it first.'],
  waitlist_offers_one_live_per_slot: ['slot_unavailable', 'This slot is already offered to someone on the waitlist.'],
  idempotency_keys_owner_key_pk: ['idempotency_conflict', 'A request with this Idempotency-Key is being processed.'],
};

const RAISED: Record<string, [ProblemCode, string]> = {
  MS001: ['mission_cap_reached', 'The monthly limit of mission days is reached.'],
  HO001: ['handover_after_check_in', 'The doctor has checked in to this mission; it can no longer be handed over.'],
  HO002: ['mission_cancelled', 'This mission is cancelled.'],
  BK001: ['booking_limit_reached', 'This patient already has the maximum number of upcoming bookings.'],
  OB001: ['overbilling_not_allowed', 'Only the tarif opposable may be billed: no dépassement d’honoraires.'],
  OB002: ['overbilling_not_allowed', 'Only the tarif opposable may be billed: no dépassement d’honoraires.'],
  OB003: ['tariff_unavailable', 'No tarif opposable for these acts is in effect on that date in the site’s territory.'],
  BK002: ['invalid_transition', 'This change of status is not allowed.'],
  BK003: [
    'account_booking_limit_reached',
    'This account already has the maximum number of upcoming bookings, whoever they are for.',
  ],
  BK004: [
    'client_zone_booking_limit_reached',
    'This client already has the maximum number of upcoming bookings in this zone.',
  ],
  HL001: ['hold_limit_reached', 'You already hold the maximum number of slots; book or release some first.'],
  WH001: [
    'webhook_endpoint_limit_reached',
    'This client already has the maximum of 10 webhook endpoints; delete one first.',
  ],
  WL001: ['booking_limit_reached', 'This person already has as many upcoming bookings and offers as allowed.'],
  WL002: ['conflict', 'This waitlist entry cannot take this offer.'],
  AN001: ['booking_anonymised', 'This booking’s patient data was erased; it no longer changes.'],
};

/** CHECK constraints that say "no dépassement d'honoraires". */
const OVERBILLING_CHECKS = new Set(['bookings_no_overbilling', 'bookings_billed_no_depassement']);

/** CHECK constraints on the patient's identity; the operation refuses first with the field named. */
const PATIENT_CHECKS: Record<string, [ProblemCode, string]> = {
  bookings_patient_phone_e164: ['invalid_phone', 'The patient’s phone number is not a valid French number.'],
  bookings_birth_date_plausible: [
    'invalid_birth_date',
    'The patient’s birth date is in the future or more than 120 years ago.',
  ],
};

export function findPgError(error: unknown): PgLikeError | undefined {
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as PgLikeError).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return e as PgLikeError;
  }
  return undefined;
}

const CONNECTION_FAILURE = /ECONNREFUSED|connect|socket|WebSocket|terminated|network|timeout/i;

/**
 * A query that got no answer from Postgres at all: the driver's own failure to connect or to hear
 * back (a timeout, a closed socket, or a WebSocket error event, which is no Error and carries no
 * SQLSTATE). Seen under the 2,000-patient rush as "Failed query" with such a cause, then a 500.
 */
function noAnswer(error: unknown): boolean {
  const chain: Error[] = [];
  let e: unknown = error;
  for (; e instanceof Error && chain.length < 5; e = e.cause) chain.push(e);
  if (chain.some((link) => CONNECTION_FAILURE.test(link.message))) return true;
  // The driver's "Failed query" wrapping nothing, or an event object rather than an error.
  return chain.length === 1 && chain[0].message.startsWith('Failed query');
}

export function mapDatabaseError(error: unknown): DbFailure | undefined {
  const pg = findPgError(error);
  if (pg?.code) {
    const raised = RAISED[pg.code];
    if (raised) return failure(raised[0], pg.message ?? raised[1]);
    if (pg.code === '23505' || pg.code === '23P01') {
      const known = UNIQUE[pg.constraint ?? ''];
      if (known) return failure(known[0], known[1]);
      return failure('conflict', 'The request conflicts with the current state.');
    }
    if (pg.code === '23514' && OVERBILLING_CHECKS.has(pg.constraint ?? '')) {
      const [code, detail] = RAISED.OB001;
      return failure(code, detail);
    }
    if (pg.code === '23514' && pg.constraint === 'bookings_anonymised_past') {
      return failure('booking_upcoming', 'An upcoming booking is not erased; cancel it first.');
    }
    const patientCheck = pg.code === '23514' ? PATIENT_CHECKS[pg.constraint ?? ''] : undefined;
    if (patientCheck) return failure(patientCheck[0], patientCheck[1]);
    if (pg.code === '23503' && pg.constraint === 'sites_epci_siren_priority_zones_siren_fk') {
      return failure('zone_has_sites', 'This priority zone still has consultation sites.');
    }
    if (pg.code.startsWith('23'))
      return failure('constraint_violation', `The data breaks the rule ${pg.constraint ?? pg.code}.`);
    // Text Postgres cannot store (the NUL character): the request was malformed, not the server.
    if (pg.code === '22021' || pg.code === '22P05')
      return failure('invalid_text', 'Text fields may not contain the NUL character.');
    if (pg.code === '40001' || pg.code === '40P01')
      return failure('concurrent_update', 'Another request changed this resource at the same time; retry.');
    // Connection lost, server out of resources or shutting down, statement or lock timed out:
    // nothing was decided, the same request may succeed shortly.
    if (/^(08|53|57P)/.test(pg.code) || pg.code === '57014' || pg.code === '55P03') return unavailable();
    return undefined;
  }
  return noAnswer(error) ? unavailable() : undefined;
}

const unavailable = (): DbFailure => ({
  ...failure('database_unavailable', 'The database cannot be reached; retry shortly.'),
  retryAfterSeconds: 5,
});
