// The data one fuzz file works on: a zone of its own with a site, the fuzz doctor's mission and a
// victim doctor's, bookings and holds of the fuzz callers and of a victim patient, and a token per
// role. Every subject the fuzz callers use carries `fuzz-<tag>-`, so that rows they could create
// are found again without counting what other test files do at the same time.
import { expect } from 'vitest';
import { api, type Api } from '../helpers/api';
import { book, newMission, newSite, newZone, randomRpps } from '../helpers/fixtures';
import { sql } from '../helpers/sql';
import { token } from '../helpers/tokens';

/** Missions and bookings are planned at this instant; the day itself is worked at DAY. */
export const PLANNING = new Date('2026-12-01T08:00:00Z');
export const DAY = new Date('2026-12-10T08:40:00Z');

export interface World {
  tag: string;
  siren: string;
  insee: string;
  postcode: string;
  rpps: string;
  clients: { planning: Api; day: Api };
  tokens: Record<'patient' | 'integrator' | 'agent' | 'doctor' | 'admin', string>;
  ids: { site: string[]; mission: string[]; slot: string[]; booking: string[]; hold: string[] };
}

async function created(res: { status: number; body: any }) {
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
}

export async function buildWorld(tag: string): Promise<World> {
  // The limiter is off: a thousand requests a minute from one caller would be 429 after the burst
  // and never reach validation and rules, which is what this fuzzing is about. It has tests of its own.
  const env = { RATE_LIMIT_ENABLED: '0' };
  const planning = api({ now: PLANNING, env });
  const day = api({ now: DAY, env });
  const zone = await newZone(planning);
  const site = await newSite(planning, zone);
  const rpps = randomRpps();
  const sub = (role: string) => `fuzz-${tag}-${role}`;
  const tokens = {
    patient: await token('patient', { sub: sub('patient') }),
    integrator: await token('integrator', { sub: sub('integrator'), client_id: sub('app') }),
    agent: await token('agent', { sub: sub('agent') }),
    doctor: await token('doctor', { sub: sub('doctor'), rpps }),
    admin: await token('admin', { sub: sub('admin') }),
  };
  const victimDoctor = await token('doctor', { sub: `victim-${tag}`, rpps: randomRpps() });
  const mission = await newMission(planning, tokens.doctor, site.id, {
    date: '2026-12-10',
    start: '09:00',
    end: '12:00',
  });
  const victimMission = await newMission(planning, victimDoctor, site.id, { date: '2026-12-11' });
  const slots = (
    await sql<{ id: string }>('SELECT id FROM slots WHERE epci_siren = $1 ORDER BY starts_at', [zone.siren])
  ).map((s) => s.id);
  const victim = await token('patient', { sub: `victim-${tag}-patient` });
  const bookings = [
    await created(await book(planning, tokens.patient, { slotId: slots[0] })),
    await created(await book(planning, tokens.agent, { slotId: slots[1], callReference: 'CALL-1' })),
    await created(await book(planning, victim, { slotId: slots[2] })),
    await created(await book(planning, victim, { slotId: slots[10] })),
  ];
  const holds = [
    await created(await planning.post('/v1/holds', { slotId: slots[3] }, tokens.patient)),
    await created(await planning.post('/v1/holds', { slotId: slots[4] }, victim)),
  ];
  return {
    tag,
    siren: zone.siren,
    insee: zone.insee,
    postcode: zone.postcode,
    rpps,
    clients: { planning, day },
    tokens,
    ids: { site: [site.id], mission: [mission.id, victimMission.id], slot: slots, booking: bookings, hold: holds },
  };
}
