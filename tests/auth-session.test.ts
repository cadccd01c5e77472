// The session after signing in: its cookie's limits (idle and absolute, on the injected clock), a
// tampered cookie, the CSRF checks of page forms, signing out here and at the provider, and a
// signed-out session refused on the server to any copy of its cookie.
import { describe, expect, it } from 'vitest';
import { open, seal } from '../src/auth/sealed';
import { sessionCaller } from '../src/auth/caller';
import { callerKey } from '../src/lib/callers';
import { api } from './helpers/api';
import { Browser, csrfOf, PUBLIC_ORIGIN, setCookies } from './helpers/browser';
import { env } from './helpers/env';
import { sql } from './helpers/sql';

const MINUTE = 60_000;

/** A browser on an app whose clock the test moves. */
function clocked(start = new Date('2026-12-01T08:00:00Z')) {
  let now = start.getTime();
  const browser = new Browser(api({ now: () => new Date(now) }));
  return { browser, advance: (minutes: number) => (now += minutes * MINUTE) };
}

describe('the session', () => {
  it('ends after 30 minutes without a request, and says so', async () => {
    const { browser, advance } = clocked();
    expect((await browser.signIn()).status).toBe(303);
    advance(29);
    expect((await browser.get('/moi')).status).toBe(200);
    // Each request slides the idle limit.
    advance(29);
    expect((await browser.get('/moi')).status).toBe(200);
    advance(31);
    const expired = await browser.get('/moi');
    expect(expired.status).toBe(401);
    expect(expired.body).toContain('<h1>Votre session a expiré</h1>');
    expect(expired.body).toContain('href="/connexion?retour=%2Fmoi"');
    // The expired cookie is cleared: the next visit is simply signed out.
    expect((await browser.get('/moi')).status).toBe(303);
  });

  it('ends one hour after signing in, however active', async () => {
    const { browser, advance } = clocked();
    await browser.signIn();
    for (let minutes = 20; minutes < 60; minutes += 20) {
      advance(20);
      expect((await browser.get('/moi')).status, `${minutes} min`).toBe(200);
    }
    advance(21);
    expect((await browser.get('/moi')).status).toBe(401);
  });

  it('treats a tampered or foreign cookie as no session', async () => {
    const browser = new Browser(api());
    await browser.signIn();
    const value = browser.app.cookies.get('__Host-session')!;
    browser.app.cookies.set('__Host-session', `${value.slice(0, -4)}AAAA`);
    const res = await browser.get('/moi');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/connexion?retour=%2Fmoi');
    // A sealed sign-in transaction is not a session, though sealed with the same secret.
    const transaction = await seal(
      env.SESSION_SECRET!,
      'sign-in',
      { s: { sub: 'x' } },
      new Date(),
      new Date(Date.now() + MINUTE),
    );
    browser.app.cookies.set('__Host-session', transaction);
    expect((await browser.get('/moi')).status).toBe(303);
  });

  it('acts as a patient whose sub names the provider (fc:<pairwise sub>)', async () => {
    const browser = new Browser(api());
    await browser.signIn();
    const sealed = await open(env.SESSION_SECRET!, 'session', browser.app.cookies.get('__Host-session')!, new Date());
    if (!sealed.ok) throw new Error('session cookie did not open');
    const session = sealed.payload.s as Parameters<typeof sessionCaller>[0];
    expect(session.sub).toMatch(/^[0-9a-f]{64}$/);
    const caller = sessionCaller(session);
    expect(caller).toEqual({ role: 'patient', sub: `fc:${session.sub}` });
    expect(callerKey(caller)).toBe(`patient:fc:${session.sub}`);
  });
});

