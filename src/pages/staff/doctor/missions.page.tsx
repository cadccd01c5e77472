// GET /medecin: the doctor's mission days and the monthly count. GET/POST /medecin/journees/nouvelle:
// declare one (core declareMission: the same rules as the API, every refusal a French message on
// its field). GET/POST /medecin/journees/:id/annuler: cancel one after saying who will be told.
import { callerAs } from '../../../middleware/require-role';
import type { Context } from 'hono';
import { csrfToken } from '../../sign-in/csrf';
import { missionDaysByMonth, patientsToTell, siteChoices } from '../../../core/missions/doctor-day.queries';
import { cancelMission, declareMission } from '../../../core/missions/missions.operations';
import { listMissionsWhere, missionById, type MissionRow } from '../../../core/missions/missions.queries';
import { localDate } from '../../../domain/time';
import { LocalDate, LocalTime, Uuid } from '../../../lib/openapi';
import type { AppEnv } from '../../../app-env';
import { renderPage } from '../../render';
import { StaffLayout } from '../staff-layout';
import { frenchLocalDate, frenchMonth, monthlyUse, nextMonth } from './doctor.format';
import type { Notice } from './doctor.components';
import { CANCEL_REFUSALS, refusalOf } from './doctor.refusals';
import {
  CancelView,
  DeclareView,
  cancellable,
  MissionsView,
  SLOT_LENGTHS,
  type DeclareErrors,
  type DeclareValues,
} from './missions.view';
import { handoverNotice } from './handover.page';
import { dayNotFound } from './not-found.page';

/** The pages' "today" and months are France's (a site's own days keep the site's zone). */
export const PAGE_ZONE = 'Europe/Paris';
const NO_ID = '00000000-0000-0000-0000-000000000000';
/** How far back the list goes: the doctor's recent days, for their indemnities see "Mes indemnités". */
const MONTHS_BACK = 3;

const rppsOf = (c: Context<AppEnv>) => callerAs(c, 'doctor').rpps;

/** This month and the next two, plus any later month with a day: where the count matters. */
function monthsToShow(today: string, missions: MissionRow[]): string[] {
  const months = new Set([today.slice(0, 7)]);
  for (let m = today.slice(0, 7), i = 0; i < 2; i++) months.add((m = nextMonth(m)));
  for (const mission of missions)
    if (mission.local_date >= today && mission.status !== 'cancelled') months.add(mission.local_date.slice(0, 7));
  return [...months].sort();
}

function startOfList(today: string): string {
  const [year, month] = today.split('-').map(Number);
  const back = new Date(Date.UTC(year, month - 1 - MONTHS_BACK, 1));
  return back.toISOString().slice(0, 10);
}

function noticeOf(c: Context<AppEnv>, missions: MissionRow[]): Notice | undefined {
  const declared = missions.find((m) => m.id === c.req.query('declaree'));
  if (declared) {
    return {
      kind: 'success',
      title: `Journée du ${frenchLocalDate(declared.local_date, declared.time_zone, c.var.now)} déclarée`,
      text: `${declared.slot_count} rendez-vous sont ouverts à la réservation à ${declared.site_name}.`,
    };
  }
  const handover = handoverNotice(c, missions);
  if (handover) return handover;
  const cancelled = missions.find((m) => m.id === c.req.query('annulee') && m.status === 'cancelled');
  if (cancelled) {
    const told = Number(c.req.query('prevenus') ?? '0');
    return {
      kind: 'success',
      title: `Journée du ${frenchLocalDate(cancelled.local_date, cancelled.time_zone, c.var.now)} annulée`,
      text:
        told > 0
          ? `${told === 1 ? 'Le patient qui avait réservé est prévenu' : `Les ${told} patients qui avaient réservé sont prévenus`} par SMS ou courriel.`
          : 'Aucun patient n’avait réservé.',
    };
  }
  return undefined;
}

