// The mission day seen through the API: a mission declared under one clock, then worked under
// later clocks (`at`), each request at the instant the test chooses.
import { expect } from 'vitest';
import { api, type Api } from './api';
import { book, newDoctor, newMission, newSite, newZone, patientBody } from './fixtures';
import { sql } from './sql';
import { token } from './tokens';

/** Missions and bookings are made under this clock, before every day the tests work. */
export const planning = api({ now: new Date('2026-12-01T08:00:00Z') });

/** The API as it answers at `iso`. */
export const at = (iso: string) => api({ now: new Date(iso) });

export interface DayOptions {
  date: string;
  start?: string;
  end?: string;
  slotMinutes?: number;
  /** An existing commune (e.g. '97311', Saint-Laurent-du-Maroni, in a seeded priority zone) instead of a new zone. */
  insee?: string;
  site?: Record<string, unknown>;
  client?: Api;
}

/** A site of its own (in a new zone unless `insee`), a new doctor and one mission day. */
export async function missionDay(options: DayOptions) {
  const client = options.client ?? planning;
  const zone = options.insee ? undefined : await newZone(client);
  const site = await newSite(client, { insee: options.insee ?? zone!.insee }, options.site);
  const doctor = await newDoctor();
  const mission = await newMission(client, doctor.token, site.id, {
    date: options.date,
    start: options.start ?? '09:00',
    end: options.end ?? '12:00',
    slotMinutes: options.slotMinutes ?? 20,
  });
  const slots = await sql<{ id: string }>(`SELECT id FROM slots WHERE mission_id = $1 ORDER BY starts_at`, [
    mission.id,
  ]);
  return { siren: site.epci.siren, site, doctor, mission, slotIds: slots.map((s) => s.id) };
}

/** Books a slot as a new web patient; returns the booking id. */
export async function booked(slotId: string, patient: Record<string, unknown> = {}, client: Api = planning) {
  const res = await book(client, await token('patient'), { slotId, patient: patientBody(patient) });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
}

export async function checkIn(
  client: Api,
  missionId: string,
  doctorToken: string,
  point?: { latitude: number; longitude: number },
) {
  return client.post(`/v1/missions/${missionId}/check-in`, point ?? {}, doctorToken);
}
