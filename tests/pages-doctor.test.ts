// The doctor's pages through HTTP in workerd, signed in through the local Pro Santé Connect twin
// as a fresh doctor: declare (every rule a French message, nothing written), cancel after saying who
// is told, check in and out, arrival, no-show, the consultation at the tarif opposable, the
// indemnities and their CSV; and another doctor sees none of it.
import { describe, expect, it } from 'vitest';
import { api } from './helpers/api';
import { Browser, csrfOf } from './helpers/browser';
import { newMission, newSite, newZone, randomRpps } from './helpers/fixtures';
import { booked, planning } from './helpers/mission-day';
import { letters } from './helpers/names';
import { sql } from './helpers/sql';
import { token } from './helpers/tokens';

async function signedIn(now: Date, rpps: string) {
  const browser = new Browser(api({ now }));
  const callback = await browser.signIn('/medecin', `rpps-${rpps}`, 'psc');
  expect(callback.status).toBe(303);
  return browser;
}

/**
 * A fresh doctor (a new RPPS) signed in at `start`. Sessions last an hour at most, so moving the
 * clock (`at`) signs in again, as the doctor would; `csrf` reads the new session's token.
 */
async function doctorBrowser(start: string, rpps = randomRpps()) {
  const doctor = {
    rpps,
    browser: await signedIn(new Date(start), rpps),
    doctorToken: await token('doctor', { sub: `dr-${rpps}`, rpps }),
    async at(iso: string) {
      doctor.browser = await signedIn(new Date(iso), rpps);
      return csrfOf((await doctor.browser.get('/medecin')).body)!;
    },
  };
  return doctor;
}

/** A site with coordinates (a zone of its own) and a morning of 20-minute slots on 2 March 2027, for this doctor. */
async function morning(doctorToken: string) {
  const zone = await newZone(planning);
  const site = await newSite(planning, zone, { name: 'Maison de santé du Bourg', latitude: 44.0, longitude: 0.5 });
  const mission = await newMission(planning, doctorToken, site.id, {
    date: '2027-03-02',
    start: '09:00',
    end: '12:00',
    slotMinutes: 20,
  });
  const slots = await sql<{ id: string }>(`SELECT id FROM slots WHERE mission_id = $1 ORDER BY starts_at`, [
    mission.id,
  ]);
  return { site, mission, slotIds: slots.map((s) => s.id) };
}

const location = (res: { headers: Headers }) => res.headers.get('location')!;
const missionCount = async (rpps: string) =>
  (
    await sql<{ n: number }>(`SELECT count(*)::int AS n FROM missions WHERE doctor_rpps = $1 AND status = 'planned'`, [
      rpps,
    ])
  )[0].n;

