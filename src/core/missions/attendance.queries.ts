import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { missionsReturned } from './missions.queries';

/** Records the first check-in only: a concurrent or repeated one matches no row. */
export async function recordCheckIn(
  db: Db,
  id: string,
  rpps: string,
  now: Date,
  point: { latitude: number; longitude: number } | undefined,
) {
  const [row] = await missionsReturned(
    db,
    sql`
    UPDATE missions SET checked_in_at = ${now}, check_in_latitude = ${point?.latitude ?? null}, check_in_longitude = ${point?.longitude ?? null}
    WHERE id = ${id} AND doctor_rpps = ${rpps} AND status = 'planned' AND checked_in_at IS NULL
    RETURNING *`,
    now,
  );
  return row;
}

/** Records the first check-out of a checked-in mission, once its start time has come. */
export async function recordCheckOut(db: Db, id: string, rpps: string, now: Date) {
  const [row] = await missionsReturned(
    db,
    sql`
    UPDATE missions SET checked_out_at = ${now}
    WHERE id = ${id} AND doctor_rpps = ${rpps} AND checked_in_at IS NOT NULL AND checked_out_at IS NULL AND starts_at <= ${now}
    RETURNING *`,
    now,
  );
  return row;
}
