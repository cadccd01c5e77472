// npm run check:contract: fails when openapi.yaml breaks the released contract without saying so in
// CHANGELOG.md (scripts/contract-changes.ts). A release copies openapi.yaml to
// contract/openapi.released.yaml.
import { readFileSync } from 'node:fs';
import { intendedBreaks, opticReport, parseOpticReport, unacknowledged } from './contract-changes';

const root = new URL('..', import.meta.url).pathname;
const changes = parseOpticReport(opticReport('contract/openapi.released.yaml', 'openapi.yaml', root));
const missing = unacknowledged(changes, intendedBreaks(readFileSync(`${root}CHANGELOG.md`, 'utf8')));
if (missing.length) {
  console.error('Breaking changes to the contract that CHANGELOG.md does not acknowledge:');
  for (const m of new Set(missing.map((c) => c.message))) {
    const ops = missing.filter((c) => c.message === m).map((c) => c.operation);
    console.error(`- ${m} (${ops.length} operation(s): ${ops.slice(0, 3).join(', ')}${ops.length > 3 ? ', …' : ''})`);
  }
  console.error(
    'Make the change compatible (docs/integrators.md, Versioning), or add to [Unreleased] a line "Breaking (intended): <the message above>".',
  );
  process.exit(1);
}
console.log(
  `Contract: ${changes.length ? `${changes.length} breaking change(s), each acknowledged in CHANGELOG.md` : 'no breaking change'} against contract/openapi.released.yaml.`,
);
