// The search pages never dead-end, through HTTP in workerd: two weeks at a time up to the API's
// longest window (62 days), leading with the window of the next free slot when the asked one is
// empty, or saying when the next (full) day is; the results page names each landmark once; every
// public page leads to the professionals' spaces.
import { describe, expect, it } from 'vitest';
import { api } from './helpers/api';
import { bookableZone, book, newDoctor, newMission } from './helpers/fixtures';
import { token } from './helpers/tokens';

const now = new Date('2026-12-07T08:00:00Z'); // Monday 7 December: windows start on the 7th, 21st, 4 January…
const client = api({ now });
const page = async (path: string) =>
  String((await client.request('GET', path, { headers: { accept: 'text/html' } })).body);
const links = (html: string) => [...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1].replaceAll('&amp;', '&'));

/** The accessible names of the page's labelled regions (aria-label, or aria-labelledby's text). */
function regionNames(html: string): string[] {
  const labelled = [...html.matchAll(/<section[^>]*aria-labelledby="([^"]+)"/g)].map((m) => {
    const heading = new RegExp(`id="${m[1]}"[^>]*>(.*?)</h\\d>`, 's').exec(html);
    return heading ? heading[1].replace(/<[^>]+>/g, '').trim() : m[1];
  });
  return [...labelled, ...[...html.matchAll(/<(?:section|nav)[^>]*aria-label="([^"]+)"/g)].map((m) => m[1])];
}

describe('the search pages look ahead', () => {
  it('an empty first fortnight leads with the window of the next free slot, and pages on up to 62 days', async () => {
    const { zone } = await bookableZone(client, { date: '2027-01-05', slots: 2 });
    const first = await page(`/recherche?commune=${zone.insee}`);
    expect(first).toContain(
      'Aucun créneau n’est libre avant le mardi 5 janvier 2027. Voici les premiers créneaux libres. 2 créneaux libres.',
    );
    expect(first).toContain('Mardi 5 janvier 2027');
    expect(links(first)).toContain(`/recherche?commune=${zone.insee}&periode=3`);
    expect(links(first)).not.toContain(`/recherche?commune=${zone.insee}&periode=1`);
    // Asked for the second fortnight, the page leads to the same slots and offers the first one back.
    const second = await page(`/recherche?commune=${zone.insee}&periode=1`);
    expect(second).toContain('Mardi 5 janvier 2027');
    expect(links(second)).toContain(`/recherche?commune=${zone.insee}&periode=0`);
    // The last window (days 56 to 62) offers nothing further; a window past it is the first one.
    expect(links(await page(`/recherche?commune=${zone.insee}&periode=4`))).not.toContain(
      `/recherche?commune=${zone.insee}&periode=5`,
    );
    expect(await page(`/recherche?commune=${zone.insee}&periode=9`)).toContain('Mardi 5 janvier 2027');
  });

  it('a zone whose only day is full says when that day is; a free slot past 62 days is named, not listed', async () => {
    const { zone, slotIds } = await bookableZone(client, { slots: 1 });
    expect((await book(client, await token('patient'), { slotId: slotIds[0] })).status).toBe(201);
    const full = await page(`/recherche?commune=${zone.insee}`);
    expect(full).toContain('Le prochain jour de consultation, le jeudi 10 décembre, est complet.');
    expect(links(full)).toContain(`/recherche?commune=${zone.insee}&periode=1`);
    const far = await bookableZone(client, { date: '2027-02-10', slots: 1 });
    const farPage = await page(`/recherche?commune=${far.zone.insee}`);
    expect(farPage).toContain('Le prochain créneau libre est le mercredi 10 février 2027.');
    expect(farPage).not.toContain(`/reserver/${far.slotIds[0]}`);
  });

  it('the results page names each landmark once, even with the same site on several days', async () => {
    const { zone, site } = await bookableZone(client, { slots: 2 });
    await newMission(client, (await newDoctor()).token, site.id, { date: '2026-12-11', start: '09:00', end: '10:00' });
    const html = await page(`/recherche?commune=${zone.insee}`);
    // The site is named under each of its two days (and once more in the "Prochain créneau" lead).
    expect(html.match(/<h3 class="fr-h5">Maison de santé test,/g)).toHaveLength(2);
    const names = regionNames(html);
    expect(names.length).toBeGreaterThanOrEqual(2);
    expect(new Set(names).size).toBe(names.length);
  });

  it('every public page leads to the professionals’ spaces from its footer', async () => {
    for (const path of ['/', '/recherche?q=zzzzqx', '/mentions-legales']) {
      const html = await page(path);
      const footer = html.slice(html.indexOf('<footer'));
      expect(footer, path).toContain('Espace professionnels');
      for (const space of ['/agent', '/medecin', '/ars']) expect(links(footer), path).toContain(space);
    }
  });
});