describe('the ID token’s nonce', () => {
  /** Signs in with the sign-in cookie re-sealed with `nonce` (the real one when undefined). */
  async function signInWithNonce(nonce?: string) {
    const browser = new Browser(api());
    const start = await browser.get('/connexion?retour=/moi');
    const opened = await open(env.SESSION_SECRET!, 'sign-in', browser.app.cookies.get('__Host-sign-in')!, new Date());
    if (!opened.ok) throw new Error('sign-in cookie did not open');
    const { iat: _iat, exp: _exp, ...transaction } = opened.payload;
    const resealed = await seal(
      env.SESSION_SECRET!,
      'sign-in',
      { ...transaction, nonce: nonce ?? transaction.nonce },
      new Date(),
      new Date(Date.now() + 5 * MINUTE),
    );
    browser.app.cookies.set('__Host-sign-in', resealed);
    const callback = await browser.chooseIdentity(start.headers.get('location')!);
    return browser.get(`${callback.pathname}${callback.search}`);
  }

  it('must be the one sent, even with the right state', async () => {
    // The control: the same re-sealing with the genuine nonce signs in.
    expect((await signInWithNonce()).status).toBe(303);
    const refused = await signInWithNonce('another-nonce-0123456789abcdef');
    expect(refused.status).toBe(400);
    expect(refused.body).toContain('<h1>La demande de connexion n’est pas valide</h1>');
  });
});

describe('page forms and signing out', () => {
  async function signedIn() {
    const browser = new Browser(api());
    await browser.signIn();
    const me = await browser.get('/moi');
    return { browser, csrf: csrfOf(me.body)! };
  }

  it('refuses a form without the session’s token, with a wrong one, or from another origin, in French', async () => {
    const { browser, csrf } = await signedIn();
    expect(csrf).toMatch(/^[\w-]{43}$/);
    const attempts: Array<[Record<string, string>, Record<string, string>]> = [
      [{}, {}],
      // A different first character (the last one carries padding bits, and may already be that letter).
      [{ csrf: `${csrf.startsWith('A') ? 'B' : 'A'}${csrf.slice(1)}` }, {}],
      [{ csrf }, { origin: 'https://evil.example' }],
      [{ csrf }, { origin: 'null' }],
    ];
    for (const [form, headers] of attempts) {
      const refused = await browser.post('/deconnexion', form, headers);
      expect(refused.status, JSON.stringify([form, headers])).toBe(403);
      expect(refused.body).toContain('<h1>Cette action n’a pas pu être vérifiée</h1>');
    }
    // A form posted with no Origin at all (and no Sec-Fetch-Site) is refused too.
    const noOrigin = await browser.client.request('POST', '/deconnexion', {
      headers: { cookie: browser.app.header(), 'content-type': 'application/x-www-form-urlencoded' },
      rawBody: `csrf=${csrf}`,
    });
    expect(noOrigin.status).toBe(403);
    // None of them signed the person out.
    expect((await browser.get('/moi')).status).toBe(200);
  });

  it('signs out here, then at the provider with the ID token as hint, and comes back home', async () => {
    const { browser, csrf } = await signedIn();
    const out = await browser.post('/deconnexion', { csrf });
    expect(out.status).toBe(303);
    const endSession = new URL(out.headers.get('location')!);
    expect(endSession.pathname).toBe('/session/end');
    expect(endSession.searchParams.get('id_token_hint')).toMatch(/^ey[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(endSession.searchParams.get('post_logout_redirect_uri')).toBe(`${PUBLIC_ORIGIN}/`);
    expect(setCookies(out.headers).join()).toMatch(/__Host-session=;/);
    expect((await browser.get('/moi')).status).toBe(303);

    const confirm = await browser.atProvider(endSession.toString());
    expect(confirm.status).toBe(200);
    const page = await confirm.text();
    expect(page).toContain('lang="fr"');
    const action = /<form[^>]*action="([^"]+)"/.exec(page)![1];
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(page)![1];
    const done = await browser.atProvider(new URL(action, endSession).toString(), {
      method: 'POST',
      form: { xsrf, logout: 'yes' },
    });
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toMatch(new RegExp(`^${PUBLIC_ORIGIN}/(\\?state=[\\w-]+)?$`));
  });

  it('sends a signed-out visitor home, and never 5xx on a POST with nothing', async () => {
    const browser = new Browser(api());
    const out = await browser.post('/deconnexion', {});
    expect(out.status).toBe(303);
    expect(out.headers.get('location')).toBe('/');
  });
});

