// The breaking-change check of the contract: Optic (a maintained OpenAPI diff, run offline) compares
// openapi.yaml with the contract of the last release, contract/openapi.released.yaml. Each breaking
// change it finds must be acknowledged in CHANGELOG.md's [Unreleased] section, on a line
// "Breaking (intended): …" that quotes Optic's message; otherwise the check fails.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface BreakingChange {
  operation: string;
  message: string;
}

/** Optic's text report → its failed checks, each under the operation it was found in. */
export function parseOpticReport(report: string): BreakingChange[] {
  const found: BreakingChange[] = [];
  let operation = '';
  for (const line of report.split('\n')) {
    const op = /^x ((?:GET|PUT|POST|DELETE|PATCH|HEAD|OPTIONS|TRACE) \S+):/.exec(line);
    if (op) operation = op[1];
    const failed = /^\s+x \[[^\]]+\] (.+?)\.?(?: This is a breaking change\.)?$/.exec(line);
    if (failed) found.push({ operation, message: failed[1].replace(/\. This is a breaking change$/, '') });
  }
  return found;
}

/** The messages CHANGELOG.md's [Unreleased] section acknowledges as intended breaking changes. */
export function intendedBreaks(changelog: string): string[] {
  const unreleased = changelog.split(/^## /m).find((part) => part.startsWith('[Unreleased]')) ?? '';
  return [...unreleased.matchAll(/Breaking \(intended\): (.+)$/gm)].map((m) => m[1].trim());
}

/** The breaking changes no acknowledgement quotes. */
export const unacknowledged = (changes: BreakingChange[], intended: string[]) =>
  changes.filter((c) => !intended.some((text) => text.includes(c.message)));

/** Runs Optic on the two files; its text report (it exits 1 when a check fails). */
export function opticReport(base: string, head: string, cwd: string): string {
  const optic = fileURLToPath(new URL('../node_modules/.bin/optic', import.meta.url));
  // Without CI set: under it, Optic writes ci-run-details.json into the working tree.
  const { CI: _ci, ...env } = process.env;
  const run = spawnSync(optic, ['diff', base, head, '--check'], {
    cwd,
    encoding: 'utf8',
    env: { ...env, OPTIC_TELEMETRY_LEVEL: 'none' },
  });
  if (run.error) throw run.error;
  const report = `${run.stdout}${run.stderr}`;
  if (run.status !== 0 && run.status !== 1) throw new Error(`optic failed (${run.status}): ${report.slice(0, 2000)}`);
  return report;
}