describe('Mes journées de mission', () => {
  it('shows the monthly count; declaring refuses every broken rule in French and writes nothing; a valid day is declared', async () => {
    const doctor = await doctorBrowser('2027-03-01T09:00:00Z');
    const { site } = await morning(doctor.doctorToken);
    const list = await doctor.browser.get('/medecin');
    expect(list.status).toBe(200);
    expect(list.body).toContain('1 jour sur 2 utilisé en mars');
    expect(list.body).toContain('aucun jour sur 2 utilisé en avril');
    expect(list.body).toContain('Maison de santé du Bourg');

    const form = await doctor.browser.get('/medecin/journees/nouvelle');
    expect(form.status).toBe(200);
    expect(form.body).toContain(`value="${site.id}"`);
    const csrf = csrfOf(form.body)!;
    const declare = (fields: Record<string, string>) =>
      doctor.browser.post('/medecin/journees/nouvelle', {
        csrf,
        site: site.id,
        date: '2027-03-10',
        start: '09:00',
        end: '17:00',
        slotMinutes: '20',
        ...fields,
      });

    const cases: Array<[Record<string, string>, number, string, string]> = [
      [{ site: '', date: 'demain' }, 400, 'href="#site"', 'Indiquez une date au format JJ/MM/AAAA'],
      [{ start: '25:00' }, 400, 'href="#start"', 'Indiquez l’heure de début au format HH:MM'],
      [{ slotMinutes: '7' }, 400, 'href="#slotMinutes"', 'Choisissez une durée dans la liste'],
      [{ site: crypto.randomUUID() }, 422, 'href="#site"', 'Ce lieu n’existe pas ou plus'],
      [{ date: '28/02/2027' }, 422, 'href="#date"', 'Ce moment est déjà passé'],
      [{ start: '17:00', end: '09:00' }, 422, 'href="#end"', 'l’heure de fin doit venir après l’heure de début'],
      [{ date: '2028-06-01' }, 422, 'href="#date"', 'au plus un an à l’avance'],
      [{ date: '02/03/2027' }, 409, 'href="#date"', 'Vous avez déjà une journée de mission le mardi 2 mars'],
    ];
    for (const [fields, status, link, message] of cases) {
      const res = await declare(fields);
      expect(res.status, message).toBe(status);
      expect(res.body).toContain('role="alert"');
      expect(res.body).toContain(link);
      expect(res.body).toContain(message);
      expect(res.body).toContain('aria-invalid="true"');
      expect(res.body).toContain('<title>Erreur : ');
    }
    expect(await missionCount(doctor.rpps)).toBe(1);

    const declared = await declare({ date: '10/03/2027', start: '9h', end: '17 h 30' });
    expect(declared.status).toBe(303);
    expect(location(declared)).toMatch(/^\/medecin\?declaree=[0-9a-f-]{36}$/);
    const after = await doctor.browser.get(location(declared));
    expect(after.body).toContain('Journée du mercredi 10 mars déclarée');
    expect(after.body).toContain('25 rendez-vous sont ouverts à la réservation');
    expect(after.body).toContain('2 jours sur 2 utilisés en mars');
    const [day] = await sql<{ start_local: string; end_local: string; day_kind: string }>(
      `SELECT start_local::text, end_local::text, day_kind FROM missions WHERE doctor_rpps = $1 AND local_date = '2027-03-10'`,
      [doctor.rpps],
    );
    expect(day).toEqual({ start_local: '09:00:00', end_local: '17:30:00', day_kind: 'full' });

    const third = await declare({ date: '2027-03-20' });
    expect(third.status).toBe(422);
    expect(third.body).toContain('Vous avez déjà 2 journées en mars : c’est le maximum par mois');
    expect(await missionCount(doctor.rpps)).toBe(2);
  });

  it('cancels a future day after saying how many patients will be told; a started day cannot be cancelled', async () => {
    const doctor = await doctorBrowser('2027-02-20T09:00:00Z');
    const { mission, slotIds } = await morning(doctor.doctorToken);
    const bookingIds = [await booked(slotIds[0]), await booked(slotIds[1])];
    const confirm = await doctor.browser.get(`/medecin/journees/${mission.id}/annuler`);
    expect(confirm.status).toBe(200);
    expect(confirm.body).toContain('2 patients ont réservé : ils seront tous prévenus de l’annulation.');
    const cancelled = await doctor.browser.post(`/medecin/journees/${mission.id}/annuler`, {
      csrf: csrfOf(confirm.body)!,
    });
    expect(cancelled.status).toBe(303);
    const list = await doctor.browser.get(location(cancelled));
    expect(list.body).toContain('Journée du mardi 2 mars annulée');
    expect(list.body).toContain('Les 2 patients qui avaient réservé sont prévenus');
    expect(list.body).toContain('aucun jour sur 2 utilisé en mars');
    const statuses = await sql<{ status: string; cancelled_by: string }>(
      `SELECT status, cancelled_by FROM bookings WHERE id = ANY($1::uuid[])`,
      [bookingIds],
    );
    expect(statuses).toEqual([
      { status: 'cancelled', cancelled_by: 'doctor' },
      { status: 'cancelled', cancelled_by: 'doctor' },
    ]);

    const again = await doctor.browser.post(`/medecin/journees/${mission.id}/annuler`, { csrf: csrfOf(confirm.body)! });
    expect(again.status).toBe(409);
    expect(again.body).toContain('Cette journée est déjà annulée.');

    const other = await morning(doctor.doctorToken);
    const csrf = await doctor.at('2027-03-02T08:30:00Z');
    const started = await doctor.browser.get(`/medecin/journees/${other.mission.id}/annuler`);
    expect(started.status).toBe(409);
    expect(started.body).toContain('Cette journée a commencé : elle ne peut plus être annulée.');
    expect(started.body).not.toContain('Confirmer l’annulation');
    const forced = await doctor.browser.post(`/medecin/journees/${other.mission.id}/annuler`, { csrf });
    expect(forced.status).toBe(409);
    expect(await missionCount(doctor.rpps)).toBe(1);
  });
});

