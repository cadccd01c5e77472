// /ready over HTTP: the configuration (the rules of npm run check:config), the outbox Queue's
// producer binding and the database, each failure listed by name in a 503 problem, never a value.
import { describe, expect, it } from 'vitest';
import { api, type ApiResponse } from './helpers/api';
import { productionEnv } from './helpers/env';

function expectNotReady(res: ApiResponse, code: string) {
  expect(res.status, JSON.stringify(res.body)).toBe(503);
  expect(res.headers.get('content-type')).toContain('application/problem+json');
  expect(res.headers.get('retry-after')).toBe('5');
  expect(res.headers.get('cache-control')).not.toContain('public');
  expect(res.body).toMatchObject({ status: 503, code });
}

describe('GET /ready', () => {
  it('is 200 when the configuration, the Queue binding and the database are all there', async () => {
    const res = await api().get('/ready');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('names the database when it cannot be reached, with the code every route answers then', async () => {
    const res = await api({ env: { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/postgres' } }).get('/ready');
    expectNotReady(res, 'database_unavailable');
    expect(res.body.failed).toEqual([{ check: 'database' }]);
  });

  it('names a missing Queue binding', async () => {
    const res = await api({ env: { EVENTS: undefined } }).get('/ready');
    expectNotReady(res, 'not_ready');
    expect(res.body.failed).toEqual([{ check: 'queue' }]);
  });

  it('lists the settings a production configuration gets wrong by name, never their values', async () => {
    const staff = 'claire.lefevre@ars-test.example';
    const res = await api({ env: { ...productionEnv, ARS_ACCOUNTS: staff, SESSION_SECRET: undefined } }).get('/ready');
    expectNotReady(res, 'not_ready');
    const configuration = (res.body.failed as Array<{ check: string; settings?: string[] }>).find(
      (f) => f.check === 'configuration',
    );
    // The test's own settings a production deployment refuses, and the ones it lacks.
    expect(configuration?.settings).toEqual(
      expect.arrayContaining(['SESSION_SECRET', 'ARS_ACCOUNTS', 'JWT_DEV_JWKS', 'EXPOSE_DB_STATS', 'DATABASE_URL']),
    );
    const text = JSON.stringify(res.body);
    expect(text).not.toContain(staff);
    expect(text).not.toContain('127.0.0.1');
  });
});
