// The TypeScript client in clients/typescript: its types are what openapi.yaml generates today
// (`npm run sdk`), and the compiler refuses the bodies the contract refuses (test/compile-fail.ts:
// a booking with neither slotId nor holdId, without noOverbilling: true, without Idempotency-Key).
// Its journey against `npm start` is in scripts/start.test.ts.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = new URL('..', import.meta.url).pathname;
const scratch = mkdtempSync(join(tmpdir(), 'mpdcv-sdk-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('the TypeScript client', () => {
  it('is generated from the committed contract (run `npm run sdk` after `npm run openapi`)', async () => {
    const fresh = join(scratch, 'schema.d.ts');
    await run(join(root, 'node_modules/.bin/openapi-typescript'), ['openapi.yaml', '-o', fresh], { cwd: root });
    expect(
      readFileSync(join(root, 'clients/typescript/src/schema.d.ts'), 'utf8') === readFileSync(fresh, 'utf8'),
      'clients/typescript/src/schema.d.ts is stale',
    ).toBe(true);
  }, 60_000);

  it('type-checks, and a booking body the contract refuses does not (each @ts-expect-error is used)', async () => {
    const result = await run(join(root, 'node_modules/.bin/tsc'), ['-p', 'clients/typescript/tsconfig.json'], {
      cwd: root,
    }).then(
      () => '',
      (error: { stdout: string }) => error.stdout,
    );
    expect(result).toBe('');
  }, 120_000);
});