describe('Ma journée', () => {
  it('checks in (window and distance refused in words), records arrival, no-show (each undone on the day, audited) and the consultation at the tarif opposable, checks out; the indemnity follows', async () => {
    const doctor = await doctorBrowser('2027-03-02T06:00:00Z'); // 7 h in Paris: check-in opens at 8 h
    const { mission, slotIds } = await morning(doctor.doctorToken);
    // Names of this run: the per-person cap counts a name and birth date across tests.
    const tag = letters();
    const adult = await booked(slotIds[0], { firstName: 'Jeanne', lastName: `Adulte-${tag}`, birthDate: '1950-06-15' });
    const child = await booked(slotIds[1], { firstName: 'Léo', lastName: `Enfant-${tag}`, birthDate: '2024-01-10' });
    const absent = await booked(slotIds[2], { firstName: 'Paul', lastName: `Absent-${tag}`, birthDate: '1980-01-01' });
    const dayPath = `/medecin/journees/${mission.id}`;

    const today = await doctor.browser.get('/medecin/aujourdhui');
    expect(today.status).toBe(302);
    expect(location(today)).toBe(dayPath);
    const day = await doctor.browser.get(dayPath);
    expect(day.status).toBe(200);
    expect(day.body).toContain('Ma journée du mardi 2 mars');
    expect(day.body).toContain(`Jeanne Adulte-${tag}`);
    expect(day.body).toContain('src="/pages/geolocation.js"');
    let csrf = csrfOf(day.body)!;

    const early = await doctor.browser.post(`${dayPath}/arrivee`, { csrf, latitude: '', longitude: '' });
    expect(early.status).toBe(422);
    expect(early.body).toContain('Le pointage de cette journée est ouvert le mardi 2 mars de 8\u00a0h à 12\u00a0h');

    csrf = await doctor.at('2027-03-02T07:30:00Z');
    const far = await doctor.browser.post(`${dayPath}/arrivee`, { csrf, latitude: '44.05', longitude: '0.5' });
    expect(far.status).toBe(422);
    expect(far.body).toMatch(/Votre position est à 5\u202f\d{3} m du lieu/);
    const arrivalTooEarly = await doctor.browser.post(`${dayPath}/patients/${absent}/absent`, { csrf });
    expect(arrivalTooEarly.status).toBe(409);
    expect(arrivalTooEarly.body).toContain('une fois l’heure de son rendez-vous passée');
    const notCheckedIn = await doctor.browser.post(`${dayPath}/depart`, { csrf });
    expect(notCheckedIn.status).toBe(409);
    expect(notCheckedIn.body).toContain('Pointez d’abord votre arrivée');

    // Without JavaScript the hidden fields stay empty: the check-in works without a position.
    const checkedIn = await doctor.browser.post(`${dayPath}/arrivee`, { csrf, latitude: '', longitude: '' });
    expect(checkedIn.status).toBe(303);
    expect((await doctor.browser.get(location(checkedIn))).body).toContain('Arrivée pointée à 8\u00a0h\u00a030');

    // 8 h 30, before the day's 9 h start: the departure is not offered, and refused if sent.
    const beforeStart = await doctor.browser.get(dayPath);
    expect(beforeStart.body).toContain(
      'Vous pourrez pointer votre départ à partir de 9\u00a0h, l’heure du début de la journée.',
    );
    expect(beforeStart.body).not.toContain('Pointer mon départ');
    for (const tooEarly of [
      await doctor.browser.get(`${dayPath}/depart`),
      await doctor.browser.post(`${dayPath}/depart`, { csrf }),
    ]) {
      expect(tooEarly.status).toBe(409);
      expect(tooEarly.body).toContain(
        'Le départ se pointe à partir du début de la journée, à 9\u00a0h. Revenez à ce moment-là.',
      );
    }
    expect(
      (await sql<{ checked_out_at: Date | null }>(`SELECT checked_out_at FROM missions WHERE id = $1`, [mission.id]))[0]
        .checked_out_at,
    ).toBeNull();

    for (const id of [adult, child])
      expect((await doctor.browser.post(`${dayPath}/patients/${id}/arrivee`, { csrf })).status).toBe(303);
    const twice = await doctor.browser.post(`${dayPath}/patients/${adult}/arrivee`, { csrf });
    expect(twice.status).toBe(409);
    expect(twice.body).toContain('Ce rendez-vous a déjà changé d’état');

    // A mistaken arrival is undone on the day: the patient is expected again, and it is audited.
    expect((await doctor.browser.get(dayPath)).body).toContain(
      `aria-label="Annuler l’arrivée de Léo Enfant-${tag} (de nouveau attendu)"`,
    );
    const undone = await doctor.browser.post(`${dayPath}/patients/${child}/annuler`, { csrf });
    expect(undone.status).toBe(303);
    expect((await doctor.browser.get(location(undone))).body).toContain(
      'C’est annulé : le patient est de nouveau attendu.',
    );
    expect(
      (
        await sql<{ status: string; arrived_at: Date | null }>(
          `SELECT status, arrived_at FROM bookings WHERE id = $1`,
          [child],
        )
      )[0],
    ).toEqual({ status: 'booked', arrived_at: null });
    const audited = (id: string) =>
      sql<{ action: string; actor_role: string }>(
        `SELECT action, actor_role FROM audit_events WHERE booking_id = $1 ORDER BY id`,
        [id],
      );
    expect(await audited(child)).toEqual([{ action: 'booking.arrival.undo', actor_role: 'doctor' }]);
    expect((await doctor.browser.post(`${dayPath}/patients/${child}/annuler`, { csrf })).status).toBe(409);
    expect((await doctor.browser.post(`${dayPath}/patients/${child}/arrivee`, { csrf })).status).toBe(303);

    const adultForm = await doctor.browser.get(`${dayPath}/patients/${adult}/consultation`);
    expect(adultForm.status).toBe(200);
    expect(adultForm.body).toContain('G – Consultation de médecine générale');
    expect(adultForm.body).not.toContain('MEG');
    expect(adultForm.body).toContain('Enregistrer la consultation (30 €)');
    // The form carries nothing but its CSRF token: no act, no amount, no dépassement can be typed.
    const consultationForm = /<form method="post" action="[^"]*consultation">([\s\S]*?)<\/form>/.exec(
      adultForm.body,
    )![1];
    expect([...consultationForm.matchAll(/<(input|select|textarea)\b[^>]*>/g)].map((m) => m[0])).toEqual([
      expect.stringContaining('name="csrf"'),
    ]);
    const childForm = await doctor.browser.get(`${dayPath}/patients/${child}/consultation`);
    expect(childForm.body).toContain('MEG – Majoration pour un enfant de moins de 6 ans');
    expect(childForm.body).toContain('Enregistrer la consultation (35 €)');

    // Extra fields are ignored: the amount is the server's.
    const done = await doctor.browser.post(`${dayPath}/patients/${adult}/consultation`, {
      csrf,
      billedCents: '9000',
      overbillingCents: '2000',
      acts: 'DE',
    });
    expect(done.status).toBe(303);
    expect((await doctor.browser.get(location(done))).body).toContain(
      `Consultation de Jeanne Adulte-${tag} enregistrée : 30 €`,
    );
    expect((await doctor.browser.post(`${dayPath}/patients/${child}/consultation`, { csrf })).status).toBe(303);
    const billed = await sql<{ id: string; status: string; billed_acts: string[]; billed_cents: number }>(
      `SELECT id, status, billed_acts, billed_cents FROM bookings WHERE id = ANY($1::uuid[]) ORDER BY starts_at`,
      [[adult, child]],
    );
    expect(billed.map(({ status, billed_acts, billed_cents }) => ({ status, billed_acts, billed_cents }))).toEqual([
      { status: 'fulfilled', billed_acts: ['G'], billed_cents: 3000 },
      { status: 'fulfilled', billed_acts: ['G', 'MEG'], billed_cents: 3500 },
    ]);
    const again = await doctor.browser.get(`${dayPath}/patients/${adult}/consultation`);
    expect(again.status).toBe(409);

    csrf = await doctor.at('2027-03-02T08:45:00Z'); // 9 h 45: Paul's 9 h 40 slot has started
    expect((await doctor.browser.post(`${dayPath}/patients/${absent}/absent`, { csrf })).status).toBe(303);
    expect((await doctor.browser.post(`${dayPath}/patients/${absent}/annuler`, { csrf })).status).toBe(303);
    expect(await audited(absent)).toEqual([{ action: 'booking.no-show.undo', actor_role: 'doctor' }]);
    expect((await doctor.browser.post(`${dayPath}/patients/${absent}/absent`, { csrf })).status).toBe(303);
    // A consultation recorded is not undone here.
    const consulted = await doctor.browser.post(`${dayPath}/patients/${adult}/annuler`, { csrf });
    expect(consulted.status).toBe(409);
    expect(consulted.body).toContain('Ce rendez-vous a déjà changé d’état');
    csrf = await doctor.at('2027-03-02T11:05:00Z');
    const confirm = await doctor.browser.get(`${dayPath}/depart`);
    expect(confirm.status).toBe(200);
    expect(confirm.body).toContain(
      'arrivée à 8\u00a0h\u00a030, départ maintenant (12\u00a0h\u00a005), soit 3\u00a0h\u00a035 de présence.',
    );
    expect(confirm.body).toContain('Cette présence compte pour une demi-journée.');
    expect(confirm.body).toContain('Confirmer mon départ');
    expect(
      (await sql<{ checked_out_at: Date | null }>(`SELECT checked_out_at FROM missions WHERE id = $1`, [mission.id]))[0]
        .checked_out_at,
    ).toBeNull();
    const out = await doctor.browser.post(`${dayPath}/depart`, { csrf });
    expect(out.status).toBe(303);
    const closed = await doctor.browser.get(location(out));
    expect(closed.body).toContain('départ à 12\u00a0h\u00a005');
    expect(closed.body).not.toContain('Pointer mon départ');
    expect(location(await doctor.browser.get(`${dayPath}/depart`))).toBe(dayPath);

    // The next day, an absence is no longer undone here (the ARS corrects a past day).
    csrf = await doctor.at('2027-03-03T08:00:00Z');
    expect((await doctor.browser.get(dayPath)).body).not.toContain('Annuler l’absence');
    const dayOver = await doctor.browser.post(`${dayPath}/patients/${absent}/annuler`, { csrf });
    expect(dayOver.status).toBe(409);
    expect(dayOver.body).toContain('Une arrivée ou une absence ne s’annule que le jour même.');
    expect((await sql<{ status: string }>(`SELECT status FROM bookings WHERE id = $1`, [absent]))[0].status).toBe(
      'noshow',
    );

    const indemnities = await doctor.browser.get('/medecin/indemnites?mois=2027-03');
    expect(indemnities.status).toBe(200);
    expect(indemnities.body).toContain('Demi-journée');
    expect(indemnities.body).toMatch(/id="total">100 €/);
    const csv = await doctor.browser.get('/medecin/indemnites.csv?mois=2027-03');
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.headers.get('content-disposition')).toContain('indemnites-2027-03.csv');
    const [header, line] = String(csv.body).trim().split('\r\n');
    expect(header).toBe(
      'date,site,finess,epci_siren,day_kind,start,end,hours,checked_in_at,checked_out_at,consultations,no_shows,amount_cents',
    );
    expect(line).toMatch(
      /^2027-03-02,Maison de santé du Bourg,,\d{9},half,09:00,12:00,3,2027-03-02T08:30:00\+01:00,2027-03-02T12:05:00\+01:00,2,1,10000$/,
    );

    const bad = await doctor.browser.get('/medecin/indemnites?mois=mars');
    expect(bad.status).toBe(400);
    expect(bad.body).toContain('Indiquez un mois au format AAAA-MM');
  });
});

