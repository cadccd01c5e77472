// The waitlist operations every door calls (issue 22 §3): join, read, accept, decline, withdraw.
// Accepting is booking the offer's hold through the booking operation, so its rules, caps,
// Idempotency-Key, event and audit rows are the booking's own.
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { chosenChannels, type ChannelChoice } from '../../domain/notifications/choice';
import { channelOf } from '../../lib/callers';
import { problem, ProblemError, notFound } from '../../domain/problem';
import type { Caller } from '../../domain/caller';
import { idInZoneOf } from '../../lib/zone-ids';
import { auditEntry } from '../audit/audit.queries';
import { createBooking, type BookingOutcome } from '../bookings/bookings.operations';
import { callReferenceOf } from '../bookings/call-reference';
import { canonicalPatient, type PatientInput } from '../bookings/patient';
import { offerFreeSlots } from './offers.operations';
import { endLiveOffers } from './offers.queries';
import { toWaitlistEntry, type WaitlistEntryView } from './waitlist.presenters';
import {
  entryFor,
  entryVisibleTo,
  insertOrFindEntry,
  placesAreInZone,
  withdrawEntryOf,
  zoneIsPriority,
} from './waitlist.queries';

export interface JoinRequest {
  zone: string;
  communes?: string[];
  siteIds?: string[];
  from?: string;
  to?: string;
  patient: PatientInput;
  notifications?: ChannelChoice;
  callReference?: string;
}

const offerExpired = () => problem('offer_expired', 'This offer has expired or was passed on; nothing was booked.');
const entryEnded = (status: string) =>
  problem('waitlist_entry_ended', `This waitlist entry is ${status}.`, { extensions: { status } });
const noLiveOffer = () => problem('no_live_offer', 'This waitlist entry has no offer right now.');

/** Puts a person on a zone's waitlist; joining twice answers the entry already there (`created` false). */
export async function joinWaitlist(
  db: Db,
  caller: Caller,
  request: JoinRequest,
  now: Date,
): Promise<{ entry: WaitlistEntryView; created: boolean }> {
  const callReference = callReferenceOf(caller, request.callReference);
  const { key: _patientKey, identityKey, ...patient } = await canonicalPatient(request.patient, now);
  if (request.from && request.to && request.to < request.from) throw windowRefused('The window ends before it starts.');
  const id = idInZoneOfZone(request.zone);
  const joined = await insertOrFindEntry(db, {
    id,
    zone: request.zone,
    communes: request.communes ?? null,
    siteIds: request.siteIds ?? null,
    from: request.from ?? null,
    to: request.to ?? null,
    channel: channelOf(caller),
    role: caller.role,
    sub: caller.sub,
    clientId: caller.role === 'integrator' ? caller.clientId : null,
    callReference,
    patient,
    notify: chosenChannels(request.notifications, patient),
    identityKey,
    now,
    audit: auditEntry(caller, 'waitlist.join', '201', now, callReference),
  });
  if (!joined) {
    if (!(await zoneIsPriority(db, request.zone)))
      throw problem('zone_not_priority', `The EPCI ${request.zone} is not a priority zone.`);
    if (
      !(await placesAreInZone(db, {
        zone: request.zone,
        communes: request.communes ?? null,
        siteIds: request.siteIds ?? null,
      }))
    ) {
      throw problem('waitlist_place_outside_zone', 'Every commune and site named must be in the zone.');
    }
    throw windowRefused('The window starts before today, or spans more than 92 days.');
  }
  // Someone else's entry for the same person is theirs to see: a second door gets a 404 rather than its data.
  const row = await entryFor(db, joined.id, caller);
  if (!row) throw problem('conflict', 'This person is already on this zone’s waitlist through someone else.');
  return { entry: toWaitlistEntry(row, now), created: joined.created };
}

const windowRefused = (detail: string) => problem('invalid_waitlist_window', detail);

