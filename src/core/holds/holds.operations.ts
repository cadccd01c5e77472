// Holding a slot while the patient's details are typed in, shared by every door.
import type { Db } from '../../db/client';
import { callerKey, holdOwnerKey } from '../../lib/callers';
import { notFound } from '../../lib/problem';
import type { Caller } from '../../lib/types';
import { idInZoneOf } from '../../lib/zone-ids';
import { slotUnavailable } from '../slots/slots.problems';
import { claimHold, releaseHoldOf, slotExists } from './holds.queries';

export interface HoldOptions {
  /** How long the hold keeps the slot (agents get longer: they are on the phone). */
  minutes: number;
  now: Date;
}

export interface Hold { id: string; slotId: string; expiresAt: string }

/** Holds a slot for the caller (and, for integrators and agents, the patient they act for). */
export async function holdSlot(db: Db, caller: Caller, slotId: string, patientRef: string | undefined, options: HoldOptions): Promise<Hold> {
  const hold = await claimHold(db, {
    id: idInZoneOf(slotId), slotId, callerKey: callerKey(caller), ownerKey: holdOwnerKey(caller, patientRef), now: options.now, minutes: options.minutes,
  });
  if (!hold) {
    if (!(await slotExists(db, slotId))) throw notFound('Slot');
    throw slotUnavailable();
  }
  return { id: hold.id, slotId: hold.slot_id, expiresAt: new Date(hold.expires_at).toISOString() };
}

export async function releaseHold(db: Db, caller: Caller, id: string): Promise<void> {
  if (!(await releaseHoldOf(db, id, callerKey(caller)))) throw notFound('Hold');
}
