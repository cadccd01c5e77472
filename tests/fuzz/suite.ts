// One fuzz file per group of operations, so that vitest runs the groups in parallel.
import { afterAll, beforeAll, describe, it } from 'vitest';
import { RUNS, SEED, fuzz, groupOf, operations } from './harness';
import { buildWorld, type World } from './world';

export function fuzzGroup(group: ReturnType<typeof groupOf>) {
  const codesSeen = new Set<string>();
  let world: World;
  beforeAll(async () => {
    world = await buildWorld(`${group}-${crypto.randomUUID().slice(0, 8)}`);
  }, 60_000);
  afterAll(() => console.info(`fuzz ${group} (seed ${SEED}): ${[...codesSeen].sort().join(', ')}`));

  describe(`fuzzing ${group} (seed ${SEED}, ${RUNS} requests per operation)`, () => {
    for (const op of operations.filter((o) => groupOf(o) === group)) {
      it(
        `${op.method} ${op.path}: no 5xx, problem+json with a catalogued code, no row changed by a 4xx`,
        () => fuzz(op, world, codesSeen),
        600_000,
      );
    }
  });
}
