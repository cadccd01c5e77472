// GET /fhir/Slot: the SAS aggregator's search and the search by zone or postcode, as a searchset.
// Parsed first: the limiter's zone comes from the validated parameters, and a refused search
// spends nothing.
import type { Context } from 'hono';
import { countFreeSlots, searchFreeSlots } from '../../core/publication/slot-search.queries';
import { schedulesOf, type ScheduleRow } from '../../core/publication/publication.queries';
import { encodeCursor } from '../../lib/openapi';
import type { AppEnv } from '../../app-env';
import { rateLimited } from '../../middleware/rate-limit';
import { zoneOfSlotSearch } from '../../middleware/zone-of-request';
import { fhirContext, type FhirContext, type Resource } from '../context';
import { fhirJson } from '../fhir-json';
import { toLocation } from '../resources/location';
import { toPractitioner, toPractitionerRole } from '../resources/practitioner';
import { toSchedule } from '../resources/schedule';
import { toSlot } from '../resources/slot';
import { searchset } from './bundle';
import { hintsOutcome } from './hints';
import { parseSlotSearch, type SlotSearchParams } from './slot-search-params';

function pageUrl(c: Context<AppEnv>, cursor: string | undefined) {
  const url = new URL(`${fhirContext(c).base}/Slot${new URL(c.req.url).search}`);
  if (cursor) url.searchParams.set('_cursor', cursor);
  else url.searchParams.delete('_cursor');
  return url.toString();
}

/** Schedules of the page's slots and, iterating, their actors: doctor, role (site contained), site. */
function included(schedules: ScheduleRow[], params: SlotSearchParams, fhir: FhirContext): Resource[] {
  if (!params.includeSchedule) return [];
  const out: Resource[] = schedules.map((s) => toSchedule(s));
  if (!params.includeActors) return out;
  const doctors = new Map(schedules.map((s) => [s.rpps, s]));
  const sites = new Map(schedules.map((s) => [s.id, s]));
  out.push(...[...doctors.values()].map(toPractitioner));
  out.push(...schedules.map((s) => toPractitionerRole(s, fhir, { containLocation: true })));
  out.push(...[...sites.values()].map((s) => toLocation(s, fhir)));
  return out;
}

export async function slotSearchHandler(c: Context<AppEnv>) {
  const params = parseSlotSearch(new URL(c.req.url).searchParams);
  return rateLimited(
    { kind: 'search', zoneOf: (cc) => zoneOfSlotSearch(cc, params.filter) },
    (cc: Context<AppEnv>, _next: unknown) => search(cc, params),
  )(c, undefined);
}

async function search(c: Context<AppEnv>, params: SlotSearchParams) {
  const db = c.var.db;
  const q = { filter: params.filter, from: params.from, to: params.to, now: c.var.now };
  const [{ rows, hints }, total] = await Promise.all([
    searchFreeSlots(db, q, params.after, params.count + 1),
    countFreeSlots(db, q),
  ]);
  const page = rows.slice(0, params.count);
  const last = page[page.length - 1];
  const pairs = [...new Map(page.map((r) => [`${r.site_id}.${r.rpps}`, { siteId: r.site_id, rpps: r.rpps }])).values()];
  const schedules = params.includeSchedule ? await schedulesOf(db, pairs) : [];
  const fhir = fhirContext(c);
  return fhirJson(
    c,
    searchset(
      {
        total,
        self: pageUrl(c, c.req.query('_cursor')),
        next:
          rows.length > params.count
            ? pageUrl(c, encodeCursor([new Date(last.starts_at).toISOString(), last.id]))
            : undefined,
        matches: page.map((r) => toSlot(r, fhir)),
        included: included(schedules, params, fhir),
        outcome: hints && hintsOutcome(hints, fhir),
      },
      fhir,
      c.var.now,
    ),
  );
}
