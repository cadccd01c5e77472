// The ARS journey in Chromium, with JavaScript and without, and once with the keyboard alone: sign
// in through the ProConnect twin, designate a zone with its source, read its figures (chart and
// table), then the coverage of its region, then withdraw it after confirming; the indemnity file opened in LibreOffice. axe-core on
// every page and state of ours.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { regionCode } from '../../src/domain/regions';
import {
  contexts,
  describeInBrowser,
  expectNoAxeViolations,
  expectPageBasics,
  expectReflow,
  parisDate,
  signInAs,
  startWorld,
  type World,
  reusedConnection,
} from './harness';

/** LibreOffice Calc, to open the indemnity file as a spreadsheet would (Debian: libreoffice-calc-nogui). */
const SOFFICE = [process.env.SOFFICE_PATH, '/usr/bin/soffice', '/usr/bin/libreoffice'].find(
  (path) => path && existsSync(path),
);
if (!SOFFICE) {
  console.warn(
    '\n!!! LibreOffice (soffice) is missing: the test that opens the ARS indemnity file in a spreadsheet is SKIPPED.\n!!! Install it: apt-get install -y libreoffice-calc-nogui\n',
  );
}

describeInBrowser('the ARS dashboard in Chromium', () => {
  let world: World;

  beforeAll(async () => {
    world = await startWorld();
  });

  afterAll(async () => {
    await world?.stop();
  });

  /** Basics and axe; with JavaScript off axe cannot run, so a twin context without scripts reads the same GET page. */
  async function check(page: Page, state: string, js: boolean) {
    await expectPageBasics(page, state);
    if (js) return expectNoAxeViolations(page, state);
    const context = await contexts(world.browser).withoutPageScripts();
    await context.addCookies(await page.context().cookies());
    const twin = await context.newPage();
    await twin.goto(page.url());
    await expectNoAxeViolations(twin, `${state} (scripts blocked)`);
    await context.close();
  }

  /** Tab (or Shift+Tab) until the element matching `selector` has the focus. */
  async function tabTo(page: Page, selector: string, backwards = false) {
    for (let i = 0; i < 80; i++) {
      if (
        await page
          .locator(selector)
          .evaluate((el) => el === (globalThis as any).document.activeElement)
          .catch(() => false)
      )
        return;
      await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
    }
    throw new Error(`the keyboard never reached ${selector}`);
  }

  async function freeEpci() {
    const [zone] = await world.sql<{ siren: string; name: string; region: string }>(
      `SELECT siren, name, region FROM epci WHERE siren NOT IN (SELECT siren FROM zone_designations) AND type = 'CC' AND time_zone = 'Europe/Paris' ORDER BY random() LIMIT 1`,
    );
    return zone;
  }

  for (const [js, keyboard] of [
    [true, false],
    [false, false],
    [true, true],
  ] as const) {
    it(`designates a zone, reads its figures and its region's coverage (JavaScript ${js ? 'on' : 'off'}${keyboard ? ', keyboard only' : ''})`, async () => {
      const zone = await freeEpci();
      const context = await contexts(world.browser)[js ? 'withJs' : 'withoutJs']();
      const page = await context.newPage();
      // With the keyboard alone: Tab to the field or link, type, Enter; otherwise the mouse.
      const fill = async (selector: string, text: string) => {
        if (!keyboard) return page.fill(selector, text);
        await tabTo(page, selector);
        await page.keyboard.press('ControlOrMeta+A');
        await page.keyboard.type(text);
      };
      const activate = async (selector: string) => {
        if (!keyboard) return page.click(selector);
        await tabTo(page, selector);
        await page.keyboard.press('Enter');
      };

      await signInAs(page, world, 'proconnect', 'pc-ars-national', '/ars/zones');
      await page.waitForURL(`${world.base}/ars/zones`);
      await check(page, 'zones', js);

      // The zone is found by its name, then named again on a confirmation before anything changes.
      await fill('#nom', zone.name);
      await activate('button:has-text("Chercher l’intercommunalité")');
      await page.waitForURL(/\/ars\/zones\/designer\?nom=/);
      await check(page, 'zones found by name', js);
      await activate(`a[href="/ars/zones/designer?siren=${zone.siren}"]`);
      await page.waitForURL(`${world.base}/ars/zones/designer?siren=${zone.siren}`);
      expect(await page.locator('h1').innerText()).toBe(`Désigner ${zone.name} comme zone prioritaire ?`);
      await check(page, 'designating a zone, to confirm', js);

      // A mistake first: a source too short, said in the summary and next to the field; still nothing designated.
      await fill('#source', 'ab');
      await activate('button:has-text("Confirmer la désignation")');
      await page.waitForURL(`${world.base}/ars/zones`);
      expect(await page.locator('#source-error').innerText()).toContain('de 3 à 500 caractères');
      expect(await page.title()).toMatch(/^Erreur/);
      expect(await world.sql('SELECT 1 FROM priority_zones WHERE siren = $1', [zone.siren])).toHaveLength(0);
      if (js) await expectNoAxeViolations(page, 'a refused designation');

      await fill('#source', 'Arrêté ARS du 30 juin 2025');
      await activate('button:has-text("Confirmer la désignation")');
      await page.waitForURL(`${world.base}/ars/zones?designee=${zone.siren}`);
      expect(await page.locator('[role="status"]').first().innerText()).toContain(
        `${zone.name} est désormais une zone prioritaire`,
      );
      await check(page, 'zones, after a designation', js);

      await activate(`a[href="/ars/zones/${zone.siren}"] >> nth=0`);
      await page.waitForURL(`${world.base}/ars/zones/${zone.siren}`);
      expect(await page.locator('h1').innerText()).toBe(`Chiffres de ${zone.name}`);
      expect(await page.locator('svg[role="img"]').count()).toBe(3);
      expect(await page.locator('svg[role="img"] desc').first().textContent()).toBe(
        'Prévues : 0, tenues : 0, manquées : 0.',
      );
      expect(await page.locator('table caption').innerText()).toMatch(/^Chiffres du /);
      await check(page, 'a zone’s figures', js);

      await activate('.fr-nav a[href="/ars/couverture"]');
      await page.waitForURL(`${world.base}/ars/couverture`);
      await check(page, 'coverage by region', js);
      await activate(`table a[href$="&region=${regionCode(zone.region)}"]`);
      await page.waitForURL(/\/ars\/couverture\?mois=\d{4}-\d{2}&region=\d+$/);
      expect(await page.locator(`table a[href="/ars/zones/${zone.siren}"]`).count()).toBe(1);
      await check(page, 'coverage of a region', js);

      // Withdrawing the zone asks first; "Confirmer le retrait" withdraws it.
      await page.goto(`${world.base}/ars/zones/${zone.siren}/retirer`);
      expect(await page.locator('h1').innerText()).toBe(`Retirer ${zone.name} des zones prioritaires ?`);
      await check(page, 'withdrawing a zone, to confirm', js);
      await activate('button:has-text("Confirmer le retrait")');
      await page.waitForURL(`${world.base}/ars/zones?retiree=${zone.siren}`);
      expect(await page.locator('[role="status"]').first().innerText()).toContain('n’est plus une zone prioritaire');
      await context.close();
    });
  }

  it('an officer of Occitanie, without JavaScript: sees only Occitanie, designates one of its zones by name, adds a site picking the commune', async () => {
    const [zone] = await world.sql<{ siren: string; name: string }>(
      `SELECT siren, name FROM epci WHERE siren NOT IN (SELECT siren FROM zone_designations) AND region = 'Occitanie' AND type = 'CC' ORDER BY random() LIMIT 1`,
    );
    const context = await contexts(world.browser).withoutJs();
    const page = await context.newPage();
    await signInAs(page, world, 'proconnect', 'pc-ars-1', '/ars');
    await page.waitForURL(`${world.base}/ars`);
    expect(await page.locator('main').innerText()).toContain('Vous voyez la région Occitanie.');
    await check(page, 'home of an officer of one region', false);

    await page.goto(`${world.base}/ars/zones`);
    const listed = await page.locator('table tbody th').allInnerTexts();
    const fold = (name: string) =>
      name
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/g, '')
        .toLowerCase()
        .replace(/œ/g, 'oe')
        .replace(/[-'’]/g, ' ');
    expect(listed).toEqual([...listed].sort((a, b) => (fold(a) < fold(b) ? -1 : fold(a) > fold(b) ? 1 : 0)));
    const regions = await world.sql<{ region: string }>(`SELECT DISTINCT e.region FROM epci e WHERE e.name = ANY($1)`, [
      listed,
    ]);
    expect(regions.map((r) => r.region)).toEqual(listed.length ? ['Occitanie'] : []);
    await check(page, 'zones of one region', false);

    await page.fill('#nom', zone.name);
    await page.click('button:has-text("Chercher l’intercommunalité")');
    await page.click(`a[href="/ars/zones/designer?siren=${zone.siren}"]`);
    expect(await page.locator('h1').innerText()).toBe(`Désigner ${zone.name} comme zone prioritaire ?`);
    expect(await page.locator('main').innerText()).toContain('région Occitanie');
    await page.fill('#source', 'Arrêté ARS Occitanie du 1er décembre 2026');
    await page.click('button:has-text("Confirmer la désignation")');
    await page.waitForURL(`${world.base}/ars/zones?designee=${zone.siren}`);

    await page.goto(`${world.base}/ars/sites/nouveau?zone=${zone.siren}`);
    const communes = await world.sql<{ insee: string; name: string }>(
      'SELECT insee, name FROM communes WHERE epci_siren = $1 ORDER BY commune_search_key(name), insee',
      [zone.siren],
    );
    const offered = await page
      .locator('#communeInsee option:not([disabled])')
      .evaluateAll((options) => options.map((o) => (o as any).value as string));
    expect(offered).toEqual(communes.map((c) => c.insee));
    await check(page, 'new site, the commune picker', false);
    await page.fill('#name', 'Maison de santé des Causses');
    await page.fill('#address', '4 place du Foirail');
    await page.selectOption('#communeInsee', communes[0].insee);
    await page.fill('#phone', '05 65 00 00 00');
    await page.click('button:has-text("Ajouter ce lieu")');
    await page.waitForURL(new RegExp(`/ars/sites\\?zone=${zone.siren}&ajoute=`));
    expect(await page.locator('table').innerText()).toContain(`4 place du Foirail, ${communes[0].name}`);
    await check(page, 'sites of the zone, after adding one', false);
    await context.close();
  });

  it('passes axe on the other ARS pages and their error states', async () => {
    const zone = await freeEpci();
    const admin = await world.token('admin', { sub: 'ars-browser-test' });
    expect(
      (await world.api('POST', `/v1/zones/${zone.siren}/priority`, { source: 'browser test' }, admin)).status,
    ).toBe(201);
    const [commune] = await world.sql<{ insee: string }>('SELECT insee FROM communes WHERE epci_siren = $1 LIMIT 1', [
      zone.siren,
    ]);
    const site = await world.api(
      'POST',
      '/v1/sites',
      {
        name: 'Maison de santé du Pré',
        address: '1 rue du Pré',
        communeInsee: commune.insee,
        kind: 'maison_de_sante',
        phone: '05 55 00 00 00',
      },
      admin,
    );
    const context = await contexts(world.browser).withJs();
    const page = await context.newPage();
    await signInAs(page, world, 'proconnect', 'pc-ars-national', '/ars');
    for (const [path, state] of [
      ['/ars', 'home'],
      [`/ars/sites?zone=${zone.siren}`, 'sites of a zone'],
      ['/ars/sites/nouveau', 'new site, its zone'],
      [`/ars/sites/nouveau?zone=${zone.siren}`, 'new site, its commune among the zone’s'],
      ['/ars/zones/designer?nom=a', 'zone search, too short'],
      ['/ars/zones/designer?siren=000000000', 'designating an unknown zone'],
      [`/ars/sites/${site.body.id}`, 'site edit'],
      ['/ars/indemnites', 'indemnities'],
      ['/ars/indemnites?mois=2026-13', 'indemnities, bad month'],
      ['/ars/couverture?mois=2026-13', 'coverage, bad month'],
      [`/ars/zones/${zone.siren}?du=2026-12-10&au=2026-12-01`, 'figures, bad period'],
      ['/ars/zones/000000000', 'unknown zone'],
      [`/ars/zones/${zone.siren}/retirer`, 'withdrawing a zone with sites, refused'],
    ]) {
      await page.goto(`${world.base}${path}`);
      await expectPageBasics(page, state);
      await expectNoAxeViolations(page, state);
    }
    // The zone chosen first, then the commune among the zone's (never a code typed).
    await page.goto(`${world.base}/ars/sites/nouveau`);
    await page.selectOption('#zone', zone.siren);
    await page.click('button:has-text("Continuer avec cette zone")');
    await page.waitForURL(`${world.base}/ars/sites/nouveau?zone=${zone.siren}`);
    // Filled in (the browser checks required fields itself), but with a phone number too short.
    await page.fill('#name', 'Cabinet');
    await page.fill('#address', '2 rue du Pré');
    await page.selectOption('#communeInsee', commune.insee);
    await page.fill('#phone', '12');
    await page.click('button:has-text("Ajouter ce lieu")');
    await page.waitForURL(`${world.base}/ars/sites/nouveau`);
    expect(await page.locator('.fr-alert--error a[href="#phone"]').count()).toBe(1);
    await expectNoAxeViolations(page, 'new site, refused');
    await context.close();

    // At 320 px the pages reflow: wide tables scroll inside their frame, the page does not (RGAA 10.11).
    const narrow = await contexts(world.browser).withJs(320);
    const small = await narrow.newPage();
    await signInAs(small, world, 'proconnect', 'pc-ars-national', '/ars');
    for (const path of [
      '/ars/zones',
      `/ars/zones/${zone.siren}`,
      '/ars/couverture',
      `/ars/couverture?mois=2026-12&region=${regionCode(zone.region)}`,
      `/ars/sites?zone=${zone.siren}`,
    ]) {
      await small.goto(`${world.base}${path}`);
      await expectReflow(small, `${path} at 320 px`);
    }
    await narrow.close();
  });

  it.skipIf(!SOFFICE)(
    'the indemnity file opens as columns in LibreOffice set to French: names, RPPS, euros with a comma, a total, no formula',
    async () => {
      const zone = await freeEpci();
      const admin = await world.token('admin', { sub: 'ars-browser-test' });
      expect(
        (await world.api('POST', `/v1/zones/${zone.siren}/priority`, { source: 'browser test' }, admin)).status,
      ).toBe(201);
      const [commune] = await world.sql<{ insee: string }>('SELECT insee FROM communes WHERE epci_siren = $1 LIMIT 1', [
        zone.siren,
      ]);
      // A semicolon in the name (the file's separator) and a formula as the correction's reason.
      const site = await world.api(
        'POST',
        '/v1/sites',
        {
          name: 'Cabinet du Pré; salle 2',
          address: '1 rue du Pré',
          communeInsee: commune.insee,
          kind: 'cabinet',
          phone: '05 55 00 00 00',
        },
        admin,
      );
      expect(site.status, JSON.stringify(site.body)).toBe(201);
      const rpps = `1${String(Math.floor(Math.random() * 1e10)).padStart(10, '0')}`;
      const doctor = await world.token('doctor', { sub: `dr-${rpps}`, rpps });
      const date = parisDate(45);
      const mission = await world.api(
        'POST',
        '/v1/missions',
        { siteId: site.body.id, date, start: '09:00', end: '17:00', slotMinutes: 30 },
        doctor,
      );
      expect(mission.status, JSON.stringify(mission.body)).toBe(201);
      // The day worked in full (the worker's clock cannot reach it), by a doctor with a name.
      await world.sql('UPDATE missions SET checked_in_at = starts_at, checked_out_at = ends_at WHERE id = $1', [
        mission.body.id,
      ]);
      await world.sql(
        `INSERT INTO attendance_corrections (mission_id, at, actor_sub, reason, previous_checked_in_at, previous_checked_out_at, checked_in_at, checked_out_at)
      SELECT id, now(), 'ars-browser-test', '=HYPERLINK("https://evil.example")', NULL, NULL, checked_in_at, checked_out_at FROM missions WHERE id = $1`,
        [mission.body.id],
      );
      await world.sql(
        `INSERT INTO doctors (rpps, given_name, family_name, updated_at) VALUES ($1, 'Hélène', 'Lefèvre', now())
      ON CONFLICT (rpps) DO UPDATE SET given_name = 'Hélène', family_name = 'Lefèvre'`,
        [rpps],
      );

      const context = await contexts(world.browser).withJs();
      const page = await context.newPage();
      await signInAs(page, world, 'proconnect', 'pc-ars-national', `/ars/indemnites?mois=${date.slice(0, 7)}`);
      expect(await page.locator('main').innerText()).toContain('Hélène Lefèvre');
      expect(await page.locator('#total').innerText()).toMatch(/^\d[\d\u202f]* €$/);
      await expectNoAxeViolations(page, 'indemnities with a paid day');
      const file = await page.request.get(
        `${world.base}${await page.getAttribute('a[href^="/ars/indemnites/export"]', 'href')}`,
        reusedConnection,
      );
      const bytes = Buffer.from(await file.body());
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      await context.close();

      // LibreOffice reads it as a French spreadsheet does (`;` detected, language fr-FR), then writes
      // the cells it found, tab-separated, as raw values: a number comes back without its French format.
      const dir = mkdtempSync(join(tmpdir(), 'indemnites-'));
      try {
        writeFileSync(join(dir, 'indemnites.csv'), bytes);
        execFileSync(
          SOFFICE!,
          [
            '--headless',
            '--norestore',
            '--infilter=CSV:59,34,76,1,,1036',
            '--convert-to',
            'csv:Text - txt - csv (StarCalc):9,34,76,1,,1036,false,false,false',
            '--outdir',
            join(dir, 'out'),
            join(dir, 'indemnites.csv'),
          ],
          { env: { ...process.env, HOME: dir }, timeout: 60_000, stdio: 'pipe' },
        );
        const cells = readFileSync(join(dir, 'out', 'indemnites.csv'), 'utf8')
          .trim()
          .split('\n')
          .map((line) =>
            line
              .replace(/\r$/, '')
              .split('\t')
              .map((cell) => cell.replace(/^"(.*)"$/s, '$1').replace(/""/g, '"')),
          );
        const [header, ...rows] = cells;
        expect(header).toEqual([
          'RPPS',
          'Médecin',
          'Date',
          'Lieu',
          'FINESS',
          'SIREN de la zone',
          'Journée prévue',
          'Heures de présence',
          'Montant (€)',
          'Motif de correction',
        ]);
        // LibreOffice leaves out empty cells at a line's end; none has more columns than the header.
        for (const row of rows) expect(row.length).toBeLessThanOrEqual(10);
        const ours = rows.find((r) => r[0] === rpps)!;
        expect(ours).toHaveLength(10);
        expect(ours.slice(0, 2)).toEqual([rpps, 'Hélène Lefèvre']);
        expect(ours[3]).toBe('Cabinet du Pré; salle 2');
        expect(ours.slice(5, 9)).toEqual([zone.siren, 'Journée complète', '8', '200']);
        // Text, never run: the leading quote keeps the formula a string.
        expect(ours[9]).toBe('\'=HYPERLINK("https://evil.example")');
        const total = rows.at(-1)!;
        expect(total[0]).toBe('Total');
        expect(Number(total[8])).toBeGreaterThanOrEqual(200);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    120_000,
  );
});
