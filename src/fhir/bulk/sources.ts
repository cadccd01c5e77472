// The four published resource types, each a keyset-paged query of one region and its mapping.
import { schedulesPage, sitesPage, slotsPage, type Window } from '../../core/publication/publication.queries';
import type { FhirContext } from '../context';
import { toLocation } from '../resources/location';
import { toPractitionerRole } from '../resources/practitioner';
import { toSchedule } from '../resources/schedule';
import { toSlot } from '../resources/slot';
import type { PagedSource } from './ndjson-stream';

export const BULK_TYPES = ['Location', 'PractitionerRole', 'Schedule', 'Slot'] as const;
export type BulkType = (typeof BULK_TYPES)[number];

// biome-ignore lint/suspicious/noExplicitAny: each bulk type pages its own row and key types; the caller only streams them
export function sourceOf(type: BulkType, region: string, window: Window, fhir: FhirContext): PagedSource<any, any> {
  switch (type) {
    case 'Location':
      return {
        page: (db, after, limit) => sitesPage(db, region, after, limit),
        keyOf: (r) => r.id,
        render: (r) => toLocation(r, fhir),
      };
    case 'PractitionerRole':
    case 'Schedule':
      return {
        page: (db, after, limit) => schedulesPage(db, region, window, after, limit),
        keyOf: (r) => [r.id, r.rpps],
        render:
          type === 'Schedule'
            ? (r) => toSchedule(r, { bulk: true })
            : (r) => toPractitionerRole(r, fhir, { bulk: true }),
      };
    case 'Slot':
      return {
        page: (db, after, limit) => slotsPage(db, region, window, after, limit),
        keyOf: (r) => [r.mission_id, r.id],
        render: (r) => toSlot(r, fhir, { bulk: true }),
      };
  }
}
