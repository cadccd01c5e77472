// The Slot search's parameters, as the SAS aggregator sends them (start=ge…&start=le…&status=free&
// schedule.actor:Practitioner.identifier=urn:oid:1.2.250.1.71.4.2.1|8<RPPS>,… up to 25), or by
// zone (EPCI SIREN) or postcode for portals. A refusal is a 400 listing each offending parameter.
import type { SlotSearchFilter } from '../../core/publication/slot-search.queries';
import { zonedInstant } from '../../domain/time';
import { decodeCursor } from '../../lib/openapi';
import { problem, validationFailed } from '../../domain/problem';
import { RPPS_SYSTEM } from '../profiles';

export const PRACTITIONER_PARAM = 'schedule.actor:Practitioner.identifier';
export const POSTCODE_PARAM = 'schedule.actor:Location.address-postalcode';
export const ZONE_PARAM = 'zone';
export const MAX_PRACTITIONERS = 25;
const MAX_DAYS = 92;
const DEFAULT_COUNT = 50;
const MAX_COUNT = 200;

export interface SlotSearchParams {
  filter: SlotSearchFilter;
  from: Date;
  to: Date;
  count: number;
  after?: [string, string];
  includeSchedule: boolean;
  includeActors: boolean;
}

type Errors = { field: string; message: string }[];

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/** A FHIR date or dateTime; a date alone is the start (ge) or the end (le) of that day in Paris. */
function instantOf(value: string, bound: 'ge' | 'le'): Date | undefined {
  const year = Number(value.slice(0, 4));
  if (!(year >= 2000 && year <= 2100)) return undefined;
  if (DATE.test(value)) {
    const start = zonedInstant(value, '00:00', 'Europe/Paris');
    if (Number.isNaN(start.getTime())) return undefined;
    return bound === 'ge' ? start : new Date(zonedInstant(value, '23:59', 'Europe/Paris').getTime() + 59_999);
  }
  const t = DATE_TIME.test(value) ? new Date(value) : undefined;
  return t && !Number.isNaN(t.getTime()) ? t : undefined;
}

function startBounds(values: string[], errors: Errors) {
  const bounds: Partial<Record<'ge' | 'le', Date>> = {};
  for (const value of values) {
    const prefix = value.slice(0, 2);
    const at = prefix === 'ge' || prefix === 'le' ? instantOf(value.slice(2), prefix) : undefined;
    if (!at || bounds[prefix as 'ge' | 'le'])
      errors.push({
        field: 'start',
        message: 'give start=ge<date or dateTime> and start=le<date or dateTime>, once each',
      });
    else bounds[prefix as 'ge' | 'le'] = at;
  }
  if (!bounds.ge || !bounds.le) errors.push({ field: 'start', message: 'both start=ge… and start=le… are required' });
  return bounds;
}

function practitioners(value: string, errors: Errors): string[] {
  const rpps: string[] = [];
  for (const token of value.split(',')) {
    const [system, id, ...rest] = token.split('|');
    const match = /^8(\d{11})$/.exec(id ?? '');
    if (system !== RPPS_SYSTEM || !match || rest.length) {
      errors.push({
        field: PRACTITIONER_PARAM,
        message: `each value is ${RPPS_SYSTEM}|8 followed by the 11-digit RPPS`,
      });
      return [];
    }
    rpps.push(match[1]);
  }
  if (rpps.length > MAX_PRACTITIONERS)
    errors.push({ field: PRACTITIONER_PARAM, message: `at most ${MAX_PRACTITIONERS} practitioners per search` });
  return [...new Set(rpps)];
}

function filterOf(query: URLSearchParams, errors: Errors): SlotSearchFilter | undefined {
  const given = [PRACTITIONER_PARAM, ZONE_PARAM, POSTCODE_PARAM].filter((p) => query.has(p));
  if (given.length !== 1 || query.getAll(given[0]).length !== 1) {
    errors.push({
      field: PRACTITIONER_PARAM,
      message: `give exactly one of ${PRACTITIONER_PARAM}, ${ZONE_PARAM} or ${POSTCODE_PARAM}, once`,
    });
    return undefined;
  }
  const value = query.get(given[0])!;
  if (given[0] === PRACTITIONER_PARAM) return { rpps: practitioners(value, errors) };
  if (given[0] === ZONE_PARAM) {
    if (/^\d{9}$/.test(value)) return { epci: value };
    errors.push({ field: ZONE_PARAM, message: 'an EPCI SIREN: 9 digits' });
    return undefined;
  }
  if (/^\d{5}$/.test(value)) return { postcode: value };
  errors.push({ field: POSTCODE_PARAM, message: 'a postcode: 5 digits' });
  return undefined;
}

export function parseSlotSearch(query: URLSearchParams): SlotSearchParams {
  const errors: Errors = [];
  const status = query.getAll('status');
  if (status.length !== 1 || status[0] !== 'free')
    errors.push({ field: 'status', message: 'status=free is required: only free slots are searched' });
  const bounds = startBounds(query.getAll('start'), errors);
  const filter = filterOf(query, errors);
  const countText = query.get('_count');
  const count = countText === null ? DEFAULT_COUNT : Number(countText);
  if (!Number.isInteger(count) || count < 1 || count > MAX_COUNT || !/^\d+$/.test(countText ?? '1'))
    errors.push({ field: '_count', message: `1 to ${MAX_COUNT}` });
  const includes = query.getAll('_include');
  const iterate = query.getAll('_include:iterate');
  if (includes.some((i) => i !== 'Slot:schedule'))
    errors.push({ field: '_include', message: 'only Slot:schedule is supported' });
  if (iterate.some((i) => i !== 'Schedule:actor'))
    errors.push({ field: '_include:iterate', message: 'only Schedule:actor is supported' });
  // FHIR names a search's HTTP parameters http.<name> in an OperationOutcome.
  if (errors.length) throw validationFailed(errors.map((e) => ({ ...e, field: `http.${e.field}` })));
  const { ge, le } = bounds as { ge: Date; le: Date };
  if (le < ge) throw problem('invalid_range', 'start=le… comes before start=ge….');
  if (le.getTime() - ge.getTime() > MAX_DAYS * 86_400_000)
    throw problem('range_too_long', `A search covers at most ${MAX_DAYS} days.`);
  const cursor = query.get('_cursor');
  return {
    filter: filter!,
    from: ge,
    to: le,
    count,
    after: cursor === null ? undefined : decodeCursor(cursor, ['instant', 'uuid']),
    includeSchedule: includes.length > 0,
    includeActors: includes.length > 0 && iterate.length > 0,
  };
}