describe('the doctor’s pages at their edges', () => {
  it('no day today, repeated check-in and check-out, a checked-in day not cancellable, a consultation before arrival, odd input: French answers, never a 5xx', async () => {
    const doctor = await doctorBrowser('2027-03-01T09:00:00Z');
    const { site, mission, slotIds } = await morning(doctor.doctorToken);
    const patient = await booked(slotIds[0]);
    const none = await doctor.browser.get('/medecin/aujourdhui');
    expect(none.status).toBe(200);
    expect(none.body).toContain('Vous n’avez pas de journée de mission aujourd’hui.');
    expect(none.body).toContain(`href="/medecin/journees/${mission.id}"`);
    const form = await doctor.browser.get('/medecin/journees/nouvelle');
    for (const date of ['0001-01-01', '2027-02-30', '31/12/99999']) {
      const res = await doctor.browser.post('/medecin/journees/nouvelle', {
        csrf: csrfOf(form.body)!,
        site: site.id,
        date,
        start: '09:00',
        end: '12:00',
        slotMinutes: '20',
      });
      expect(res.status, date).toBeGreaterThanOrEqual(400);
      expect(res.status, date).toBeLessThan(500);
      expect(res.body).toContain('id="date-erreur"');
    }

    const csrf = await doctor.at('2027-03-02T08:00:00Z');
    const dayPath = `/medecin/journees/${mission.id}`;
    const early = await doctor.browser.get(`${dayPath}/patients/${patient}/consultation`);
    expect(early.status).toBe(409);
    expect(early.body).toContain('Enregistrez d’abord l’arrivée du patient.');
    for (let i = 0; i < 2; i++)
      expect((await doctor.browser.post(`${dayPath}/arrivee`, { csrf, latitude: 'abc', longitude: '' })).status).toBe(
        303,
      );
    const cancel = await doctor.browser.get(`${dayPath}/annuler`);
    expect(cancel.status).toBe(409);
    expect(cancel.body).toContain('Vous avez pointé votre arrivée à cette journée : elle ne peut plus être annulée.');
    for (let i = 0; i < 2; i++) expect((await doctor.browser.post(`${dayPath}/depart`, { csrf })).status).toBe(303);
    const [times] = await sql<{ checked_in_at: Date; checked_out_at: Date }>(
      `SELECT checked_in_at, checked_out_at FROM missions WHERE id = $1`,
      [mission.id],
    );
    expect(times.checked_in_at.toISOString()).toBe('2027-03-02T08:00:00.000Z');
    expect(times.checked_out_at.toISOString()).toBe('2027-03-02T08:00:00.000Z');
    const month = await doctor.browser.get('/medecin/indemnites?mois=9999-12');
    expect(month.status).toBe(200);
    expect(month.body).toContain('Aucune journée de mission en décembre 9999.');
  });
});