/** A new id carrying the zone in its first 8 hex digits, like slot and hold ids (lib/zone-ids.ts). */
const idInZoneOfZone = (siren: string) =>
  idInZoneOf(`${Number(siren).toString(16).padStart(8, '0')}-0000-0000-0000-000000000000`);

export async function readEntry(db: Db, caller: Caller, id: string, now: Date): Promise<WaitlistEntryView> {
  const row = await entryFor(db, id, caller);
  if (!row) throw notFound('Waitlist entry');
  return toWaitlistEntry(row, now);
}

/**
 * Books the slot offered to the entry, with the entry's person and choice of messages. A retry with
 * the same Idempotency-Key answers the same booking; an offer whose time is up is offer_expired.
 */
export async function acceptOffer(
  db: Db,
  caller: Caller,
  id: string,
  idempotencyKey: string,
  now: Date,
  callReference?: string,
): Promise<BookingOutcome> {
  const row = await entryFor(db, id, caller);
  if (!row) throw notFound('Waitlist entry');
  if (!row.offer_hold_id || row.patient_first_name === null) throw noLiveOffer();
  const patient: PatientInput = {
    firstName: row.patient_first_name,
    lastName: row.patient_last_name!,
    birthDate: row.patient_birth_date!,
    phone: row.patient_phone!,
    ...(row.patient_email ? { email: row.patient_email } : {}),
  };
  const request = {
    holdId: row.offer_hold_id,
    patient,
    noOverbilling: true,
    notifications: { sms: row.notify_sms, email: row.notify_email },
    ...(callReference ? { callReference } : {}),
  };
  try {
    return await createBooking(db, caller, request, idempotencyKey, now, `waitlist:${row.id}`);
  } catch (error) {
    // The hold is gone or its time is up: the offer lapsed (or the entry ended), and nothing was booked.
    if (
      error instanceof ProblemError &&
      ['hold_expired', 'hold_not_active', 'not_found', 'slot_unavailable'].includes(error.code)
    ) {
      throw row.ended_at ? entryEnded(row.status) : offerExpired();
    }
    throw error;
  }
}

/** Declines the live offer: the slot goes at once to the next person, and the entry waits again (or ends after its third offer). */
export async function declineOffer(
  db: Db,
  caller: Caller,
  id: string,
  now: Date,
  callReference?: string,
): Promise<WaitlistEntryView> {
  const audit = auditEntry(caller, 'waitlist.decline', '200', now, callReferenceOf(caller, callReference));
  const ended = await endLiveOffers(
    db,
    sql`o.entry_id = ${id} AND o.expires_at > ${now} AND EXISTS (SELECT 1 FROM waitlist_entries e WHERE e.id = o.entry_id AND ${entryVisibleTo(caller)})`,
    'declined',
    now,
    audit,
  );
  const row = await entryFor(db, id, caller);
  if (!row) throw notFound('Waitlist entry');
  if (!ended.length) {
    if (row.offer_status === 'live' || row.offer_status === 'expired') throw offerExpired();
    if (row.ended_at) throw entryEnded(row.status);
    throw noLiveOffer();
  }
  await offerFreeSlots(db, { slotIds: ended.map((o) => o.slot_id) }, now);
  return toWaitlistEntry(row, now);
}

/** Takes the person off the waitlist; a live offer's slot goes to the next person. Withdrawing twice is the same. */
export async function withdrawEntry(
  db: Db,
  caller: Caller,
  id: string,
  now: Date,
  callReference?: string,
): Promise<void> {
  const audit = auditEntry(caller, 'waitlist.withdraw', '204', now, callReferenceOf(caller, callReference));
  const withdrawn = await withdrawEntryOf(db, id, caller, now, audit);
  if (withdrawn) {
    await offerFreeSlots(db, { slotIds: withdrawn.slot_ids }, now);
    return;
  }
  const row = await entryFor(db, id, caller);
  if (!row) throw notFound('Waitlist entry');
  if (row.status !== 'withdrawn') throw entryEnded(row.status);
}
