// An empty Slot search says where to look next, as the REST search does (nextAvailable,
// nextMissionDay): an OperationOutcome in the searchset (search.mode "outcome"), one issue of
// severity "information" per hint found, its value in `diagnostics`.
import type { SearchHints } from '../../core/slots/slots.queries';
import { toHints } from '../../core/slots/slots.presenters';
import type { FhirContext, Resource } from '../context';
import { searchHintSystem } from '../profiles';

const TEXT = {
  'next-available': 'No free slot in the searched period; the next free slot starts at this instant.',
  'next-mission-day': 'The next mission day of the searched doctors or zone, even a fully booked one.',
} as const;

export function hintsOutcome(hints: SearchHints, fhir: FhirContext): Resource | undefined {
  const { nextAvailable, nextMissionDay } = toHints(hints);
  const found = [
    ['next-available', nextAvailable],
    ['next-mission-day', nextMissionDay],
  ] as const;
  const issue = found
    .filter(([, value]) => value !== null)
    .map(([code, value]) => ({
      severity: 'information',
      code: 'informational',
      details: { coding: [{ system: searchHintSystem(fhir.base), code }], text: TEXT[code] },
      diagnostics: value,
    }));
  return issue.length ? { resourceType: 'OperationOutcome', id: crypto.randomUUID(), issue } : undefined;
}
