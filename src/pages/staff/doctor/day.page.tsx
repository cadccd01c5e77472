// "Ma journée" (/medecin/journees/:id): check in and out, and the day's patients with arrival,
// no-show and the consultation, each through the core operation the API uses. A refusal shows the
// day again with a French message; nothing changes. Another doctor's day or patient is a 404.
import { callerAs, callerOf } from '../../../middleware/require-role';
import type { Context } from 'hono';
import { csrfToken } from '../../sign-in/csrf';
import {
  completeConsultation,
  markArrival,
  markNoShow,
  undoArrivalOrNoShow,
} from '../../../core/bookings/transitions.operations';
import { dayPatients } from '../../../core/missions/doctor-day.queries';
import { checkIn, checkOut } from '../../../core/missions/missions.operations';
import { listMissionsWhere, missionById, type MissionRow } from '../../../core/missions/missions.queries';
import { checkInWindow } from '../../../domain/check-in';
import { paidDayKind } from '../../../domain/indemnity';
import { presenceThresholds } from '../../../core/indemnities/indemnities.operations';
import { problem } from '../../../domain/problem';
import { expectedConsultation, rateOn, type TariffRate, type Visit } from '../../../domain/tariff';
import { localDate } from '../../../domain/time';
import { Uuid } from '../../../lib/openapi';
import type { AppEnv } from '../../../app-env';
import { euros, frenchTime } from '../../format';
import { renderPage } from '../../render';
import { StaffLayout } from '../staff-layout';
import { frenchLocalDate } from './doctor.format';
import type { Notice } from './doctor.components';
import { DAY_REFUSALS, refusalOf, type Refusal } from './doctor.refusals';
import { CheckOutView, ConsultationView, DayView, type DayPatient } from './day.view';
import { dayNotFound } from './not-found.page';

const GEOLOCATION_SCRIPT = '/pages/geolocation.js';

const rppsOf = (c: Context<AppEnv>) => callerAs(c, 'doctor').rpps;
const dayPath = (id: string) => `/medecin/journees/${id}`;

async function ownMission(c: Context<AppEnv>) {
  const id = Uuid.safeParse(c.req.param('id'));
  return id.success ? missionById(c.var.db, id.data, rppsOf(c), c.var.now) : undefined;
}

/** The consultation the tarif opposable prices for this patient on the day's date, if a rate is in effect. */
function priced(rates: TariffRate[], visit: Visit) {
  try {
    return expectedConsultation(rates, visit);
  } catch {
    return undefined;
  }
}

async function patientsOf(c: Context<AppEnv>, mission: MissionRow) {
  const { patients, rates, territory } = await dayPatients(c.var.db, mission.id, rppsOf(c));
  const visitOf = (birthDate: string): Visit => ({ territory, date: mission.local_date, birthDate });
  const withPrices: DayPatient[] = patients.map((p) => ({
    ...p,
    consultation: p.status === 'arrived' ? priced(rates, visitOf(p.birth_date)) : undefined,
  }));
  return { patients: withPrices, rates, visitOf };
}

function refusalText(refusal: Refusal, mission: MissionRow, now: Date): string {
  if (refusal.code === 'check_in_window') {
    const { opensAt, closesAt } = checkInWindow({
      date: mission.local_date,
      start: mission.start_local,
      end: mission.end_local,
      timeZone: mission.time_zone,
    });
    return `Le pointage de cette journée est ouvert le ${frenchLocalDate(mission.local_date, mission.time_zone, now)} de ${frenchTime(opensAt, mission.time_zone)} à ${frenchTime(closesAt, mission.time_zone)}, à l’heure du lieu.`;
  }
  if (refusal.code === 'check_out_too_early') {
    return `Le départ se pointe à partir du début de la journée, à ${frenchTime(new Date(mission.starts_at), mission.time_zone)}. Revenez à ce moment-là.`;
  }
  if (refusal.code === 'check_in_too_far') {
    const distance = new Intl.NumberFormat('fr-FR').format(Number(refusal.extensions.distanceMeters ?? 0));
    return `Votre position est à ${distance} m du lieu ; le pointage se fait à moins d’un kilomètre. Rapprochez-vous du lieu, puis pointez à nouveau.`;
  }
  return DAY_REFUSALS[refusal.code] ?? 'Cette action n’a pas pu être enregistrée. Voici la journée à jour.';
}

async function dayView(
  c: Context<AppEnv>,
  mission: MissionRow,
  notice?: Notice,
  status: 200 | 409 | 422 = 200,
  loaded?: DayPatient[],
) {
  const patients = loaded ?? (await patientsOf(c, mission)).patients;
  const { opensAt } = checkInWindow({
    date: mission.local_date,
    start: mission.start_local,
    end: mission.end_local,
    timeZone: mission.time_zone,
  });
  return renderPage(
    c,
    <StaffLayout
      title={`${notice?.kind === 'error' ? 'Erreur : ' : ''}Ma journée`}
      space="medecin"
      session={c.var.session!}
      current="/medecin/aujourdhui"
      scripts={[GEOLOCATION_SCRIPT]}
    >
      <DayView
        mission={mission}
        patients={patients}
        opensAt={opensAt}
        now={c.var.now}
        csrf={csrfToken(c)!}
        notice={notice}
      />
    </StaffLayout>,
    status,
  );
}

