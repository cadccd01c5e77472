// The staff's sign-in: agents and ARS staff through ProConnect, doctors through Pro Santé Connect
// (local twins), each let into their own space only; everyone else refused or sent elsewhere.
import { describe, expect, it } from 'vitest';
import { api } from './helpers/api';
import { Browser, setCookies } from './helpers/browser';
import { randomRpps } from './helpers/fixtures';

const client = api();

async function signedIn(retour: string, account: string, provider: 'fc' | 'proconnect' | 'psc') {
  const browser = new Browser(client);
  const back = await browser.signIn(retour, account, provider);
  expect(back.status, back.body).toBe(303);
  expect(back.headers.get('location')).toBe(retour);
  return browser;
}

describe('staff spaces and their sign-in', () => {
  it('sends a signed-out person to the space’s own federation, and back to the page asked for', async () => {
    const browser = new Browser(client);
    for (const [path, provider] of [
      ['/agent', 'proconnect'],
      ['/medecin', 'psc'],
      ['/ars', 'proconnect'],
    ] as const) {
      const res = await browser.get(`${path}?x=1`);
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe(
        `/connexion?fournisseur=${provider}&retour=${encodeURIComponent(`${path}?x=1`)}`,
      );
    }
    const start = await browser.get('/connexion?fournisseur=psc&retour=/medecin');
    expect(start.status).toBe(302);
    const authorize = new URL(start.headers.get('location')!);
    expect(authorize.searchParams.get('scope')).toBe('openid scope_all');
    expect(authorize.searchParams.get('acr_values')).toBe('eidas1');
    const proconnect = new URL(
      (await browser.get('/connexion?fournisseur=proconnect&retour=/agent')).headers.get('location')!,
    );
    expect(proconnect.origin).not.toBe(authorize.origin);
    expect(proconnect.searchParams.get('scope')!.split(' ')).toEqual(
      expect.arrayContaining(['openid', 'email', 'usual_name']),
    );
  });

  it('refuses an unknown federation', async () => {
    const res = await new Browser(client).get('/connexion?fournisseur=autre&retour=/agent');
    expect(res.status).toBe(400);
    expect(res.body).toContain('lang="fr"');
  });

  it('lets an agent into the call-centre space only', async () => {
    const agent = await signedIn('/agent', 'pc-agent-1', 'proconnect');
    const home = await agent.get('/agent');
    expect(home.status).toBe(200);
    expect(home.body).toContain('Nadia Benali');
    expect(home.headers.get('cache-control')).toBe('no-store');
    for (const other of ['/medecin', '/ars']) {
      const res = await agent.get(other);
      expect(res.status).toBe(403);
      expect(res.body).toContain('href="/agent"');
    }
    // The patient pages see no patient: signing in there would be FranceConnect's.
    const mine = await agent.get('/mes-rendez-vous');
    expect(mine.status).toBe(200);
    expect(mine.body).toContain('class="fr-connect" href="/connexion?retour=%2Fmes-rendez-vous"');
  });

  it('lets ARS staff into the ARS space only', async () => {
    const ars = await signedIn('/ars', 'pc-ars-1', 'proconnect');
    expect((await ars.get('/ars')).status).toBe(200);
    expect((await ars.get('/agent')).status).toBe(403);
    expect((await ars.get('/medecin')).status).toBe(403);
  });

  it('refuses a ProConnect account on neither list, and a health professional who is not a doctor', async () => {
    for (const [account, provider] of [
      ['pc-stranger-1', 'proconnect'],
      ['psc-pharmacist-1', 'psc'],
    ] as const) {
      const browser = new Browser(client);
      const back = await browser.signIn('/agent', account, provider);
      expect(back.status).toBe(403);
      expect(back.body).toContain('n’a pas accès à cet espace');
      expect(setCookies(back.headers).some((c) => c.startsWith('__Host-session=') && !/max-age=0/i.test(c))).toBe(
        false,
      );
      expect((await browser.get('/agent')).status).toBe(303);
    }
  });

  it('signs a doctor in with the RPPS Pro Santé Connect carries, never typed in', async () => {
    const doctor = await signedIn('/medecin', 'psc-doctor-1', 'psc');
    const home = await doctor.get('/medecin');
    expect(home.status).toBe(200);
    expect(home.body).toContain('Dr Hélène Marchand');
    const me = await doctor.get('/moi');
    expect(me.body).toContain('Pro Santé Connect');
    expect(me.body).toContain('10101234567');
    expect((await doctor.get('/agent')).status).toBe(403);

    const rpps = randomRpps();
    const fresh = await signedIn('/medecin', `rpps-${rpps}`, 'psc');
    expect((await fresh.get('/moi')).body).toContain(rpps);
  });

  it('keeps patients out of every staff space', async () => {
    const patient = await signedIn('/mes-rendez-vous', 'fc-demo-1', 'fc');
    for (const space of ['/agent', '/medecin', '/ars']) {
      const res = await patient.get(space);
      expect(res.status).toBe(403);
      expect(res.body).toContain('href="/mes-rendez-vous"');
    }
    expect((await patient.get('/mes-rendez-vous')).status).toBe(200);
  });

  it('lasts a working day for staff: an hour idle, ten hours in all', async () => {
    let now = new Date('2026-12-01T07:00:00Z').getTime();
    const doctor = new Browser(api({ now: () => new Date(now) }));
    expect((await doctor.signIn('/medecin', `rpps-${randomRpps()}`, 'psc')).status).toBe(303);
    // Between two patients: longer than a patient's 30 minutes.
    now += 55 * 60_000;
    expect((await doctor.get('/moi')).status).toBe(200);
    // Active all day (55 + 10 × 50 = 555 minutes), then past ten hours however active.
    for (let step = 1; step <= 10; step++) {
      now += 50 * 60_000;
      expect((await doctor.get('/moi')).status, `step ${step}`).toBe(200);
    }
    now += 50 * 60_000;
    expect((await doctor.get('/moi')).status).toBe(401);

    const idle = new Browser(api({ now: () => new Date(now) }));
    await idle.signIn('/agent', 'pc-agent-1', 'proconnect');
    now += 61 * 60_000;
    expect((await idle.get('/moi')).status).toBe(401);
  });
});

