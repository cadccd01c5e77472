// Production fails closed: a setting that would send tokens, identities or patients' data in clear
// text, or through the local database proxy, stops the service (503 misconfigured) on every door.
// The log line names the setting; the public answer stays generic (it tells a caller nothing of
// the deployment).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { HTTPS_IN_PRODUCTION, type Env } from '../src/env';
import { api } from './helpers/api';
import { env, productionEnv } from './helpers/env';
import { token } from './helpers/tokens';

const plainHttp: Record<(typeof HTTPS_IN_PRODUCTION)[number], string> = {
  JWT_JWKS_URL: 'http://auth.example/jwks.json',
  FC_DISCOVERY_URL: 'http://fc.example/api/v2/.well-known/openid-configuration',
  PROCONNECT_DISCOVERY_URL: 'http://proconnect.example/.well-known/openid-configuration',
  PSC_DISCOVERY_URL: 'http://psc.example/.well-known/openid-configuration',
  MESSAGES_API_URL: 'http://api.brevo.example/v3',
  PUBLIC_URL: 'http://medecin-pres-de-chez-vous.example',
};

/** The `misconfigured` log lines a request wrote. */
async function misconfiguredLines(request: () => Promise<unknown>): Promise<string[]> {
  const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
  await request();
  return errors.mock.calls.map((call) => String(call[0])).filter((line) => line.includes('"misconfigured"'));
}

afterEach(() => vi.restoreAllMocks());

describe('production refuses unsafe settings', () => {
  const refused: Array<[string, Partial<Env>]> = [
    ...HTTPS_IN_PRODUCTION.map((name): [string, Partial<Env>] => [name, { [name]: plainHttp[name] }]),
    ['DB_PROXY', { DB_PROXY: '127.0.0.1:5433' }],
  ];

  it.each(refused)('%s: 503 misconfigured on the API, FHIR and the pages; the log names it', async (name, unsafe) => {
    const production = api({ env: { ...productionEnv, ...unsafe } });
    let answers: Array<{ status: number; body: any; headers: Headers }> = [];
    const lines = await misconfiguredLines(async () => {
      answers = [
        await production.get('/v1/zones?limit=1'),
        await production.get('/v1/me', await token('patient')),
        await production.request('GET', `/fhir/Slot/${crypto.randomUUID()}`, {
          headers: { accept: 'application/fhir+json' },
        }),
        await production.request('GET', '/recherche?commune=Gu%C3%A9ret', { headers: { accept: 'text/html' } }),
      ];
    });
    for (const res of answers) expect(res.status).toBe(503);
    const [zones, me, fhir, page] = answers;
    for (const problem of [zones.body, me.body]) {
      expect(problem.code).toBe('misconfigured');
      expect(JSON.stringify(problem)).not.toContain(name);
    }
    expect(fhir.body.resourceType).toBe('OperationOutcome');
    expect(page.body).toContain('Service momentanément indisponible');
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line).toContain(`${name}: production requires`);
    // The value itself never reaches the log.
    expect(lines.join('\n')).not.toContain(Object.values(unsafe)[0]);
  });

  it('names every unsafe setting at once, so one deploy fixes them all', async () => {
    const production = api({
      env: {
        ...productionEnv,
        DB_PROXY: '127.0.0.1:5433',
        MESSAGES_API_URL: plainHttp.MESSAGES_API_URL,
        JWT_JWKS_URL: undefined,
      },
    });
    const [line] = await misconfiguredLines(() => production.get('/v1/zones?limit=1'));
    for (const name of ['DB_PROXY', 'MESSAGES_API_URL', 'JWT_JWKS_URL']) expect(line).toContain(name);
  });

  it('a deployment that does not say where it runs is production', async () => {
    const unsaid = api({ env: { ENVIRONMENT: undefined } });
    expect((await unsaid.get('/v1/zones?limit=1')).body.code).toBe('misconfigured');
  });

  it('local runs keep their plain-http twins and the proxy (development and test)', async () => {
    for (const ENVIRONMENT of ['development', 'test'] as const) {
      const local = api({ env: { ENVIRONMENT, JWT_JWKS_URL: undefined } });
      expect(env.DB_PROXY).toBeTruthy();
      expect(env.FC_DISCOVERY_URL).toMatch(/^http:/);
      expect((await local.get('/v1/zones?limit=1')).status, ENVIRONMENT).toBe(200);
      expect((await local.get('/v1/me', await token('patient'))).status, ENVIRONMENT).toBe(200);
    }
  });

  it('a production configuration with every address over https is accepted', async () => {
    const production = api({ env: productionEnv });
    // Past the configuration: the key set (port 9, nothing there) cannot be fetched.
    expect((await production.get('/v1/me', await token('patient'))).body.code).toBe('auth_unavailable');
  });
});