/** After a refusal: the day as it now stands, with what was refused and why. */
async function refused(c: Context<AppEnv>, mission: MissionRow, error: unknown) {
  const refusal = refusalOf(error);
  if (!refusal) throw error;
  if (refusal.status === 404) return dayNotFound(c);
  const current = (await missionById(c.var.db, mission.id, rppsOf(c), c.var.now)) ?? mission;
  return dayView(
    c,
    current,
    { kind: 'error', title: 'Action impossible', text: refusalText(refusal, current, c.var.now) },
    refusal.status,
  );
}

const DONE: Record<string, string> = {
  arrivee: 'Arrivée pointée.',
  depart: 'Départ pointé : votre journée est terminée. Merci !',
  patient: 'Arrivée du patient enregistrée.',
  absent: 'Absence du patient enregistrée.',
  attendu: 'C’est annulé : le patient est de nouveau attendu.',
};

export async function dayPage(c: Context<AppEnv>) {
  const mission = await ownMission(c);
  if (!mission) return dayNotFound(c);
  const { patients } = await patientsOf(c, mission);
  const done = c.req.query('fait') ?? '';
  // The amount billed as the database holds it, never a figure carried in the address.
  const consulted =
    done === 'consultation'
      ? patients.find((p) => p.id === c.req.query('patient') && p.status === 'fulfilled')
      : undefined;
  const notice: Notice | undefined = consulted
    ? {
        kind: 'success',
        title: `Consultation de ${consulted.first_name} ${consulted.last_name} enregistrée : ${euros(consulted.billed_cents ?? 0)}`,
      }
    : DONE[done]
      ? { kind: 'success', title: DONE[done] }
      : undefined;
  return dayView(c, mission, notice, 200, patients);
}

/** /medecin/aujourdhui: today's day if there is one, else the way to the list. */
export async function todayPage(c: Context<AppEnv>) {
  const yesterday = localDate(new Date(c.var.now.getTime() - 86_400_000), 'Europe/Paris');
  const missions = await listMissionsWhere(
    c.var.db,
    { rpps: rppsOf(c) },
    [yesterday, '00000000-0000-0000-0000-000000000000'],
    10,
    c.var.now,
  );
  const today = missions.find((m) => m.status !== 'cancelled' && m.local_date === localDate(c.var.now, m.time_zone));
  if (today) return c.redirect(dayPath(today.id), 302);
  const next = missions.find((m) => m.status === 'planned' && m.local_date > localDate(c.var.now, m.time_zone));
  return renderPage(
    c,
    <StaffLayout title="Ma journée" space="medecin" session={c.var.session!} current="/medecin/aujourdhui">
      <h1>Ma journée</h1>
      <p>Vous n’avez pas de journée de mission aujourd’hui.</p>
      {next ? (
        <p>
          Votre prochaine journée :{' '}
          <a
            href={dayPath(next.id)}
          >{`${frenchLocalDate(next.local_date, next.time_zone, c.var.now)}, ${next.site_name}`}</a>
          .
        </p>
      ) : null}
      <p>
        <a class="fr-link fr-icon-arrow-left-line fr-link--icon-left" href="/medecin">
          Voir toutes mes journées
        </a>
      </p>
    </StaffLayout>,
  );
}

/** A point only when both coordinates are numbers in range: the position is never required. */
function pointOf(form: Record<string, unknown>) {
  const read = (name: string, limit: number) => {
    const text = typeof form[name] === 'string' ? (form[name] as string).trim() : '';
    const value = text === '' ? NaN : Number(text);
    return Number.isFinite(value) && Math.abs(value) <= limit ? value : undefined;
  };
  const latitude = read('latitude', 90);
  const longitude = read('longitude', 180);
  return latitude === undefined || longitude === undefined ? undefined : { latitude, longitude };
}

export async function checkInPage(c: Context<AppEnv>) {
  const mission = await ownMission(c);
  if (!mission) return dayNotFound(c);
  const point = pointOf(await c.req.parseBody());
  try {
    await checkIn(c.var.db, rppsOf(c), mission.id, point, c.var.now);
    return c.redirect(`${dayPath(mission.id)}?fait=arrivee`, 303);
  } catch (error) {
    return refused(c, mission, error);
  }
}