describe('staff taken off the service’s lists', () => {
  const COOKIE = '__Host-session';

  /** The same session cookie, sent to a deployment whose lists are `lists`. */
  function under(lists: { AGENT_ACCOUNTS?: string; ARS_ACCOUNTS?: string }, from: Browser): Browser {
    const browser = new Browser(api({ env: lists }));
    browser.app.cookies.set(COOKIE, from.app.cookies.get(COOKIE)!);
    return browser;
  }

  it('lose their session at their next request, for good (putting them back does not revive it)', async () => {
    const agent = await signedIn('/agent', 'pc-agent-1', 'proconnect');
    const copy = new Browser(client);
    copy.app.cookies.set(COOKIE, agent.app.cookies.get(COOKIE)!);
    // Another address of the domain stays: the list no longer admits this one.
    const removed = under({ AGENT_ACCOUNTS: 'someone.else@appel.sante.gouv.fr' }, agent);
    const next = await removed.get('/agent/creneaux');
    expect(next.status).toBe(303);
    expect(next.headers.get('location')).toBe('/connexion?fournisseur=proconnect&retour=%2Fagent%2Fcreneaux');
    expect(setCookies(next.headers).join()).toMatch(/__Host-session=;/);
    // Back on the list, the old cookie (any copy of it) still opens nothing: the person signs in again.
    expect((await copy.get('/agent')).status).toBe(303);
    expect((await agent.get('/moi')).status).toBe(303);
    expect((await signedIn('/agent', 'pc-agent-1', 'proconnect').then((again) => again.get('/agent'))).status).toBe(
      200,
    );
  });

  it('lose it too when moved to the other list (the role held is the one signed in with)', async () => {
    const ars = await signedIn('/ars', 'pc-ars-1', 'proconnect');
    const moved = under({ AGENT_ACCOUNTS: 'claire.lefevre@ars.sante.fr', ARS_ACCOUNTS: '' }, ars);
    expect((await moved.get('/agent')).status).toBe(303);
    expect((await ars.get('/ars')).status).toBe(303);
  });

  it('the lists are ProConnect’s only: doctors and patients keep their sessions', async () => {
    const doctor = await signedIn('/medecin', `rpps-${randomRpps()}`, 'psc');
    const patient = await signedIn('/moi', 'fc-demo-1', 'fc');
    for (const browser of [doctor, patient])
      expect((await under({ AGENT_ACCOUNTS: '', ARS_ACCOUNTS: '' }, browser).get('/moi')).status).toBe(200);
  });
});
