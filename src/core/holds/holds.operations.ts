// Holding a slot while the patient's details are typed in, shared by every door.
import type { Db } from '../../db/client';
import type { Referral } from '../../domain/referral';
import { callerKey, holdOwnerKey } from '../../lib/callers';
import { requestHash } from '../../lib/idempotency';
import { problem, notFound } from '../../domain/problem';
import type { Caller } from '../../domain/caller';
import { idInZoneOf } from '../../lib/zone-ids';
import { auditEntry } from '../audit/audit.queries';
import { changeOrReplay } from '../idempotency/idempotency.queries';
import { slotUnavailable } from '../slots/slots.problems';
import { claimHold, extendHoldOf, holdState, releaseHoldOf, slotExists } from './holds.queries';

export interface HoldOptions {
  /** How long the hold keeps the slot (agents get longer: they are on the phone). */
  minutes: number;
  now: Date;
  /** The call an agent acts in, for the audit row their holds leave. */
  callReference?: string | null;
  /** Who sent the patient (a deep link's source and booking-referral): the booking made from the hold keeps it. */
  referral?: Referral;
  /** The Idempotency-Key, if the caller sent one. */
  idempotencyKey?: string;
}

export interface Hold {
  id: string;
  slotId: string;
  expiresAt: string;
}

/**
 * Holds a slot for the caller (and, for integrators and agents, the patient they act for), or, with
 * an Idempotency-Key already used for this request, returns the hold it made, as it is now.
 */
export async function holdSlot(
  db: Db,
  caller: Caller,
  slotId: string,
  patientRef: string | undefined,
  options: HoldOptions,
): Promise<{ hold: Hold; replayed: boolean }> {
  const key = callerKey(caller);
  const idempotency =
    options.idempotencyKey === undefined
      ? undefined
      : { owner: key, key: options.idempotencyKey, hash: await requestHash({ hold: { slotId, patientRef } }) };
  const outcome = await changeOrReplay(
    db,
    idempotency,
    'hold_id',
    () =>
      claimHold(
        db,
        {
          id: idInZoneOf(slotId),
          slotId,
          callerKey: key,
          ownerKey: holdOwnerKey(caller, patientRef),
          now: options.now,
          minutes: options.minutes,
          referral: options.referral,
          idempotency,
        },
        auditEntry(caller, 'hold.create', '201', options.now, options.callReference ?? null),
      ),
    (id) => holdState(db, id, key, options.now),
  );
  if (!outcome) {
    if (!(await slotExists(db, slotId))) throw notFound('Slot');
    throw slotUnavailable();
  }
  const hold = outcome.row;
  return {
    hold: { id: hold.id, slotId: hold.slot_id, expiresAt: new Date(hold.expires_at).toISOString() },
    replayed: outcome.replayed,
  };
}

export async function releaseHold(
  db: Db,
  caller: Caller,
  id: string,
  audit: { now: Date; callReference?: string | null },
): Promise<void> {
  const entry = auditEntry(caller, 'hold.release', '204', audit.now, audit.callReference ?? null);
  if (!(await releaseHoldOf(db, id, callerKey(caller), entry))) throw notFound('Hold');
}

export interface ExtendedHold extends Hold {
  extensionsLeft: number;
}

export const HOLD_STATES = ['active', 'expired', 'released', 'consumed'] as const;
export interface HoldView extends ExtendedHold {
  status: (typeof HOLD_STATES)[number];
}

/** The caller's hold as it is now (an expired one says so); someone else's is a 404, as for every hold operation. */
export async function readHold(
  db: Db,
  caller: Caller,
  id: string,
  options: { now: Date; maxExtensions: number },
): Promise<HoldView> {
  const hold = await holdState(db, id, callerKey(caller), options.now);
  if (!hold) throw notFound('Hold');
  const status = hold.status === 'active' && hold.expired ? 'expired' : hold.status;
  const extensionsLeft = status === 'active' ? Math.max(0, options.maxExtensions - hold.extensions) : 0;
  return {
    id: hold.id,
    slotId: hold.slot_id,
    status,
    expiresAt: new Date(hold.expires_at).toISOString(),
    extensionsLeft,
  };
}

/**
 * Gives the caller's hold its full duration again from now (an "extend" button on a countdown:
 * RGAA 13.1 lets a person extend a time limit, at least 10 times), never past the slot's start.
 */
export async function extendHold(
  db: Db,
  caller: Caller,
  id: string,
  options: HoldOptions & { maxExtensions: number },
): Promise<ExtendedHold> {
  const key = callerKey(caller);
  const hold = await extendHoldOf(
    db,
    { id, callerKey: key, now: options.now, minutes: options.minutes, maxExtensions: options.maxExtensions },
    auditEntry(caller, 'hold.extend', '200', options.now, options.callReference ?? null),
  );
  if (hold) {
    return {
      id: hold.id,
      slotId: hold.slot_id,
      expiresAt: new Date(hold.expires_at).toISOString(),
      extensionsLeft: Math.max(0, options.maxExtensions - hold.extensions),
    };
  }
  const state = await holdState(db, id, key, options.now);
  if (!state) throw notFound('Hold');
  if (state.status !== 'active') throw problem('hold_not_active', `This hold was ${state.status}.`);
  if (state.expired) throw problem('hold_expired', 'This hold has expired; hold the slot again if it is still free.');
  if (state.extensions >= options.maxExtensions) {
    throw problem(
      'hold_extension_limit_reached',
      `This hold was already extended ${state.extensions} times, the most allowed; book the slot or hold it again.`,
    );
  }
  // Active, unexpired and under the cap, yet not extended: its slot starts now.
  throw slotUnavailable();
}
