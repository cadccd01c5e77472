// The audit trail as ARS staff read it: rows about bookings and missions of their regions; rows
// about neither (an agent's search that found nothing) only nationally.
import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { auditEvents } from '../../db/schema';
import { NATIONAL } from '../../domain/region-scope';
import { type Caller, scopeOf } from '../../domain/caller';
import { visibleTo } from '../bookings/bookings.queries';
import { inScope } from '../regions/in-scope';

export interface AuditFilter {
  bookingId?: string;
  callReference?: string;
  missionId?: string;
}

function inCallerRegions(caller: Caller): SQL | undefined {
  if (scopeOf(caller) === NATIONAL) return undefined;
  return sql`(${auditEvents.bookingId} IN (SELECT b.id FROM bookings b WHERE ${visibleTo(caller)})
    OR ${auditEvents.missionId} IN (SELECT am.id FROM missions am JOIN sites asi ON asi.id = am.site_id JOIN communes aco ON aco.insee = asi.commune_insee
                                    WHERE ${inScope(scopeOf(caller), sql`aco.region`)}))`;
}

/** At most 1,000 rows, oldest first. */
export function auditTrail(db: Db, caller: Caller, f: AuditFilter) {
  return db
    .select()
    .from(auditEvents)
    .where(
      and(
        f.bookingId ? eq(auditEvents.bookingId, f.bookingId) : undefined,
        f.callReference ? eq(auditEvents.callReference, f.callReference) : undefined,
        f.missionId ? eq(auditEvents.missionId, f.missionId) : undefined,
        inCallerRegions(caller),
      ),
    )
    .orderBy(asc(auditEvents.id))
    .limit(1000);
}
