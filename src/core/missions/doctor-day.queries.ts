// What the doctor's pages read beside the operations: the month's count against the cap, what a
// cancellation would do, the day's patients, and the sites to choose from. Always scoped to the doctor's own missions.
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import type { BookingStatus } from '../../domain/booking-status';
import { SHORTAGE_DAYS, type SiteForChoice } from '../../domain/site-shortage';
import type { TariffRate, TariffTerritory } from '../../domain/tariff';
import { ratesJson } from '../tariffs/tariffs.queries';

/**
 * The monthly cap and, for each month (YYYY-MM) in which the doctor has a mission day that is not
 * cancelled, how many: the same count as the database's cap trigger (missions_enforce_monthly_cap).
 */
export async function missionDaysByMonth(db: Db, rpps: string): Promise<{ cap: number; used: Record<string, number> }> {
  const { rows } = await db.execute<{ cap: number; used: Record<string, number> }>(sql`
    SELECT (SELECT max_mission_days_per_month FROM scheme_settings) AS cap,
           (SELECT coalesce(json_object_agg(month, n), '{}'::json) FROM (
              SELECT to_char(local_date, 'YYYY-MM') AS month, count(*)::int AS n FROM missions
              WHERE doctor_rpps = ${rpps} AND status <> 'cancelled' GROUP BY 1) counted) AS used`);
  return rows[0];
}

/** The bookings a cancellation of this doctor's mission would cancel, each patient being told. */
export async function patientsToTell(db: Db, id: string, rpps: string): Promise<number> {
  const { rows } = await db.execute<{ n: number }>(sql`
    SELECT count(*)::int AS n FROM bookings b JOIN missions m ON m.id = b.mission_id
    WHERE m.id = ${id} AND m.doctor_rpps = ${rpps} AND b.status = 'booked'`);
  return rows[0].n;
}

export type DayPatientRow = {
  id: string;
  starts_at: string;
  status: BookingStatus;
  first_name: string;
  last_name: string;
  birth_date: string;
  billed_acts: string[] | null;
  billed_cents: number | null;
};

/**
 * The patients of this doctor's mission (cancelled bookings left out) by time, with the tariff
 * table and the site's territory the consultation is priced from. Another doctor's mission has no
 * patients here.
 */
export async function dayPatients(
  db: Db,
  id: string,
  rpps: string,
): Promise<{ patients: DayPatientRow[]; rates: TariffRate[]; territory: TariffTerritory }> {
  const { rows } = await db.execute<{ patients: DayPatientRow[]; rates: TariffRate[]; territory: TariffTerritory }>(sql`
    SELECT
      (SELECT coalesce(json_agg(json_build_object('id', b.id, 'starts_at', b.starts_at, 'status', b.status, 'first_name', b.patient_first_name,
                'last_name', b.patient_last_name, 'birth_date', b.patient_birth_date, 'billed_acts', b.billed_acts, 'billed_cents', b.billed_cents)
              ORDER BY b.starts_at, b.id), '[]'::json)
       FROM bookings b JOIN missions m ON m.id = b.mission_id
       WHERE m.id = ${id} AND m.doctor_rpps = ${rpps} AND b.status <> 'cancelled') AS patients,
      ${ratesJson} AS rates, mission_tariff_territory(${id}) AS territory`);
  return rows[0];
}

/** Consultation sites a doctor may choose, with their commune, by name. */
/** Every site with its département, region and how many mission days its zone has in the coming SHORTAGE_DAYS days. */
export async function siteChoices(db: Db, today: string): Promise<SiteForChoice[]> {
  const { rows } = await db.execute<SiteForChoice>(sql`
    WITH zone_days AS (
      SELECT epci_siren, count(DISTINCT local_date)::int AS days FROM missions
      WHERE status = 'planned' AND local_date >= ${today}::date AND local_date < ${today}::date + ${SHORTAGE_DAYS}::int
      GROUP BY epci_siren
    )
    SELECT si.id, si.name, c.name AS commune, c.postcodes[1] AS postcode, c.departement, c.region, coalesce(z.days, 0) AS "zoneDays"
    FROM sites si JOIN communes c ON c.insee = si.commune_insee
    LEFT JOIN zone_days z ON z.epci_siren = si.epci_siren
    ORDER BY si.name, c.name, si.id`);
  return rows;
}
