// Signing in with FranceConnect through the local twin: the whole redirect dance, and every way it
// must refuse (tampered state, replayed callback, provider refusal, open redirect, no configuration).
import { describe, expect, it } from 'vitest';
import { api } from './helpers/api';
import { Browser, PUBLIC_ORIGIN, setCookies } from './helpers/browser';
import { env, productionEnv } from './helpers/env';
import { token } from './helpers/tokens';

const client = api();

describe('signing in with FranceConnect', () => {
  it('goes to the provider with code + PKCE S256, state, nonce and FranceConnect scopes, and comes back signed in', async () => {
    const browser = new Browser(client);
    const start = await browser.get('/connexion?retour=/reserver/abc%3Fx%3D1');
    expect(start.status).toBe(302);
    const authorize = new URL(start.headers.get('location')!);
    const params = authorize.searchParams;
    expect(params.get('response_type')).toBe('code');
    expect(params.get('code_challenge_method')).toBe('S256');
    expect(params.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(params.get('state')).toMatch(/^[\w-]{20,}$/);
    expect(params.get('nonce')).toMatch(/^[\w-]{20,}$/);
    expect(params.get('scope')!.split(' ')).toEqual(
      expect.arrayContaining(['openid', 'given_name', 'family_name', 'birthdate']),
    );
    expect(params.get('redirect_uri')).toBe('https://medecin-pres-de-chez-vous.sante.gouv.fr/connexion/retour');
    const signInCookie = setCookies(start.headers).join('\n');
    expect(signInCookie).toMatch(/HttpOnly/i);
    expect(signInCookie).toMatch(/SameSite=Lax/i);
    // Nothing of the transaction is readable in the cookie.
    expect(signInCookie).not.toContain(params.get('state')!);

    const callback = await browser.chooseIdentity(authorize.toString(), 'fc-demo-2');
    const back = await browser.get(`${callback.pathname}${callback.search}`);
    expect(back.status).toBe(303);
    expect(back.headers.get('location')).toBe('/reserver/abc?x=1');
    const sessionCookie = setCookies(back.headers).find((c) => c.startsWith('__Host-session='))!;
    expect(sessionCookie).toMatch(/HttpOnly/i);
    expect(sessionCookie).toMatch(/SameSite=Lax/i);
    expect(sessionCookie).toMatch(/Secure/i);
    expect(sessionCookie).not.toContain('Diaye');

    const me = await browser.get('/moi');
    expect(me.status).toBe(200);
    expect(me.headers.get('cache-control')).toBe('no-store');
    // The pages' own policy: scripts and styles of this origin only, framed by nobody.
    expect(me.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(me.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(me.body).toContain('lang="fr"');
    expect(me.body).toContain('<dd data-field="givenName">Jean-Émile</dd>');
    expect(me.body).toContain('<dd data-field="familyName">N’Diaye</dd>');
    expect(me.body).toContain('datetime="1948-03-03"');
  });

  it('refuses a callback whose state was tampered with, and spends the transaction', async () => {
    const browser = new Browser(client);
    const start = await browser.get('/connexion?retour=/moi');
    const callback = await browser.chooseIdentity(start.headers.get('location')!);
    callback.searchParams.set('state', 'forged-state-value-123456789');
    const refused = await browser.get(`${callback.pathname}${callback.search}`);
    expect(refused.status).toBe(400);
    expect(refused.body).toContain('<h1>La demande de connexion n’est pas valide</h1>');
    expect(setCookies(refused.headers).join()).not.toContain('__Host-session=ey');
    // The genuine callback cannot be used afterwards: the sign-in cookie is gone.
    callback.searchParams.set('state', new URL(start.headers.get('location')!).searchParams.get('state')!);
    const replay = await browser.get(`${callback.pathname}${callback.search}`);
    expect(replay.status).toBe(400);
    expect((await browser.get('/moi')).status).toBe(303);
  });

  it('refuses a callback from another browser (no sign-in cookie) and one answered to another sign-in', async () => {
    const first = new Browser(client);
    const start = await first.get('/connexion?retour=/moi');
    const callback = await first.chooseIdentity(start.headers.get('location')!);
    const stranger = new Browser(client);
    const noCookie = await stranger.get(`${callback.pathname}${callback.search}`);
    expect(noCookie.status).toBe(400);
    // The stranger started a sign-in of their own: the first browser's code does not match its state.
    await stranger.get('/connexion?retour=/moi');
    const crossed = await stranger.get(`${callback.pathname}${callback.search}`);
    expect(crossed.status).toBe(400);
    expect(crossed.body).toContain('Recommencer la connexion');
  });

  it('explains a refusal by the provider (access_denied) in French', async () => {
    const browser = new Browser(client);
    const start = await browser.get('/connexion?retour=/moi');
    const state = new URL(start.headers.get('location')!).searchParams.get('state')!;
    const issuer = new URL(start.headers.get('location')!).origin;
    const refused = await browser.get(
      `/connexion/retour?error=access_denied&state=${state}&iss=${encodeURIComponent(issuer)}`,
    );
    expect(refused.status).toBe(400);
    expect(refused.body).toContain('<h1>La connexion n’a pas abouti</h1>');
    expect(refused.body).toContain('href="/connexion?retour=%2Fmoi"');
  });

  it('never redirects to another site after signing in, whatever the path normalises to', async () => {
    const retours = [
      'https://evil.example/',
      '//evil.example/x',
      '/\\evil.example',
      '/.//evil.example/x',
      '/..//evil.example/x',
      '/%2e//evil.example/x',
      '/%2E%2e//evil.example/x',
      '/a/..//evil.example/x',
      '/./\\evil.example',
      '/%5C%5Cevil.example',
      '/%2F%2Fevil.example',
      '/\t//evil.example',
    ];
    for (const retour of retours) {
      const browser = new Browser(client);
      const back = await browser.signIn(retour);
      expect(back.status, retour).toBe(303);
      // Where the browser lands: the Location resolved against this site's own origin.
      const landing = new URL(back.headers.get('location')!, PUBLIC_ORIGIN);
      expect(landing.origin, retour).toBe(PUBLIC_ORIGIN);
    }
    // Sent as an already-encoded query (the form a link carries), the same paths still end here.
    for (const raw of ['%2F.%2F%2Fevil.example%2Fx', '/%2e%2e//evil.example', '%2F%252e%2F%2Fevil.example']) {
      const browser = new Browser(client);
      const start = await browser.get(`/connexion?retour=${raw}`);
      const callback = await browser.chooseIdentity(start.headers.get('location')!);
      const back = await browser.get(`${callback.pathname}${callback.search}`);
      expect(new URL(back.headers.get('location')!, PUBLIC_ORIGIN).origin, raw).toBe(PUBLIC_ORIGIN);
    }
  });

  it('fails closed, in French, when sign-in is not configured', async () => {
    for (const missing of ['FC_CLIENT_SECRET', 'FC_DISCOVERY_URL', 'SESSION_SECRET'] as const) {
      const unconfigured = api({ env: { [missing]: undefined } });
      const res = await unconfigured.request('GET', '/connexion?retour=/moi', { headers: { accept: 'text/html' } });
      expect(res.status, missing).toBe(503);
      expect(res.headers.get('content-type')).toContain('text/html');
      expect(res.body).toContain('<h1>La connexion est momentanément indisponible</h1>');
      expect(res.body).toContain('lang="fr"');
      expect(res.headers.get('location')).toBeNull();
    }
  });

  it('in production, refuses to start with a plain-http provider: a French 503 page, never a redirect to it', async () => {
    // The tests' identity twins are plain http: production refuses them (src/env.ts, productionRules).
    const production = api({ env: { ...productionEnv, FC_DISCOVERY_URL: env.FC_DISCOVERY_URL } });
    const res = await production.request('GET', '/connexion?retour=/moi', { headers: { accept: 'text/html' } });
    expect(res.status).toBe(503);
    expect(res.headers.get('location')).toBeNull();
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(res.body).toContain('<h1>Service momentanément indisponible</h1>');
    expect((await production.get('/v1/zones?limit=1')).body.code).toBe('misconfigured');
    // A provider left out closes its own sign-in only: the configuration itself is sound.
    const withoutFc = api({ env: { ...productionEnv, FC_DISCOVERY_URL: undefined } });
    const closed = await withoutFc.get('/connexion?retour=/moi');
    expect(closed.status).toBe(503);
    expect(closed.body).toContain('La connexion est momentanément indisponible');
    expect((await withoutFc.get('/v1/me', await token('patient'))).body.code).toBe('auth_unavailable');
  });

  it('says sign-in is unavailable when the provider cannot be reached', async () => {
    const unreachable = api({ env: { FC_DISCOVERY_URL: 'http://127.0.0.1:9/.well-known/openid-configuration' } });
    const res = await unreachable.get('/connexion?retour=/moi');
    expect(res.status).toBe(503);
    expect(res.body).toContain('La connexion est momentanément indisponible');
  });
});
