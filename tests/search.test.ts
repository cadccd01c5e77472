import { describe, expect, it } from 'vitest';
import { api } from './helpers/api';
import { bookableZone, book, newDoctor, newMission } from './helpers/fixtures';
import { token } from './helpers/tokens';

const now = new Date('2026-12-01T08:00:00Z');
const client = api({ now });

describe('GET /v1/slots', () => {
  it('finds free slots by EPCI, commune and postcode, in one query, with the tariff and site', async () => {
    const { zone, site, slotIds } = await bookableZone(client);
    for (const q of [`epci=${zone.siren}`, `commune=${zone.insee}`, `postcode=${zone.postcode}`]) {
      const res = await client.get(`/v1/slots?${q}&limit=100`);
      expect(res.status).toBe(200);
      const mine = res.body.items.filter((s: { site: { id: string } }) => s.site.id === site.id);
      expect(mine.map((s: { id: string }) => s.id)).toEqual(slotIds);
    }
    const res = await client.get(`/v1/slots?epci=${zone.siren}`);
    expect(res.headers.get('x-db-queries')).toBe('1');
    // Hints are for empty searches only: a page with slots has neither field.
    expect(res.body).not.toHaveProperty('nextAvailable');
    expect(res.body).not.toHaveProperty('nextMissionDay');
    expect(res.body.items[0]).toEqual({
      id: slotIds[0],
      startsAt: '2026-12-10T09:00:00+01:00',
      endsAt: '2026-12-10T09:20:00+01:00',
      site: {
        id: site.id,
        name: 'Maison de santé test',
        address: '1 place de la Mairie',
        commune: { insee: zone.insee, name: expect.any(String) },
      },
      tariff: { code: 'G', majorations: [], amountCents: 3000, currency: 'EUR', overbilling: false },
      noOverbilling: true,
    });
  });

  it('pages through every slot once, in order, even while slots are booked between pages', async () => {
    const { zone, slotIds } = await bookableZone(client, { slots: 9 });
    const seen: string[] = [];
    let cursor: string | null = null;
    let booked = false;
    do {
      const res: { body: { items: { id: string }[]; nextCursor: string | null } } = await client.get(
        `/v1/slots?epci=${zone.siren}&limit=4${cursor ? `&cursor=${cursor}` : ''}`,
      );
      seen.push(...res.body.items.map((s) => s.id));
      cursor = res.body.nextCursor;
      if (!booked) {
        // Someone books the slot right after this page: it must not shift the next page.
        expect((await book(client, await token('patient'), { slotId: slotIds[7] })).status).toBe(201);
        booked = true;
      }
    } while (cursor);
    expect(seen).toEqual(slotIds.filter((id) => id !== slotIds[7]));
  });

  it('defaults to the next 14 days and caps a search at 62 days', async () => {
    const { zone } = await bookableZone(client, { date: '2027-01-20' });
    expect((await client.get(`/v1/slots?epci=${zone.siren}`)).body.items).toEqual([]);
    const wide = await client.get(
      `/v1/slots?epci=${zone.siren}&from=2027-01-01T00:00:00%2B01:00&to=2027-03-01T00:00:00%2B01:00`,
    );
    expect(wide.body.items).toHaveLength(6);
    const tooWide = await client.get(`/v1/slots?epci=${zone.siren}&from=2027-01-01T00:00:00Z&to=2027-03-10T00:00:00Z`);
    expect(tooWide.status).toBe(400);
    expect(tooWide.body.code).toBe('range_too_long');
    const backwards = await client.get(
      `/v1/slots?epci=${zone.siren}&from=2027-01-02T00:00:00Z&to=2027-01-01T00:00:00Z`,
    );
    expect(backwards.body.code).toBe('invalid_range');
  });

  it('hides started slots', async () => {
    const { zone, slotIds } = await bookableZone(client);
    const later = api({ now: new Date('2026-12-10T08:30:00Z') }); // 09:30 in Paris
    const res = await later.get(`/v1/slots?epci=${zone.siren}`);
    expect(res.body.items.map((s: { id: string }) => s.id)).toEqual(slotIds.slice(2));
  });

  it('a zone that is not a priority zone is a 404; a commune outside gets the priority zones of its département', async () => {
    const notPriority = await client.get('/v1/slots?epci=200046977');
    expect(notPriority.status).toBe(404);
    expect(notPriority.body.code).toBe('zone_not_priority');
    expect((await client.get('/v1/slots?epci=123456789')).body.code).toBe('not_found');
    const montDeMarsan = await client.get('/v1/slots?commune=40192'); // Landes: CC des Landes d'Armagnac is a priority zone
    expect(montDeMarsan.status).toBe(200);
    expect(montDeMarsan.body.items).toEqual([]);
    expect(montDeMarsan.body.nearbyPriorityZones).toContainEqual({ siren: '200035541', name: expect.any(String) });
  });

  it('needs exactly one place', async () => {
    const none = await client.get('/v1/slots');
    expect(none.status).toBe(400);
    expect((await client.get('/v1/slots?epci=200035541&postcode=40410')).body.code).toBe('validation_failed');
    expect((await client.get('/v1/slots?epci=200035541&from=yesterday')).status).toBe(400);
  });

  describe('an empty search says where to look next, in the same statement', () => {
    it('gives the next free slot after the window and the next mission day', async () => {
      const { zone } = await bookableZone(client, { date: '2027-01-20' });
      const res = await client.get(`/v1/slots?epci=${zone.siren}`);
      expect(res.body).toEqual({
        items: [],
        nextCursor: null,
        nextAvailable: '2027-01-20T09:00:00+01:00',
        nextMissionDay: '2027-01-20',
      });
      expect(res.headers.get('x-db-queries')).toBe('1');
      // The same for a commune and a postcode of the zone.
      for (const q of [`commune=${zone.insee}`, `postcode=${zone.postcode}`]) {
        expect((await client.get(`/v1/slots?${q}`)).body.nextAvailable).toBe('2027-01-20T09:00:00+01:00');
      }
    });

    it('a zone whose only day is full: its day, and no next free slot', async () => {
      const { zone, slotIds } = await bookableZone(client, { slots: 2 });
      for (const slotId of slotIds) expect((await book(client, await token('patient'), { slotId })).status).toBe(201);
      const res = await client.get(`/v1/slots?commune=${zone.insee}`);
      expect(res.body).toEqual({ items: [], nextCursor: null, nextAvailable: null, nextMissionDay: '2026-12-10' });
      expect(res.headers.get('x-db-queries')).toBe('1');
    });

    it('the full day first, then the free slot of a later day', async () => {
      const { zone, site, slotIds } = await bookableZone(client, { slots: 1, date: '2026-12-08' });
      expect((await book(client, await token('patient'), { slotId: slotIds[0] })).status).toBe(201);
      await newMission(client, (await newDoctor()).token, site.id, {
        date: '2027-01-05',
        start: '14:00',
        end: '15:00',
        slotMinutes: 20,
      });
      const res = await client.get(`/v1/slots?epci=${zone.siren}`);
      expect(res.body).toMatchObject({
        items: [],
        nextAvailable: '2027-01-05T14:00:00+01:00',
        nextMissionDay: '2026-12-08',
      });
    });

    it(`looks no further than 62 days after the window's end`, async () => {
      // Window 1–15 December: the horizon is 15 February; a day on 20 February is not mentioned.
      const { zone } = await bookableZone(client, { date: '2027-02-20' });
      const res = await client.get(`/v1/slots?epci=${zone.siren}`);
      expect(res.body).toEqual({ items: [], nextCursor: null, nextAvailable: null, nextMissionDay: null });
      const later = await client.get(
        `/v1/slots?epci=${zone.siren}&from=2027-01-01T00:00:00%2B01:00&to=2027-01-10T00:00:00%2B01:00`,
      );
      expect(later.body).toMatchObject({
        items: [],
        nextAvailable: '2027-02-20T09:00:00+01:00',
        nextMissionDay: '2027-02-20',
      });
    });

    it('a commune outside every priority zone gets null hints beside its nearby zones', async () => {
      const res = await client.get('/v1/slots?commune=40192');
      expect(res.body).toMatchObject({ items: [], nextAvailable: null, nextMissionDay: null });
    });
  });
});
