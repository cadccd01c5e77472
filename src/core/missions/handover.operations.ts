// A replacement doctor instead of cancelled patients: the doctor (or the ARS of the region) offers
// a mission day, and any volunteer takes it over before it starts, within their own monthly cap.
// Bookings, slots and holds stay as they are; patients are told the doctor changed.
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { problem, type ProblemError, notFound } from '../../domain/problem';
import { type Caller, type DoctorCaller, scopeOf } from '../../domain/caller';
import { inScope } from '../regions/in-scope';
import { clearOffer, markOffered, offeredMissions, takeOverMission } from './handover.queries';
import type { MissionRow } from './missions.queries';

/** The missions a caller may offer or withdraw: a doctor's own; an ARS caller's of their region. */
const mayOffer = (caller: Caller) =>
  caller.role === 'doctor'
    ? sql`m.doctor_rpps = ${caller.rpps}`
    : sql`EXISTS (SELECT 1 FROM sites si JOIN communes co ON co.insee = si.commune_insee WHERE si.id = m.site_id AND ${inScope(scopeOf(caller), sql`co.region`)})`;

type DayState = {
  doctor_rpps: string;
  status: string;
  starts_at: string;
  checked_in_at: string | null;
  offered_at: string | null;
};

async function dayState(db: Db, id: string, scope: ReturnType<typeof mayOffer> | undefined) {
  const { rows } = await db.execute<DayState>(sql`
    SELECT m.doctor_rpps, m.status, m.starts_at, m.checked_in_at, m.offered_at FROM missions m WHERE m.id = ${id}${scope ? sql` AND ${scope}` : sql``}`);
  return rows[0];
}

/** Why a day cannot change hands now, in the codes a declaration and a cancellation use. */
function refusal(day: DayState, now: Date): ProblemError {
  if (day.status === 'cancelled') return problem('mission_cancelled', 'This mission is cancelled.');
  if (day.checked_in_at) {
    return problem(
      'handover_after_check_in',
      'The doctor has checked in to this mission; it can no longer be handed over.',
    );
  }
  if (new Date(day.starts_at).getTime() <= now.getTime()) {
    return problem('mission_started', 'A mission that has started can no longer be handed over.');
  }
  return problem('mission_not_offered', 'This mission day is not, or no longer, offered to other volunteers.');
}

/** Offers the day to other volunteers; offering it again keeps the first offer. */
export async function offerMission(db: Db, caller: Caller, id: string, now: Date): Promise<MissionRow> {
  const offered = await markOffered(db, id, mayOffer(caller), caller.role === 'doctor' ? caller.rpps : caller.sub, now);
  if (offered) return offered;
  const day = await dayState(db, id, mayOffer(caller));
  if (!day) throw notFound('Mission');
  throw refusal(day, now);
}

/** Withdraws the offer: the day stays the offering doctor's. */
export async function withdrawOffer(db: Db, caller: Caller, id: string, now: Date): Promise<MissionRow> {
  const cleared = await clearOffer(db, id, mayOffer(caller), now);
  if (!cleared) throw notFound('Mission');
  return cleared;
}

/** This doctor takes the offered day over; the database holds their cap and their dates. */
export async function takeOver(db: Db, caller: DoctorCaller, id: string, now: Date): Promise<MissionRow> {
  const taken = await takeOverMission(db, id, { rpps: caller.rpps, name: caller.name }, now);
  if (taken) return taken;
  const day = await dayState(db, id, undefined);
  if (!day) throw notFound('Mission');
  if (day.doctor_rpps === caller.rpps) {
    throw problem('handover_to_self', 'This mission day is already yours.');
  }
  throw refusal(day, now);
}

/** Days other volunteers offer, in the caller's regions for ARS staff; a doctor sees every one. */
export async function listOfferedMissions(db: Db, caller: Caller, limit: number, now: Date): Promise<MissionRow[]> {
  return offeredMissions(
    db,
    caller.role === 'doctor' ? sql`true` : inScope(scopeOf(caller), sql`co.region`),
    limit,
    now,
  );
}
