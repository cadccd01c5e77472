// An ARS caller's region scope as one SQL condition on a column that names a region (communes.region,
// epci.region), so that what lies outside it simply does not match: lists omit it, a read or a change
// by id finds nothing (404, as if it did not exist). No scope matches nothing.
import { sql, type SQL } from 'drizzle-orm';
import { NATIONAL, regionNamesOf, type RegionScope } from '../../domain/region-scope';

export function inScope(scope: RegionScope | undefined, region: SQL): SQL {
  if (scope === undefined) return sql`false`;
  const names = regionNamesOf(scope);
  return names === NATIONAL
    ? sql`true`
    : sql`${region} IN (${sql.join(
        names.map((name) => sql`${name}`),
        sql`, `,
      )})`;
}
