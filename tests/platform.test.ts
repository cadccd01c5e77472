import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import committedYaml from '../openapi.yaml?raw';
import { api } from './helpers/api';
import { bookableZone } from './helpers/fixtures';
import { token } from './helpers/tokens';

const client = api();
// A database nobody listens on.
const down = api({ env: { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/postgres' } });

describe('operations', () => {
  it('GET /health answers without the database', async () => {
    const res = await down.get('/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
    expect(res.headers.get('x-db-queries')).toBe('0');
  });

  it('GET /ready checks the database, and is a 503 problem when it is unreachable', async () => {
    expect((await client.get('/ready')).status).toBe(200);
    const res = await down.get('/ready');
    expect(res.status).toBe(503);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body).toMatchObject({ status: 503, code: 'database_unavailable' });
    expect(res.headers.get('retry-after')).toBe('5');
  });

  it('a data route with the database down is a 503 problem, not a 500', async () => {
    const res = await down.get('/v1/zones');
    expect(res.status).toBe(503);
    expect(res.body.code).toBe('database_unavailable');
  });
});

describe('errors', () => {
  it('unknown routes are 404 problems', async () => {
    const res = await client.get('/v1/nothing-here');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body).toMatchObject({
      type: expect.any(String),
      title: 'Not found',
      status: 404,
      detail: expect.any(String),
      code: 'not_found',
    });
  });

  it('oversized bodies are 413 problems', async () => {
    const res = await client.request('POST', '/v1/zones', {
      rawBody: 'x'.repeat(20_000),
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(413);
    expect(res.body.code).toBe('payload_too_large');
  });

  it('responses carry a request id and security headers', async () => {
    const res = await client.get('/health');
    expect(res.headers.get('x-request-id')).toBeTruthy();
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });
});

describe('OpenAPI', () => {
  it('the committed openapi.yaml is what the code generates (run `npm run openapi`)', async () => {
    const served = await client.get('/openapi.json');
    expect(served.status).toBe(200);
    expect(parse(committedYaml)).toEqual(served.body);
  });

  it('every operation declares who may call it (deny by default)', async () => {
    const { body } = await client.get('/openapi.json');
    for (const [path, operations] of Object.entries<Record<string, { 'x-roles'?: string[] }>>(body.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        expect(operation['x-roles'], `${method.toUpperCase()} ${path}`).toBeDefined();
      }
    }
  });
});

describe('configuration', () => {
  it('a malformed setting is a 503 problem where it is used, never a 500', async () => {
    const good = api({ now: new Date('2026-12-01T08:00:00Z') });
    const { slotIds } = await bookableZone(good);
    const broken = api({ now: new Date('2026-12-01T08:00:00Z'), env: { HOLD_MINUTES: 'soon' } });
    const res = await broken.post('/v1/holds', { slotId: slotIds[0] }, await token('patient'));
    expect(res.status).toBe(503);
    expect(res.body.code).toBe('misconfigured');
    expect((await broken.get('/health')).status).toBe(200);
  });
});
