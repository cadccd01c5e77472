// The FHIR Slot search's limiter keys come from its validated parameters: a malformed postcode or
// zone is a 400 that consults no limiter (no object per invented key), and a search by practitioners
// spends a zone budget shared by every such search, not the caller's budget alone.
import { beforeAll, describe, expect, it } from 'vitest';
import { api } from './helpers/api';
import { newZone } from './helpers/fixtures';

const now = new Date('2026-12-01T08:00:00Z');
const client = api({ now });
const RPPS_SYSTEM = 'urn:oid:1.2.250.1.71.4.2.1';
const range = 'status=free&start=ge2026-12-10&start=le2026-12-11';
const search = (filter: string, ip = '198.51.100.41') =>
  client.request('GET', `/fhir/Slot?${range}&${filter}`, { headers: { 'cf-connecting-ip': ip } });

describe('FHIR Slot search limiter keys', () => {
  beforeAll(async () => {
    // Wakes the limiters: a first call slower than 250 ms fails open and sends no headers.
    await search('zone=200067106');
  });

  it('refuses malformed postcodes and zones without consulting any limiter', async () => {
    for (const filter of [
      'schedule.actor:Location.address-postalcode=ab',
      'schedule.actor:Location.address-postalcode=zz123',
      'schedule.actor:Location.address-postalcode=2A',
      'zone=xyz',
      'zone=12345678',
      `zone=${'9'.repeat(40)}`,
    ]) {
      const res = await search(filter);
      expect(res.status, filter).toBe(400);
      expect(res.body.resourceType).toBe('OperationOutcome');
      expect(res.headers.get('ratelimit-policy'), filter).toBeNull();
    }
    // Any invalid search spends nothing either.
    const noStatus = await client.get(
      `/fhir/Slot?start=ge2026-12-10&start=le2026-12-11&schedule.actor:Location.address-postalcode=40410`,
    );
    expect(noStatus.status).toBe(400);
    expect(noStatus.headers.get('ratelimit-policy')).toBeNull();
  });

  it('counts valid searches by zone or postcode in that zone’s or département’s budget', async () => {
    const zone = await newZone(client);
    for (const filter of [`zone=${zone.siren}`, `schedule.actor:Location.address-postalcode=${zone.postcode}`]) {
      const res = await search(filter);
      expect(res.status, filter).toBe(200);
      expect(res.headers.get('ratelimit-policy'), filter).toMatch(
        /^"zone";q=150;w=8, "caller";q=60;w=60, "caller-total"/,
      );
    }
  });

  it('a search by practitioners spends the budget all such searches share', async () => {
    const res = await search(
      `schedule.actor:Practitioner.identifier=${encodeURIComponent(`${RPPS_SYSTEM}|810001234567`)}`,
    );
    expect(res.status).toBe(200);
    expect(res.body.resourceType).toBe('Bundle');
    expect(res.headers.get('ratelimit-policy')).toMatch(/^"zone";q=150;w=8, "caller";q=60;w=60, "caller-total"/);
  });
});