/** The hours the check-out will declare, to confirm; before the day's start it is refused in words. */
export async function checkOutFormPage(c: Context<AppEnv>) {
  const mission = await ownMission(c);
  if (!mission) return dayNotFound(c);
  if (mission.checked_out_at) return c.redirect(dayPath(mission.id), 302);
  const now = c.var.now;
  if (mission.status === 'cancelled')
    return refused(c, mission, problem('mission_cancelled', 'This mission is cancelled.'));
  if (!mission.checked_in_at) return refused(c, mission, problem('not_checked_in', 'Check in first.'));
  if (now.getTime() < new Date(mission.starts_at).getTime())
    return refused(c, mission, problem('check_out_too_early', 'Check-out opens when the mission starts.'));
  const thresholds = presenceThresholds(c.var.config());
  const paid = paidDayKind(
    {
      date: mission.local_date,
      dayKind: mission.day_kind,
      checkedInAt: new Date(mission.checked_in_at),
      checkedOutAt: now,
    },
    thresholds,
  );
  return renderPage(
    c,
    <StaffLayout title="Pointer mon départ" space="medecin" session={c.var.session!} current="/medecin/aujourdhui">
      <CheckOutView
        mission={mission}
        now={now}
        paid={paid}
        halfDayHours={thresholds.halfDayHours}
        csrf={csrfToken(c)!}
      />
    </StaffLayout>,
  );
}

export async function checkOutPage(c: Context<AppEnv>) {
  const mission = await ownMission(c);
  if (!mission) return dayNotFound(c);
  try {
    await checkOut(c.var.db, rppsOf(c), mission.id, c.var.now);
    return c.redirect(`${dayPath(mission.id)}?fait=depart`, 303);
  } catch (error) {
    return refused(c, mission, error);
  }
}

/** The patient of this doctor's day named in the path, with the day; undefined for anyone else's. */
async function ownPatient(c: Context<AppEnv>) {
  const mission = await ownMission(c);
  const bookingId = Uuid.safeParse(c.req.param('bookingId'));
  if (!mission || !bookingId.success) return undefined;
  const { patients, rates, visitOf } = await patientsOf(c, mission);
  const patient = patients.find((p) => p.id === bookingId.data);
  return patient ? { mission, patient, rates, visit: visitOf(patient.birth_date) } : undefined;
}

function patientAction(action: 'patient' | 'absent' | 'attendu', operation: typeof markArrival) {
  return async (c: Context<AppEnv>) => {
    const own = await ownPatient(c);
    if (!own) return dayNotFound(c);
    try {
      await operation(c.var.db, callerOf(c), own.patient.id, c.var.now);
      return c.redirect(`${dayPath(own.mission.id)}?fait=${action}`, 303);
    } catch (error) {
      return refused(c, own.mission, error);
    }
  };
}

export const arrivalPage = patientAction('patient', markArrival);
export const noShowPage = patientAction('absent', markNoShow);
export const undoPage = patientAction('attendu', undoArrivalOrNoShow);

export async function consultationFormPage(c: Context<AppEnv>) {
  const own = await ownPatient(c);
  if (!own) return dayNotFound(c);
  const { mission, patient, rates, visit } = own;
  if (patient.status !== 'arrived') {
    const text =
      patient.status === 'booked' ? 'Enregistrez d’abord l’arrivée du patient.' : DAY_REFUSALS.invalid_transition;
    return dayView(c, mission, { kind: 'error', title: 'Consultation impossible', text }, 409);
  }
  if (!patient.consultation)
    return dayView(
      c,
      mission,
      { kind: 'error', title: 'Consultation impossible', text: DAY_REFUSALS.tariff_unavailable },
      422,
    );
  const amounts = Object.fromEntries(
    patient.consultation.acts.map((code) => [code, rateOn(rates, visit.territory, code, visit.date) ?? 0]),
  );
  return renderPage(
    c,
    <StaffLayout
      title={`Consultation de ${patient.first_name} ${patient.last_name}`}
      space="medecin"
      session={c.var.session!}
      current="/medecin/aujourdhui"
    >
      <ConsultationView
        mission={mission}
        patient={patient}
        consultation={patient.consultation}
        rates={amounts}
        csrf={csrfToken(c)!}
      />
    </StaffLayout>,
  );
}

/** Bills exactly what the tarif opposable prices, computed here again: the form carries no act and no amount. */
export async function consultationPage(c: Context<AppEnv>) {
  const own = await ownPatient(c);
  if (!own) return dayNotFound(c);
  const { mission, patient, rates, visit } = own;
  const consultation = priced(rates, visit);
  if (!consultation)
    return dayView(
      c,
      mission,
      { kind: 'error', title: 'Consultation impossible', text: DAY_REFUSALS.tariff_unavailable },
      422,
    );
  try {
    const claim = { acts: consultation.acts.map((code) => ({ code })), billedCents: consultation.amountCents };
    await completeConsultation(c.var.db, callerOf(c), patient.id, claim, c.var.now);
    return c.redirect(`${dayPath(mission.id)}?fait=consultation&patient=${patient.id}`, 303);
  } catch (error) {
    return refused(c, mission, error);
  }
}