export async function missionsPage(c: Context<AppEnv>) {
  const today = localDate(c.var.now, PAGE_ZONE);
  const db = c.var.db;
  const [missions, use] = await Promise.all([
    listMissionsWhere(db, { rpps: rppsOf(c) }, [startOfList(today), NO_ID], 200, c.var.now),
    missionDaysByMonth(db, rppsOf(c)),
  ]);
  return renderPage(
    c,
    <StaffLayout title="Mes journées de mission" space="medecin" session={c.var.session!} current="/medecin">
      <MissionsView
        missions={missions}
        use={use}
        months={monthsToShow(today, missions)}
        today={today}
        now={c.var.now}
        notice={noticeOf(c, missions)}
        csrf={csrfToken(c)!}
      />
    </StaffLayout>,
  );
}

/** 2027-03-15 or 15/03/2027 → 2027-03-15; anything else undefined. */
function readDate(text: string): string | undefined {
  const french = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text.trim());
  const iso = french ? `${french[3]}-${french[2].padStart(2, '0')}-${french[1].padStart(2, '0')}` : text.trim();
  return LocalDate.safeParse(iso).success ? iso : undefined;
}

/** 09:00, 9:00, 9h, 9 h 30 → HH:MM; anything else undefined. */
function readTime(text: string): string | undefined {
  const match = /^(\d{1,2})\s*(?::|h)\s*(\d{2})?$/i.exec(text.trim());
  if (!match) return undefined;
  const time = `${match[1].padStart(2, '0')}:${match[2] ?? '00'}`;
  return LocalTime.safeParse(time).success ? time : undefined;
}

const EMPTY: DeclareValues = { site: '', date: '', start: '09:00', end: '17:00', slotMinutes: '20' };

async function declareForm(
  c: Context<AppEnv>,
  values: DeclareValues,
  errors: DeclareErrors,
  status: 200 | 400 | 409 | 422 = 200,
) {
  const today = localDate(c.var.now, PAGE_ZONE);
  const [sites, use] = await Promise.all([siteChoices(c.var.db, today), missionDaysByMonth(c.var.db, rppsOf(c))]);
  const months = monthsToShow(today, []);
  const said = months.map((m) => monthlyUse(use.used[m] ?? 0, use.cap, m, today)).join(' ; ');
  const hasErrors = Object.keys(errors).length > 0;
  return renderPage(
    c,
    <StaffLayout
      title={`${hasErrors ? 'Erreur : ' : ''}Déclarer une journée de mission`}
      space="medecin"
      session={c.var.session!}
      current="/medecin"
    >
      <DeclareView
        sites={sites}
        values={values}
        errors={errors}
        use={`${said.charAt(0).toUpperCase()}${said.slice(1)}`}
        csrf={csrfToken(c)!}
      />
    </StaffLayout>,
    status,
  );
}

export const declareFormPage = (c: Context<AppEnv>) => declareForm(c, EMPTY, {});

function validate(values: DeclareValues) {
  const errors: DeclareErrors = {};
  const site = Uuid.safeParse(values.site).success ? values.site : undefined;
  if (!site) errors.site = 'Choisissez un lieu de consultation dans la liste.';
  const date = readDate(values.date);
  if (!date) errors.date = 'Indiquez une date au format JJ/MM/AAAA, par exemple 15/03/2027.';
  const start = readTime(values.start);
  if (!start) errors.start = 'Indiquez l’heure de début au format HH:MM, par exemple 09:00.';
  const end = readTime(values.end);
  if (!end) errors.end = 'Indiquez l’heure de fin au format HH:MM, par exemple 17:00.';
  const slotMinutes = Number(values.slotMinutes);
  if (!SLOT_LENGTHS.includes(slotMinutes))
    errors.slotMinutes = 'Choisissez une durée dans la liste, de 10 à 60 minutes.';
  return {
    errors,
    mission:
      site && date && start && end && !errors.slotMinutes ? { siteId: site, date, start, end, slotMinutes } : undefined,
  };
}

