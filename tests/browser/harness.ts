// The browser tests' world, in Node: the worker as `npm start` runs it (the bundle in workerd,
// scripts/local-worker.ts) over the database stack the global setup started — through its PgBouncer
// on a server, as the API tests and production — and Debian's Chromium driven by playwright-core.
// Without Chromium the tests are not run, and the run says so loudly.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import pg from 'pg';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { describe, expect, inject } from 'vitest';
import { tokenSigner } from '../../scripts/dev-keys';
import { startLocalWorker, type LocalWorker, type WorkerBundle } from '../../scripts/local-worker';
import { startIdentityTwins, type IdentityTwins } from '../../scripts/twins/identity-twins';
import { freePort } from '../../scripts/free-port';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);

/** describe(), or, without Chromium, a loud line naming the tests that did not run and how to fix it. */
export function describeInBrowser(name: string, tests: () => void) {
  if (hasChromium) return describe(name, tests);
  // Straight to stderr: vitest keeps console output of tests that did not fail to itself.
  process.stderr.write(
    `\n${'*'.repeat(100)}\n*** BROWSER TESTS NOT RUN: "${name}" — no Chromium at ${CHROMIUM}.\n` +
      `*** Install it (Debian/Ubuntu: apt-get install -y chromium) or set CHROMIUM_PATH, then run again.\n${'*'.repeat(100)}\n`,
  );
  return describe.skip(name, tests);
}

export interface World {
  base: string;
  browser: Browser;
  sql<T>(text: string, params?: unknown[]): Promise<T[]>;
  api(method: string, path: string, body: unknown, token: string): Promise<{ status: number; body: any }>;
  /** An admin works nationally unless `regions` is given. */
  token(role: string, claims?: Record<string, string | string[]>): Promise<string>;
  stop(): Promise<void>;
}

/**
 * The worker on a port known in advance (the FranceConnect twin must know its callback), with the
 * twin registered as its provider, as `npm start` runs them.
 */
export async function startWorld(): Promise<World> {
  // The port is free when chosen, but another file's world may take it before the worker binds:
  // then the whole world starts again on another port (the twins know the worker's address).
  for (let attempt = 1; ; attempt++) {
    try {
      return await startWorldOnce();
    } catch (error) {
      if (attempt >= 3 || !/ADDRESS_IN_USE|Address already in use/.test(String(error))) throw error;
    }
  }
}

