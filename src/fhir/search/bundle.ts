// A searchset Bundle: the matches, then what _include and _include:iterate asked for, then an
// OperationOutcome about the search when there is one (not a resource of this server: a urn:uuid).
import type { FhirContext, Resource } from '../context';
import { PROFILES } from '../profiles';

export interface SearchPage {
  total: number;
  self: string;
  next?: string;
  matches: Resource[];
  included: Resource[];
  outcome?: Resource;
}

const entry = (fhir: FhirContext, resource: Resource, mode: 'match' | 'include') => ({
  fullUrl: `${fhir.base}/${resource.resourceType}/${resource.id}`,
  resource,
  search: { mode },
});

export function searchset(page: SearchPage, fhir: FhirContext, now: Date) {
  return {
    resourceType: 'Bundle' as const,
    id: crypto.randomUUID(),
    meta: { profile: [...PROFILES.SearchBundle], lastUpdated: now.toISOString() },
    type: 'searchset',
    total: page.total,
    link: [{ relation: 'self', url: page.self }, ...(page.next ? [{ relation: 'next', url: page.next }] : [])],
    entry: [
      ...page.matches.map((r) => entry(fhir, r, 'match')),
      ...page.included.map((r) => entry(fhir, r, 'include')),
      ...(page.outcome
        ? [{ fullUrl: `urn:uuid:${page.outcome.id}`, resource: page.outcome, search: { mode: 'outcome' } }]
        : []),
    ],
  };
}
