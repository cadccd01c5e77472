// The tariff table, read from the database: the operations that price in TypeScript (a refusal's
// precise reason, the doctor's day) take their rates from here, never from a copy in code.
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import type { TariffRate, TariffTerritory } from '../../domain/tariff';

export type TariffRow = TariffRate & { label: string; source: string };

/** The whole table as one JSON array of TariffRate, for a query that needs it beside other columns. */
export const ratesJson = sql`(SELECT coalesce(json_agg(json_build_object('code', code, 'territory', territory, 'amountCents', amount_cents,
  'effectiveFrom', effective_from, 'effectiveTo', effective_to)), '[]'::json) FROM tariff_rates)`;

/** Every row, by territory, act and date. */
export async function listTariffs(db: Db, territory?: TariffTerritory): Promise<TariffRow[]> {
  const { rows } = await db.execute<TariffRow>(sql`
    SELECT code, territory, label, amount_cents AS "amountCents", effective_from::text AS "effectiveFrom",
           effective_to::text AS "effectiveTo", source
    FROM tariff_rates
    ${territory ? sql`WHERE territory = ${territory}` : sql``}
    ORDER BY array_position(ARRAY['metropole','guadeloupe','martinique','guyane','reunion','mayotte'], territory), code, effective_from`);
  return rows;
}
