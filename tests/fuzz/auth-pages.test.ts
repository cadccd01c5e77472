// The sign-in's page routes are not API operations (not in openapi.yaml), so the generated fuzzing
// does not reach them: these properties do. Whatever the query, cookie, origin or body, they answer
// a redirect or a French HTML page, never a 5xx, never a redirect off the site except to the
// provider, and a forged form never ends the session.
import { describe, expect, it } from 'vitest';
import { api } from '../helpers/api';
import { Browser, csrfOf, PUBLIC_ORIGIN } from '../helpers/browser';
import { encode, fc, hostileString, rawBodies } from './arbitraries';
import { RUNS, SEED } from './harness';

const client = api();
const PAGE_STATUSES = [200, 302, 303, 400, 401, 403, 413];

function expectPageAnswer(
  res: { status: number; headers: Headers; body: unknown },
  providerOrigin: string,
  label: string,
) {
  expect(PAGE_STATUSES, `${label} → ${res.status}`).toContain(res.status);
  const location = res.headers.get('location');
  if (location) {
    const target = new URL(location, PUBLIC_ORIGIN);
    expect([PUBLIC_ORIGIN, providerOrigin], `${label} → ${location}`).toContain(target.origin);
  } else if (res.status !== 413) {
    expect(res.headers.get('content-type'), label).toContain('text/html');
    expect(String(res.body), label).toContain('lang="fr"');
  }
}

describe('the sign-in routes under hostile input', () => {
  it('GET /connexion and /connexion/retour: a redirect or a French page, whatever the query and cookies', async () => {
    const start = await client.get('/connexion');
    const providerOrigin = new URL(start.headers.get('location')!).origin;
    const param = fc.oneof(
      hostileString,
      fc.constantFrom('', 'access_denied', providerOrigin, '/moi', '//evil.example', 'https://evil.example'),
    );
    const query = fc.dictionary(
      fc.constantFrom('retour', 'code', 'state', 'iss', 'error', 'error_description', 'session_state'),
      param,
      { maxKeys: 5 },
    );
    const cookie = fc.option(
      fc.tuple(
        fc.constantFrom('__Host-sign-in', '__Host-session', 'sign-in'),
        fc.oneof(hostileString, fc.constantFrom('eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0..a.b.c')),
      ),
      { nil: undefined },
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('/connexion', '/connexion/retour', '/moi'),
        query,
        cookie,
        async (path, params, jar) => {
          const search = Object.entries(params)
            .map(([k, v]) => `${k}=${encode(v)}`)
            .join('&');
          const headers: Record<string, string> = jar ? { cookie: `${jar[0]}=${encode(jar[1])}` } : {};
          const res = await client.request('GET', `${path}?${search}`, { headers });
          expectPageAnswer(res, providerOrigin, `GET ${path}?${search.slice(0, 200)}`);
        },
      ),
      { numRuns: RUNS, seed: SEED },
    );
  });

  it('POST /deconnexion: a forged or broken form never signs the person out and never 5xx', async () => {
    const browser = new Browser(client);
    await browser.signIn();
    const csrf = csrfOf((await browser.get('/moi')).body)!;
    const origin = fc.option(
      fc.constantFrom(
        'https://evil.example',
        'null',
        `${PUBLIC_ORIGIN}.evil.example`,
        'http://medecin-pres-de-chez-vous.sante.gouv.fr',
      ),
      { nil: undefined },
    );
    const form = fc.oneof(
      fc
        .dictionary(
          fc.constantFrom('csrf', 'csrf[]', 'CSRF', 'x'),
          fc.oneof(hostileString, fc.constant(`${csrf}x`), fc.constant(csrf.slice(1))),
          { maxKeys: 3 },
        )
        .map((f) => ({
          text: new URLSearchParams(Object.entries(f).map(([k, v]): [string, string] => [k, String(v)])).toString(),
          contentType: 'application/x-www-form-urlencoded',
        })),
      rawBodies(fc.constant({ csrf: `${csrf}x` })),
    );
    await fc.assert(
      fc.asyncProperty(origin, form, async (from, body) => {
        const headers: Record<string, string> = { cookie: browser.app.header() };
        if (from) headers.origin = from;
        if (body.contentType) headers['content-type'] = body.contentType;
        const res = await client.request('POST', '/deconnexion', { headers, rawBody: body.text });
        expect([403, 413], `${from} ${body.contentType} ${body.text.slice(0, 100)} → ${res.status}`).toContain(
          res.status,
        );
      }),
      { numRuns: RUNS, seed: SEED },
    );
    expect((await browser.get('/moi')).status).toBe(200);
  });
});
