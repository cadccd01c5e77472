// FHIR helpers for tests: base R4 validation by an independent validator (@medplum/core with the
// published R4 definitions, run in Node by the global setup: tests/setup/fhir-validator.ts), and a
// doctor with a name.
import { expect } from 'vitest';
import { regionCode, regionIso } from '../../src/domain/regions';
import { env } from './env';
import { randomRpps } from './fixtures';
import { sql } from './sql';
import { token } from './tokens';

/** Fails listing every problem when the resource is not valid base R4; returns it otherwise. */
export async function validR4<T>(resource: T): Promise<T> {
  const res = await fetch(env.TEST_FHIR_VALIDATOR, { method: 'POST', body: JSON.stringify(resource) });
  const verdict = await res.text();
  expect(verdict, JSON.stringify(resource).slice(0, 2000)).toBe('valid');
  return resource;
}

/** Each resource validated on its own (e.g. every line of an NDJSON file). */
export const allValidR4 = <T>(resources: T[]): Promise<T[]> => validR4(resources);

/** A doctor whose token carries given_name and family_name (as Pro Santé Connect's does). */
export async function namedDoctor(given = 'Claire', family = 'Martin') {
  const rpps = randomRpps();
  return {
    rpps,
    given,
    family,
    token: await token('doctor', { sub: `dr-${rpps}`, rpps, given_name: given, family_name: family }),
  };
}

export async function regionOf(insee: string) {
  const [row] = await sql<{ region: string }>('SELECT region FROM communes WHERE insee = $1', [insee]);
  return regionCode(row.region)!;
}

export async function isoOf(insee: string) {
  const [row] = await sql<{ region: string }>('SELECT region FROM communes WHERE insee = $1', [insee]);
  return regionIso(row.region)!;
}

/** The lines of an NDJSON body, each parsed on its own (an empty file has none; every line ends with \n). */
export function ndjsonLines(text: string): any[] {
  if (text === '') return [];
  if (!text.endsWith('\n')) throw new Error('an NDJSON file ends with a newline');
  return text
    .slice(0, -1)
    .split('\n')
    .map((line) => JSON.parse(line));
}
