// An ARS correction of a mission's attendance (a forgotten check-out, a wrong time): the mission
// takes the corrected times, and the same statement keeps the correction with its reason and
// writes the audit row. The indemnity follows from the times, so it changes with them.
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { assertAttendanceOfDay, type CorrectedAttendance } from '../../domain/attendance-correction';
import { inScope } from '../regions/in-scope';
import { inZone } from '../../domain/time';
import { problem, notFound } from '../../domain/problem';
import { type Caller, scopeOf } from '../../domain/caller';

export type AttendanceCorrection = CorrectedAttendance & { reason: string };

/** The missions an ARS caller may correct, on communes aliased co (which name their region): those of their regions. */
const inCallerRegion = (caller: Caller) => inScope(scopeOf(caller), sql`co.region`);

type CorrectionRow = {
  id: number;
  mission_id: string;
  at: string;
  actor_sub: string;
  reason: string;
  time_zone: string;
  previous_checked_in_at: string | null;
  previous_checked_out_at: string | null;
  checked_in_at: string;
  checked_out_at: string;
};

export async function correctAttendance(
  db: Db,
  caller: Caller,
  missionId: string,
  correction: AttendanceCorrection,
  now: Date,
) {
  // One read for a precise refusal; the statement checks status and region again.
  const {
    rows: [day],
  } = await db.execute<{ date: string; time_zone: string; status: string }>(sql`
    SELECT m.local_date::text AS date, si.time_zone, m.status
    FROM missions m JOIN sites si ON si.id = m.site_id JOIN communes co ON co.insee = si.commune_insee
    WHERE m.id = ${missionId} AND ${inCallerRegion(caller)}`);
  if (!day) throw notFound('Mission');
  if (day.status === 'cancelled') throw problem('mission_cancelled', 'This mission is cancelled.');
  assertAttendanceOfDay({ date: day.date, timeZone: day.time_zone }, correction, now);
  const {
    rows: [row],
  } = await db.execute<CorrectionRow>(sql`
    WITH target AS (
      SELECT m.id, m.checked_in_at, m.checked_out_at, si.time_zone
      FROM missions m JOIN sites si ON si.id = m.site_id JOIN communes co ON co.insee = si.commune_insee
      WHERE m.id = ${missionId} AND m.status <> 'cancelled' AND ${inCallerRegion(caller)}
      FOR UPDATE OF m
    ), corrected AS (
      UPDATE missions m SET checked_in_at = ${correction.checkedInAt}, checked_out_at = ${correction.checkedOutAt}
      FROM target t WHERE m.id = t.id
      RETURNING m.id, t.checked_in_at AS previous_in, t.checked_out_at AS previous_out, t.time_zone
    ), kept AS (
      INSERT INTO attendance_corrections (mission_id, at, actor_sub, reason, previous_checked_in_at, previous_checked_out_at, checked_in_at, checked_out_at)
      SELECT id, ${now}, ${caller.sub}, ${correction.reason}, previous_in, previous_out, ${correction.checkedInAt}, ${correction.checkedOutAt} FROM corrected
      RETURNING *
    ), audited AS (
      INSERT INTO audit_events (at, actor_role, actor_sub, mission_id, action, outcome)
      SELECT ${now}, ${caller.role}, ${caller.sub}, id, 'mission.attendance.correct', '200' FROM corrected
    )
    SELECT k.*, c.time_zone FROM kept k JOIN corrected c ON c.id = k.mission_id`);
  // Nothing matched: the mission was cancelled between the read and the change.
  if (!row) throw problem('mission_cancelled', 'This mission is cancelled.');
  const at = (t: string | null) => inZone(t, row.time_zone);
  return {
    missionId: row.mission_id,
    checkedInAt: at(row.checked_in_at)!,
    checkedOutAt: at(row.checked_out_at)!,
    previous: { checkedInAt: at(row.previous_checked_in_at), checkedOutAt: at(row.previous_checked_out_at) },
    reason: row.reason,
    correctedAt: new Date(row.at).toISOString(),
    correctedBy: row.actor_sub,
  };
}