describe('signing out ends the session on the server', () => {
  const COOKIE = '__Host-session';

  /** Another browser holding a copy of `browser`'s session cookie (copied from the disk, the network…). */
  function copyOf(browser: Browser): Browser {
    const copy = new Browser(browser.client);
    copy.app.cookies.set(COOKIE, browser.app.cookies.get(COOKIE)!);
    return copy;
  }

  async function sidOf(browser: Browser, now: Date): Promise<string> {
    const opened = await open(env.SESSION_SECRET!, 'session', browser.app.cookies.get(COOKIE)!, now);
    if (!opened.ok) throw new Error('session cookie did not open');
    return (opened.payload.s as { sid: string }).sid;
  }

  it('refuses a copy of the cookie after sign-out, and clears it; the check is one read per request', async () => {
    const { browser, advance } = clocked();
    await browser.signIn();
    const copy = copyOf(browser);
    const before = await copy.get('/moi');
    expect(before.status).toBe(200);
    // The cost of revocation: one primary-key read on a page that reads nothing else.
    expect(before.headers.get('x-db-queries')).toBe('1');
    const csrf = csrfOf((await browser.get('/moi')).body)!;
    advance(5);
    expect((await browser.post('/deconnexion', { csrf })).status).toBe(303);

    const after = await copy.get('/moi');
    expect(after.status).toBe(303);
    expect(after.headers.get('location')).toBe('/connexion?retour=%2Fmoi');
    expect(setCookies(after.headers).join()).toMatch(/__Host-session=;/);
    expect(copy.app.cookies.has(COOKIE)).toBe(false);
  });

  it('keeps it refused until the session’s absolute limit, then lets a later sign-out clear the row', async () => {
    const { browser, advance } = clocked();
    await browser.signIn();
    const sid = await sidOf(browser, new Date('2026-12-01T08:00:00Z'));
    const copy = copyOf(browser);
    advance(10);
    // The copy is used (and re-sealed, its idle limit slid) before the sign-out: still refused after.
    expect((await copy.get('/moi')).status).toBe(200);
    const csrf = csrfOf((await browser.get('/moi')).body)!;
    await browser.post('/deconnexion', { csrf });
    const [row] = await sql<{ until: Date }>('SELECT until FROM revoked_sessions WHERE sid = $1', [sid]);
    // One hour after signing in at 08:00: the patient's absolute limit, whatever the idle one.
    expect(new Date(row.until).toISOString()).toBe('2026-12-01T09:00:00.000Z');
    for (const minutes of [1, 15]) {
      advance(minutes);
      expect((await copy.get('/moi')).status, `${minutes} min later`).toBe(303);
    }

    // Past that limit the row is of no use: the next sign-out, anyone's, takes it away.
    advance(60);
    const other = new Browser(browser.client);
    await other.signIn();
    await other.post('/deconnexion', { csrf: csrfOf((await other.get('/moi')).body)! });
    expect(await sql('SELECT 1 FROM revoked_sessions WHERE sid = $1', [sid])).toEqual([]);
  });

  it('signing out twice, or with a session already ended, never fails', async () => {
    const { browser } = clocked();
    await browser.signIn();
    const copy = copyOf(browser);
    const csrf = csrfOf((await browser.get('/moi')).body)!;
    expect((await browser.post('/deconnexion', { csrf })).status).toBe(303);
    // The copy's own sign-out form: it is signed out already, so home, and nothing else.
    const again = await copy.post('/deconnexion', { csrf });
    expect(again.status).toBe(303);
    expect(again.headers.get('location')).toBe('/');
  });
});
