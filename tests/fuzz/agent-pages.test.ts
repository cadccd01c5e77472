// The call-centre console's pages are not API operations (not in openapi.yaml), so the generated
// fuzzing does not reach them: whatever the ids, query and form an agent's browser sends, they
// answer a redirect within the site or a French HTML page, never a 5xx.
import { describe, expect, it } from 'vitest';
import { api } from '../helpers/api';
import { Browser, csrfOf, PUBLIC_ORIGIN } from '../helpers/browser';
import { encode, fc, hostileString } from './arbitraries';
import { RUNS, SEED } from './harness';

const STATUSES = [200, 303, 400, 403, 404, 409, 422, 429];

const ROUTES: Array<{ method: 'GET' | 'POST'; path: (id: string) => string; query: string[]; form: string[] }> = [
  { method: 'GET', path: () => '/agent', query: ['appel'], form: [] },
  { method: 'GET', path: () => '/agent/creneaux', query: ['appel', 'q', 'commune'], form: [] },
  { method: 'POST', path: (id) => `/agent/creneaux/${id}`, query: [], form: ['appel'] },
  { method: 'GET', path: (id) => `/agent/reservation/${id}`, query: ['appel', 'prolonge', 'prolongation'], form: [] },
  {
    method: 'POST',
    path: (id) => `/agent/reservation/${id}`,
    query: [],
    form: ['appel', 'cle', 'firstName', 'lastName', 'birthDate', 'phone', 'email', 'rappel_sms', 'sans_depassement'],
  },
  { method: 'POST', path: (id) => `/agent/reservation/${id}/prolonger`, query: [], form: ['appel'] },
  {
    method: 'POST',
    path: () => '/agent/rendez-vous/recherche',
    query: [],
    form: ['appel', 'par', 'telephone', 'nom', 'prenom', 'naissance'],
  },
  { method: 'GET', path: (id) => `/agent/rendez-vous/${id}`, query: ['appel', 'refus', 'nouveau'], form: [] },
  { method: 'POST', path: (id) => `/agent/rendez-vous/${id}/annuler`, query: [], form: ['appel'] },
  { method: 'GET', path: (id) => `/agent/rendez-vous/${id}/deplacer`, query: ['appel'], form: [] },
  { method: 'POST', path: (id) => `/agent/rendez-vous/${id}/deplacer`, query: ['vers', 'cle'], form: ['appel'] },
  { method: 'GET', path: () => '/agent/appels', query: ['appel', 'fait'], form: [] },
  {
    method: 'POST',
    path: (id) => `/agent/appels/${id}/fait`,
    query: [],
    form: [`appel-${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}`],
  },
];

describe('the call-centre console under hostile input', () => {
  it('answers a redirect within the site or a French page, never a 5xx', async () => {
    const browser = new Browser(api());
    expect((await browser.signIn('/agent', 'pc-agent-1', 'proconnect')).status).toBe(303);
    const csrf = csrfOf((await browser.get('/agent')).body)!;
    const value = fc.oneof(
      hostileString,
      fc.constantFrom(
        'APL-1',
        '1',
        'oui',
        'telephone',
        'nom',
        '06 12 34 56 78',
        '15/06/1950',
        '40410',
        '40227',
        crypto.randomUUID(),
      ),
    );
    const id = fc.oneof(
      hostileString.map(encode),
      fc.uuid(),
      fc.constant(`${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}`),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...ROUTES),
        id,
        fc.dictionary(fc.string({ maxLength: 3 }), value, { maxKeys: 9 }),
        async (route, target, values) => {
          const pick = (names: string[]) =>
            names.map((name, i): [string, string] => [name, Object.values(values)[i] ?? 'APL-1']);
          const query = pick(route.query)
            .map(([k, v]) => `${k}=${encode(v)}`)
            .join('&');
          const path = `${route.path(target)}${query ? `?${query}` : ''}`;
          const accept = { accept: 'text/html' };
          const res =
            route.method === 'GET'
              ? await browser.get(path, accept)
              : await browser.post(path, Object.fromEntries([['csrf', csrf], ...pick(route.form)]), accept);
          const label = `${route.method} ${path.slice(0, 200)}`;
          expect(STATUSES, `${label} → ${res.status}`).toContain(res.status);
          const location = res.headers.get('location');
          if (location) expect(new URL(location, PUBLIC_ORIGIN).origin, label).toBe(PUBLIC_ORIGIN);
          else expect(String(res.body), label).toContain('lang="fr"');
        },
      ),
      { numRuns: RUNS, seed: SEED },
    );
  }, 600_000);
});