export async function declarePage(c: Context<AppEnv>) {
  const form = await c.req.parseBody();
  const text = (name: keyof DeclareValues) =>
    typeof form[name] === 'string' ? (form[name] as string).slice(0, 100) : '';
  const values: DeclareValues = {
    site: text('site'),
    date: text('date'),
    start: text('start'),
    end: text('end'),
    slotMinutes: text('slotMinutes'),
  };
  const { errors, mission } = validate(values);
  if (!mission) return declareForm(c, values, errors, 400);
  try {
    const declared = await declareMission(c.var.db, callerAs(c, 'doctor'), mission, c.var.now);
    return c.redirect(`/medecin?declaree=${declared.id}`, 303);
  } catch (error) {
    const refusal = refusalOf(error);
    if (!refusal) throw error;
    const use = refusal.code === 'mission_cap_reached' ? await missionDaysByMonth(c.var.db, rppsOf(c)) : undefined;
    const month = frenchMonth(mission.date.slice(0, 7), localDate(c.var.now, PAGE_ZONE));
    const FIELDS: Record<string, [keyof DeclareValues, string]> = {
      unknown_site: ['site', 'Ce lieu n’existe pas ou plus. Choisissez un lieu dans la liste.'],
      mission_too_short: [
        'end',
        `La journée doit durer au moins un rendez-vous (${mission.slotMinutes} minutes) : l’heure de fin doit venir après l’heure de début.`,
      ],
      mission_in_past: ['date', 'Ce moment est déjà passé. Choisissez une date et une heure de début à venir.'],
      mission_too_far: ['date', 'Une journée se déclare au plus un an à l’avance. Choisissez une date plus proche.'],
      mission_cap_reached: [
        'date',
        `Vous avez déjà ${use?.cap ?? 2} journées en ${month} : c’est le maximum par mois. Choisissez un autre mois, ou annulez d’abord une journée de ${month}.`,
      ],
      mission_date_taken: [
        'date',
        `Vous avez déjà une journée de mission le ${frenchLocalDate(mission.date, PAGE_ZONE, c.var.now)}. Choisissez une autre date.`,
      ],
    };
    const [field, message] = FIELDS[refusal.code] ?? [
      'site',
      'Cette journée ne peut pas être déclarée ici. Vérifiez le lieu et les horaires.',
    ];
    return declareForm(c, values, { [field]: message }, refusal.status === 404 ? 422 : refusal.status);
  }
}

async function ownMission(c: Context<AppEnv>) {
  const id = Uuid.safeParse(c.req.param('id'));
  return id.success ? missionById(c.var.db, id.data, rppsOf(c), c.var.now) : undefined;
}

function cancelView(
  c: Context<AppEnv>,
  mission: MissionRow,
  toTell: number,
  refusal?: string,
  status: 200 | 409 = 200,
) {
  return renderPage(
    c,
    <StaffLayout
      title={`${refusal ? 'Erreur : ' : ''}Annuler une journée de mission`}
      space="medecin"
      session={c.var.session!}
      current="/medecin"
    >
      <CancelView mission={mission} toTell={toTell} now={c.var.now} csrf={csrfToken(c)!} refusal={refusal} />
    </StaffLayout>,
    status,
  );
}

export async function cancelConfirmPage(c: Context<AppEnv>) {
  const mission = await ownMission(c);
  if (!mission) return dayNotFound(c);
  if (!cancellable(mission, c.var.now)) {
    const code =
      mission.status === 'cancelled'
        ? 'mission_already_cancelled'
        : mission.checked_in_at
          ? 'mission_checked_in'
          : 'mission_started';
    return cancelView(c, mission, 0, CANCEL_REFUSALS[code], 409);
  }
  return cancelView(c, mission, await patientsToTell(c.var.db, mission.id, rppsOf(c)));
}

export async function cancelPage(c: Context<AppEnv>) {
  const mission = await ownMission(c);
  if (!mission) return dayNotFound(c);
  try {
    const { cancelledBookings } = await cancelMission(c.var.db, rppsOf(c), mission.id, c.var.now);
    return c.redirect(`/medecin?annulee=${mission.id}&prevenus=${cancelledBookings}`, 303);
  } catch (error) {
    const refusal = refusalOf(error);
    if (!refusal) throw error;
    if (refusal.status === 404) return dayNotFound(c);
    const current = (await missionById(c.var.db, mission.id, rppsOf(c), c.var.now)) ?? mission;
    return cancelView(c, current, 0, CANCEL_REFUSALS[refusal.code] ?? 'Cette journée ne peut plus être annulée.', 409);
  }
}
