// wrangler.toml sends the API's paths to the Worker before any static-file lookup
// (assets.run_worker_first): every path of the contract and of the FHIR door must be listed, and no
// static file may lie under a listed path, or it would never be served.
import { describe, expect, it } from 'vitest';
import spec from '../openapi.yaml?raw';
import wrangler from '../wrangler.toml?raw';

const staticFiles = Object.keys(
  import.meta.glob<string>('../public/**/*', { query: '?url', import: 'default', eager: true }),
).map((f) => f.replace(/^\.\.\/public/, ''));

function workerFirst(): string[] {
  const line = /^run_worker_first = (\[.*\])$/m.exec(wrangler);
  expect(line, 'assets.run_worker_first in wrangler.toml').not.toBeNull();
  return JSON.parse(line![1]) as string[];
}

/** Cloudflare's rule: a trailing `/*` matches everything below that prefix; otherwise the exact path. */
const matches = (pattern: string, path: string) =>
  pattern.endsWith('/*') ? path.startsWith(pattern.slice(0, -1)) : path === pattern;

describe('static assets and the Worker', () => {
  const patterns = workerFirst();
  const apiPaths = [...spec.matchAll(/^ {2}(\/\S*):$/gm)].map((m) => m[1].replace(/\{[^}]+\}/g, 'x'));

  it('the Worker answers every API path first, without an asset lookup', () => {
    expect(apiPaths.length).toBeGreaterThan(30);
    for (const path of [...apiPaths, '/fhir/metadata', '/fhir/Slot', '/openapi.json']) {
      expect(
        patterns.some((p) => matches(p, path)),
        path,
      ).toBe(true);
    }
  });

  it('no static file lies under a path the Worker takes first', () => {
    expect(staticFiles.length).toBeGreaterThan(0);
    for (const file of staticFiles)
      expect(
        patterns.filter((p) => matches(p, file)),
        file,
      ).toEqual([]);
  });
});
