import pg from 'pg';
import { inject } from 'vitest';
import { describe, expect, it } from 'vitest';
import { PRIORITY_ZONES_CSV, prepareDatabase } from './prepare';
import { readPriorityZonesCsv } from './seed-reference';

async function counts(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ epci: number; communes: number; zones: number; members: number }>(`
      SELECT (SELECT count(*) FROM epci)::int AS epci, (SELECT count(*) FROM communes)::int AS communes,
             (SELECT count(*) FROM priority_zones WHERE source <> 'test fixture')::int AS zones,
             (SELECT count(*) FROM communes WHERE epci_siren IS NOT NULL)::int AS members`);
    return rows[0];
  } finally {
    await client.end();
  }
}

describe('reference data seed', () => {
  it('loads every EPCI and commune with its EPCI, and every resolved priority zone', async () => {
    const seeded = await counts(inject('databaseUrl'));
    expect(seeded.epci).toBe(1255);
    expect(seeded.communes).toBeGreaterThan(34_900);
    expect(seeded.members).toBeGreaterThan(34_800);
    expect(seeded.zones).toBeGreaterThanOrEqual(readPriorityZonesCsv(PRIORITY_ZONES_CSV).length);
  });

  it('is idempotent: seeding again gives the same rows', async () => {
    const url = inject('databaseUrl');
    const before = await counts(url);
    await prepareDatabase(url);
    await prepareDatabase(url);
    expect(await counts(url)).toEqual(before);
  });

  it('reads quoted CSV fields with commas and doubled quotes', () => {
    const rows = readPriorityZonesCsv(PRIORITY_ZONES_CSV);
    expect(rows.every((r) => /^\d{9}$/.test(r.siren) && r.source.length > 3)).toBe(true);
    expect(rows.find((r) => r.siren === '200071082')?.source).toContain('ARS Auvergne-Rhône-Alpes');
  });
});