async function startWorldOnce(): Promise<World> {
  // Direct for the tests' own checks; the worker's is the stack's (PgBouncer on a server).
  const databaseUrl = inject('databaseUrl');
  let worker: LocalWorker | undefined;
  let browser: Browser | undefined;
  let twins: IdentityTwins | undefined;
  try {
    const port = await freePort();
    const publicUrl = `http://127.0.0.1:${port}`;
    twins = await startIdentityTwins(publicUrl, { clientPrefix: 'mpdcv-browser' });
    // Bundled once for the whole run by the project's global setup (tests/setup/browser-bundle.ts).
    worker = await startLocalWorker(JSON.parse(inject('workerBundle')) as WorkerBundle, {
      vars: {
        ENVIRONMENT: 'test',
        DATABASE_URL: inject('workerDatabaseUrl'),
        DB_PROXY: inject('dbProxy'),
        JWT_DEV_JWKS: inject('publicJwks'),
        PUBLIC_URL: publicUrl,
        ...twins.vars,
        SESSION_SECRET: randomBytes(32).toString('base64url'),
      },
      port,
    });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  } catch (error) {
    await worker?.dispose();
    await twins?.close();
    throw error;
  }
  const sign = await tokenSigner(JSON.parse(inject('privateJwk')));
  const base = worker.url.origin;
  const started = { worker, browser, twins: twins! };
  return {
    base,
    browser,
    async sql<T>(text: string, params: unknown[] = []) {
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      try {
        return (await client.query(text, params)).rows as T[];
      } finally {
        await client.end();
      }
    },
    async api(method, path, body, token) {
      const res = await fetch(`${base}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return { status: res.status, body: await res.json() };
    },
    token: (role, claims = {}) =>
      sign(
        { role, ...(role === 'admin' ? { regions: 'national' } : {}), ...claims },
        String(claims.sub ?? `${role}-${crypto.randomUUID()}`),
        '10m',
      ),
    async stop() {
      await started.browser.close();
      await started.worker.dispose();
      await started.twins.close();
    },
  };
}

/**
 * Options for a test's own request through `page.request`: its keep-alive connection may be one the
 * worker is closing as it is reused (ECONNRESET, "socket hang up"). A browser sends an idempotent
 * request again then; Playwright's request context does only when asked.
 */
export const reusedConnection = { maxRetries: 2 } as const;

/** Today's date in Paris plus `days` (YYYY-MM-DD): missions must lie ahead of the worker's real clock. */
export function parisDate(days: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(
    new Date(Date.now() + days * 86_400_000),
  );
}

export interface BookableZone {
  siren: string;
  insee: string;
  postcode: string;
  communeName: string;
  siteId: string;
  slotIds: string[];
}

/** A priority zone no other test uses, one site and one mission of `slots` 20-minute slots, `days` ahead. */
export async function bookableZone(
  world: World,
  options: { days?: number; slots?: number } = {},
): Promise<BookableZone> {
  const admin = await world.token('admin', { sub: 'ars-browser-test' });
  for (let attempt = 0; attempt < 20; attempt++) {
    const [zone] = await world.sql<{ siren: string; insee: string; postcode: string; name: string }>(
      // A postcode of one EPCI only, so that searching it finds this zone. Grouped once rather than
      // an anti-join on array overlap, which compared every commune with every other (minutes).
      `WITH shared AS (SELECT p FROM communes, unnest(postcodes) AS p GROUP BY p HAVING count(DISTINCT coalesce(epci_siren, '')) > 1)
       SELECT e.siren, c.insee, c.postcodes[1] AS postcode, c.name FROM epci e JOIN communes c ON c.epci_siren = e.siren
       WHERE e.siren NOT IN (SELECT siren FROM zone_designations) AND cardinality(c.postcodes) = 1 AND e.time_zone = 'Europe/Paris'
         -- Communautés de communes only, as newZone: the cities' EPCI (Lyon…) are the API tests' non-priority zones.
         AND e.type = 'CC'
         AND c.postcodes[1] NOT IN (SELECT p FROM shared)
       ORDER BY random() LIMIT 1`,
    );
    if (!zone) throw new Error('no EPCI left to designate for a browser test: drop and recreate the test database');
    const designated = await world.api('POST', `/v1/zones/${zone.siren}/priority`, { source: 'browser test' }, admin);
    if (designated.status !== 201) continue;
    const site = await world.api(
      'POST',
      '/v1/sites',
      {
        name: 'Maison de santé des Tilleuls',
        address: '2 rue de la Poste',
        communeInsee: zone.insee,
        kind: 'maison_de_sante',
        phone: '05 55 00 00 00',
        accessibility: 'Plain-pied, place de stationnement réservée devant l’entrée',
      },
      admin,
    );
    expect(site.status, JSON.stringify(site.body)).toBe(201);
    const rpps = `1${String(Math.floor(Math.random() * 1e10)).padStart(10, '0')}`;
    const doctor = await world.token('doctor', {
      sub: `dr-${rpps}`,
      rpps,
      given_name: 'Claire',
      family_name: 'Lemoine',
    });
    const count = options.slots ?? 4;
    const end = `${String(9 + Math.floor((count * 20) / 60)).padStart(2, '0')}:${String((count * 20) % 60).padStart(2, '0')}`;
    const mission = await world.api(
      'POST',
      '/v1/missions',
      { siteId: site.body.id, date: parisDate(options.days ?? 3), start: '09:00', end, slotMinutes: 20 },
      doctor,
    );
    expect(mission.status, JSON.stringify(mission.body)).toBe(201);
    const slots = await world.sql<{ id: string }>('SELECT id FROM slots WHERE mission_id = $1 ORDER BY starts_at', [
      mission.body.id,
    ]);
    return {
      siren: zone.siren,
      insee: zone.insee,
      postcode: zone.postcode,
      communeName: zone.name,
      siteId: site.body.id,
      slotIds: slots.map((s) => s.id),
    };
  }
  throw new Error('could not find a free EPCI for a browser test zone');
}

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** axe-core on the page as it is now (with its best practices when asked): every violation listed with its nodes, so a failure says what to fix. */
export async function expectNoAxeViolations(page: Page, state: string, options: { bestPractices?: boolean } = {}) {
  const { violations } = await new AxeBuilder({ page })
    .withTags(options.bestPractices ? [...AXE_TAGS, 'best-practice'] : AXE_TAGS)
    .analyze();
  const summary = violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.map((n) => n.target.join(' ')).join('\n    ')}`,
  );
  expect(summary, `axe violations on ${state}`).toEqual([]);
}

/** The basics every page must have: lang="fr", one h1, a title naming the page. */
export async function expectPageBasics(page: Page, state: string) {
  expect(await page.getAttribute('html', 'lang'), state).toBe('fr');
  expect(await page.locator('h1').count(), state).toBe(1);
  expect(await page.title(), state).toMatch(/ – Un médecin près de chez vous$/);
}

/** No horizontal scroll: the page reflows at this width (RGAA 10.11). */
export async function expectReflow(page: Page, state: string) {
  // page.evaluate callbacks run in the browser: its globals are untyped here (no DOM library in
  // this Node type-checking, which would clash with the Workers types).
  const { scrollWidth, clientWidth } = await page.evaluate(() => {
    const root = (globalThis as any).document.documentElement;
    return { scrollWidth: root.scrollWidth as number, clientWidth: root.clientWidth as number };
  });
  expect(scrollWidth, `${state}: horizontal scroll at ${clientWidth} px`).toBeLessThanOrEqual(clientWidth);
}

export const contexts = (browser: Browser) => ({
  withJs: (width = 1280): Promise<BrowserContext> =>
    browser.newContext({ viewport: { width, height: 900 }, locale: 'fr-FR' }),
  withoutJs: (width = 1280): Promise<BrowserContext> =>
    browser.newContext({ viewport: { width, height: 900 }, locale: 'fr-FR', javaScriptEnabled: false }),
  /**
   * The DOM a browser without JavaScript shows (none of the pages' scripts run), in a context where
   * axe-core itself can run: with javaScriptEnabled: false, axe never answers.
   */
  async withoutPageScripts(width = 1280): Promise<BrowserContext> {
    const context = await browser.newContext({ viewport: { width, height: 900 }, locale: 'fr-FR' });
    await context.route(/\.m?js(\?|$)/, (route) => route.abort());
    return context;
  },
});

/**
 * Signs in through a federation's twin in the real browser: the app's /connexion, the choice page
 * (a listed account, or one typed into "Autre identifiant", such as `rpps-<11 digits>`), and back.
 */
export async function signInAs(
  page: Page,
  world: Pick<World, 'base'>,
  provider: 'fc' | 'proconnect' | 'psc',
  accountId: string,
  retour: string,
) {
  await page.goto(`${world.base}/connexion?fournisseur=${provider}&retour=${encodeURIComponent(retour)}`);
  await page.waitForURL((url) => !url.toString().startsWith(world.base));
  const listed = page.locator(`input[name="account"][value="${accountId}"]`);
  if (await listed.count()) await listed.check();
  else await page.fill('input[name="custom"]', accountId);
  await page.click('button[type="submit"]');
  await page.waitForURL((url) => url.toString().startsWith(`${world.base}${retour.split('?')[0]}`));
}

/** Tabs until the focused element matches (and holds `text`), as a keyboard user would; fails after `max` presses. */
export async function tabTo(page: Page, selector: string, text = '', max = 80) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const reached = await page.evaluate(
      ([sel, words]) => {
        const focused = (globalThis as any).document.activeElement;
        return Boolean(focused?.matches(sel) && (focused.textContent ?? '').includes(words));
      },
      [selector, text] as const,
    );
    if (reached) return;
  }
  throw new Error(`${selector} ${text} not reached with ${max} Tab presses on ${page.url()}`);
}
