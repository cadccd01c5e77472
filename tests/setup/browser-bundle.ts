// The browser project's own global setup: the worker bundled once for the run (wrangler deploy
// --dry-run, 2.5 s, more under load), which every browser file's world then starts in workerd.
// Only runs that include browser files pay for it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { bundleWorker } from '../../scripts/local-worker';

let dir: string | undefined;

export async function setup(project: TestProject) {
  dir = mkdtempSync(join(tmpdir(), 'mpdcv-browser-bundle-'));
  project.provide('workerBundle', JSON.stringify(await bundleWorker(dir)));
}

export function teardown() {
  if (dir) rmSync(dir, { recursive: true, force: true });
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** The worker's bundle for the browser tests' worlds (scripts/local-worker.ts WorkerBundle, JSON). */
    workerBundle: string;
  }
}