describe('one doctor, their own days only', () => {
  it('another doctor cannot open the day, its patients or its cancellation, nor act on them: 404, nothing changed', async () => {
    const owner = await doctorBrowser('2027-03-02T08:00:00Z');
    const { mission, slotIds } = await morning(owner.doctorToken);
    const bookingId = await booked(slotIds[0]);
    const ownerDay = await owner.browser.get(`/medecin/journees/${mission.id}`);
    expect(
      (await owner.browser.post(`/medecin/journees/${mission.id}/arrivee`, { csrf: csrfOf(ownerDay.body)! })).status,
    ).toBe(303);

    const other = await doctorBrowser('2027-03-02T08:00:00Z');
    const own = await morning(other.doctorToken);
    const home = await other.browser.get('/medecin');
    const csrf = csrfOf(home.body)!;
    expect(home.body).not.toContain(mission.id);
    const day = `/medecin/journees/${mission.id}`;
    const attempts = [
      await other.browser.get(day),
      await other.browser.get(`${day}/annuler`),
      await other.browser.post(`${day}/annuler`, { csrf }),
      await other.browser.post(`${day}/arrivee`, { csrf }),
      await other.browser.post(`${day}/depart`, { csrf }),
      await other.browser.post(`${day}/patients/${bookingId}/arrivee`, { csrf }),
      await other.browser.post(`${day}/patients/${bookingId}/absent`, { csrf }),
      await other.browser.get(`${day}/patients/${bookingId}/consultation`),
      await other.browser.post(`${day}/patients/${bookingId}/consultation`, { csrf }),
      // Their own day's path with the other doctor's patient.
      await other.browser.post(`/medecin/journees/${own.mission.id}/patients/${bookingId}/arrivee`, { csrf }),
      await other.browser.get(`/medecin/journees/${own.mission.id}/patients/${bookingId}/consultation`),
      await other.browser.get('/medecin/journees/pas-un-identifiant'),
    ];
    for (const res of attempts) {
      expect(res.status).toBe(404);
      expect(res.body).toContain('Journée introuvable');
    }
    const [state] = await sql<{ status: string; checked_out_at: string | null }>(
      `SELECT status, checked_out_at FROM missions WHERE id = $1`,
      [mission.id],
    );
    expect(state).toEqual({ status: 'planned', checked_out_at: null });
    const [booking] = await sql<{ status: string }>(`SELECT status FROM bookings WHERE id = $1`, [bookingId]);
    expect(booking.status).toBe('booked');
  });

  it('a patient’s session is refused the doctor’s space; a signed-out visit goes to Pro Santé Connect', async () => {
    const signedOut = await new Browser(api()).get('/medecin/indemnites');
    expect(signedOut.status).toBe(303);
    expect(location(signedOut)).toContain('fournisseur=psc');
    const patient = new Browser(api());
    await patient.signIn('/mes-rendez-vous', 'fc-demo-1', 'fc');
    const refused = await patient.get('/medecin');
    expect(refused.status).toBe(403);
    expect(refused.body).toContain('lang="fr"');
  });
});
