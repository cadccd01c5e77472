// An agent finds the bookings of the person on the phone: by phone number (any usual spelling,
// compared in E.164), by the booking's reference (read from a confirmation), or by last name and birth date, the first name narrowing it when given
// (names compared folded: case, accents, hyphens and spaces do not matter). Every search is
// audited with its call reference and outcome, a refused one or one that found nothing included;
// the audit rows hold ids and codes, never what was searched for.
import type { Db } from '../../db/client';
import { normaliseReference } from '../../domain/booking-reference';
import { recordedCallReference } from '../../domain/call-reference';
import { canonicalPhone } from '../../domain/phone';
import { foldName } from '../../domain/patients';
import { problem, ProblemError } from '../../domain/problem';
import type { Caller } from '../../domain/caller';
import { auditEntry, recordAudit } from '../audit/audit.queries';
import { callReferenceOf } from './call-reference';
import type { BookingRow } from './bookings.queries';
import { bookingsByBirthDateAndName, bookingsByPhone, bookingsByReference } from './search.queries';

export type BookingSearch =
  | { phone: string }
  | { reference: string }
  | { lastName: string; birthDate: string; firstName?: string };

/** At most this many bookings are shown; `more` says when there were others. */
export const SEARCH_CAP = 20;
// Rows read before the exact name comparison: namesakes born the same day are few; bounded all the same.
const NAMESAKES_CAP = 200;

/** What Postgres compares first (search.queries.ts latinKey): the Latin letters of the folded name. */
export const latinNameKey = (name: string) => foldName(name).replace(/[^a-z]/g, '');

export interface SearchOutcome {
  rows: BookingRow[];
  more: boolean;
}

async function find(db: Db, search: BookingSearch, now: Date): Promise<BookingRow[]> {
  if ('phone' in search) {
    const phone = canonicalPhone(search.phone);
    if (!phone.ok) {
      throw problem('invalid_phone', 'Not a valid French phone number (metropolitan or overseas).', {
        extensions: { errors: [{ field: 'phone', message: 'Not a valid French phone number.' }] },
      });
    }
    return bookingsByPhone(db, phone.e164, now, SEARCH_CAP + 1);
  }
  if ('reference' in search) {
    const reference = normaliseReference(search.reference);
    // Not the shape of a reference: no booking has it.
    return reference ? bookingsByReference(db, reference, now, 1) : [];
  }
  const lastName = foldName(search.lastName);
  const firstName = search.firstName ? foldName(search.firstName) : '';
  const candidates = await bookingsByBirthDateAndName(
    db,
    search.birthDate,
    latinNameKey(search.lastName),
    firstName ? latinNameKey(search.firstName!) : undefined,
    now,
    NAMESAKES_CAP,
  );
  // Matched by birth date, so never anonymised: the names are there.
  return candidates.filter(
    (b) => foldName(b.patient_last_name!) === lastName && (!firstName || foldName(b.patient_first_name!) === firstName),
  );
}

export async function searchBookings(
  db: Db,
  caller: Caller,
  search: BookingSearch,
  now: Date,
  givenCallReference?: string,
): Promise<SearchOutcome> {
  const action =
    'phone' in search
      ? 'booking.search_by_phone'
      : 'reference' in search
        ? 'booking.search_by_reference'
        : 'booking.search_by_name';
  // A malformed reference is not recorded: it could be anything the agent typed.
  const recorded = recordedCallReference(givenCallReference);
  try {
    const callReference = callReferenceOf(caller, givenCallReference);
    const found = await find(db, search, now);
    const rows = found.slice(0, SEARCH_CAP);
    const entry = auditEntry(caller, action, rows.length ? '200' : '200 none found', now, callReference);
    if (entry)
      await recordAudit(
        db,
        entry,
        rows.map((r) => r.id),
      );
    return { rows, more: found.length > SEARCH_CAP };
  } catch (error) {
    const entry =
      error instanceof ProblemError
        ? auditEntry(caller, action, `${error.status} ${error.code}`, now, recorded)
        : undefined;
    if (entry) await recordAudit(db, entry, []);
    throw error;
  }
}
