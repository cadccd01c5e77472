// The breaking-change check on a contract with one field removed: Optic finds it on every operation
// that returns a booking, the check refuses it, and a CHANGELOG line quoting it lets it through.
// (That added operations and fields break nothing, CI's own check:contract shows on every run.)
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { intendedBreaks, opticReport, parseOpticReport, unacknowledged } from './contract-changes';

const root = new URL('..', import.meta.url).pathname;
const scratch = mkdtempSync(join(tmpdir(), 'mpdcv-contract-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** openapi.yaml with `edit` applied to its document, as a file of its own. */
function variant(name: string, edit: (doc: any) => void): string {
  const doc = parse(readFileSync(join(root, 'openapi.yaml'), 'utf8'));
  edit(doc);
  const file = join(scratch, `${name}.yaml`);
  writeFileSync(file, stringify(doc));
  return file;
}

describe('the breaking-change check of the contract', () => {
  it('finds a removed response field, and refuses it unless the changelog acknowledges it', async () => {
    const removed = variant('removed', (doc) => {
      delete doc.components.schemas.Booking.properties.reference;
      doc.components.schemas.Booking.required = doc.components.schemas.Booking.required.filter(
        (p: string) => p !== 'reference',
      );
    });
    const breaking = parseOpticReport(opticReport('openapi.yaml', removed, root));
    expect(breaking.length).toBeGreaterThan(3);
    expect(breaking).toContainEqual({
      operation: 'GET /v1/bookings/{id}',
      message: "cannot remove response property 'reference'",
    });
    expect(unacknowledged(breaking, intendedBreaks('## [Unreleased]\n\n- Something else.\n'))).toEqual(breaking);
    const acknowledged =
      "## [Unreleased]\n\n### Changed\n- Breaking (intended): cannot remove response property 'reference' (replaced by …)\n\n## [0.1.0]\n";
    expect(unacknowledged(breaking, intendedBreaks(acknowledged))).toEqual([]);
    // An acknowledgement in a released section does not count.
    expect(
      intendedBreaks(
        "## [Unreleased]\n\n## [0.1.0]\n- Breaking (intended): cannot remove response property 'reference'\n",
      ),
    ).toEqual([]);
  }, 120_000);
});
