// A replacement doctor instead of cancelled patients, on the doctor's pages: GET/POST
// /medecin/journees/:id/proposer offers one's day, POST /medecin/journees/:id/retirer-proposition
// takes the offer back, GET /medecin/journees-ouvertes lists days on offer and the doctor's zones'
// days without a doctor, GET/POST /medecin/journees-ouvertes/:id takes a day over. The core
// operations decide, as for the API.
import { callerAs, callerOf } from '../../../middleware/require-role';
import type { Context } from 'hono';
import { csrfToken } from '../../sign-in/csrf';
import { offerMission, takeOver, withdrawOffer } from '../../../core/missions/handover.operations';
import {
  missionLocalDate,
  offeredByOthers,
  offeredMission,
  zonesOfDoctor,
} from '../../../core/missions/handover.queries';
import { missionById } from '../../../core/missions/missions.queries';
import { coverageByZone } from '../../../core/zone-stats/coverage';
import { NATIONAL } from '../../../domain/region-scope';
import { localDate } from '../../../domain/time';
import { Uuid } from '../../../lib/openapi';
import type { AppEnv } from '../../../app-env';
import { renderPage } from '../../render';
import { StaffLayout } from '../staff-layout';
import { frenchLocalDate, frenchMonth, nextMonth } from './doctor.format';
import { refusalOf } from './doctor.refusals';
import { OfferView, OpenDaysView, TakeOverView, type UncoveredZone } from './handover.view';
import { PAGE_ZONE } from './missions.page';
import { cancellable } from './missions.view';
import { dayNotFound } from './not-found.page';
import type { ProblemCode, RefusalTexts } from '../../../domain/problems';

const OFFER_REFUSALS: RefusalTexts = {
  mission_cancelled: 'Cette journée est annulée.',
  mission_started: 'Cette journée a commencé : elle ne peut plus être proposée.',
  handover_after_check_in: 'Vous avez pointé votre arrivée à cette journée : elle ne peut plus être proposée.',
};

function takeOverRefusal(code: ProblemCode, month: string, today: string): string {
  const TEXTS: RefusalTexts = {
    mission_cap_reached: `Vous avez déjà deux journées en ${frenchMonth(month, today)} : c’est le maximum par mois. Annulez ou proposez d’abord une de vos journées de ce mois.`,
    mission_date_taken: 'Vous avez déjà une journée de mission ce jour-là.',
    mission_not_offered: 'Cette journée n’est plus proposée : un confrère l’a reprise, ou elle a été retirée.',
    mission_started: 'Cette journée a commencé : elle ne peut plus être reprise.',
    handover_after_check_in: 'Le médecin a déjà pointé son arrivée à cette journée.',
    handover_to_self: 'Cette journée est déjà la vôtre.',
    mission_cancelled: 'Cette journée est annulée.',
  };
  return TEXTS[code] ?? 'Cette journée ne peut pas être reprise.';
}

const rppsOf = (c: Context<AppEnv>) => callerAs(c, 'doctor').rpps;
const idOf = (c: Context<AppEnv>) => {
  const id = Uuid.safeParse(c.req.param('id'));
  return id.success ? id.data : undefined;
};

function offerView(
  c: Context<AppEnv>,
  mission: NonNullable<Awaited<ReturnType<typeof missionById>>>,
  refusal?: string,
) {
  return renderPage(
    c,
    <StaffLayout
      title={`${refusal ? 'Erreur : ' : ''}Proposer une journée à un confrère`}
      space="medecin"
      session={c.var.session!}
      current="/medecin"
    >
      <OfferView mission={mission} now={c.var.now} csrf={csrfToken(c)!} refusal={refusal} />
    </StaffLayout>,
    refusal ? 409 : 200,
  );
}

export async function offerConfirmPage(c: Context<AppEnv>) {
  const id = idOf(c);
  const mission = id ? await missionById(c.var.db, id, rppsOf(c), c.var.now) : undefined;
  if (!mission) return dayNotFound(c);
  if (!cancellable(mission, c.var.now)) {
    const code =
      mission.status === 'cancelled'
        ? 'mission_cancelled'
        : mission.checked_in_at
          ? 'handover_after_check_in'
          : 'mission_started';
    return offerView(c, mission, OFFER_REFUSALS[code]);
  }
  return offerView(c, mission);
}

export async function offerPage(c: Context<AppEnv>) {
  const id = idOf(c);
  if (!id) return dayNotFound(c);
  try {
    await offerMission(c.var.db, callerOf(c), id, c.var.now);
    return c.redirect(`/medecin?proposee=${id}`, 303);
  } catch (error) {
    const refusal = refusalOf(error);
    if (!refusal) throw error;
    const mission = await missionById(c.var.db, id, rppsOf(c), c.var.now);
    if (refusal.status === 404 || !mission) return dayNotFound(c);
    return offerView(c, mission, OFFER_REFUSALS[refusal.code] ?? 'Cette journée ne peut plus être proposée.');
  }
}

export async function withdrawOfferPage(c: Context<AppEnv>) {
  const id = idOf(c);
  if (!id) return dayNotFound(c);
  try {
    await withdrawOffer(c.var.db, callerOf(c), id, c.var.now);
  } catch (error) {
    if (refusalOf(error)?.status === 404) return dayNotFound(c);
    throw error;
  }
  return c.redirect(`/medecin?retiree=${id}`, 303);
}

/** This month's and next month's working days still without a doctor, from today, in the doctor's zones. */
async function uncoveredInZones(c: Context<AppEnv>, zones: string[], today: string): Promise<UncoveredZone[]> {
  if (zones.length === 0) return [];
  const months = [today.slice(0, 7), nextMonth(today.slice(0, 7))];
  // The doctor's own zones, wherever they are: a volunteer is not bound to a region.
  const views = await Promise.all(months.map((month) => coverageByZone(c.var.db, month, c.var.now, NATIONAL)));
  const bySiren = new Map<string, UncoveredZone>();
  for (const zone of views.flatMap((v) => v.zones)) {
    if (!zones.includes(zone.siren)) continue;
    const entry = bySiren.get(zone.siren) ?? { siren: zone.siren, name: zone.name, days: [], timeZone: PAGE_ZONE };
    entry.days.push(...zone.uncoveredDays.filter((d) => d >= today));
    bySiren.set(zone.siren, entry);
  }
  return [...bySiren.values()].filter((z) => z.days.length > 0).sort((a, b) => a.name.localeCompare(b.name, 'fr'));
}

export async function openDaysPage(c: Context<AppEnv>) {
  const db = c.var.db;
  const today = localDate(c.var.now, PAGE_ZONE);
  // Others' days: the doctor's own offers are on their list of days.
  const [offered, zones] = await Promise.all([
    offeredByOthers(db, rppsOf(c), 100, c.var.now),
    zonesOfDoctor(db, rppsOf(c)),
  ]);
  const uncovered = await uncoveredInZones(c, zones, today);
  return renderPage(
    c,
    <StaffLayout
      title="Journées à reprendre"
      space="medecin"
      session={c.var.session!}
      current="/medecin/journees-ouvertes"
    >
      <OpenDaysView
        offered={offered}
        uncovered={uncovered}
        knowsZones={zones.length > 0}
        now={c.var.now}
        today={today}
      />
    </StaffLayout>,
  );
}

async function takeOverView(c: Context<AppEnv>, id: string, refusal?: string, status: 200 | 404 | 409 | 422 = 200) {
  const mission = await offeredMission(c.var.db, id, c.var.now);
  if (!mission) {
    return renderPage(
      c,
      <StaffLayout
        title="Erreur : journée plus proposée"
        space="medecin"
        session={c.var.session!}
        current="/medecin/journees-ouvertes"
      >
        <h1>Cette journée n’est plus proposée</h1>
        <p>{refusal ?? 'Un confrère l’a reprise, ou elle a été retirée.'}</p>
        <p>
          <a class="fr-link fr-icon-arrow-left-line fr-link--icon-left" href="/medecin/journees-ouvertes">
            Revenir aux journées à reprendre
          </a>
        </p>
      </StaffLayout>,
      404,
    );
  }
  return renderPage(
    c,
    <StaffLayout
      title={`${refusal ? 'Erreur : ' : ''}Reprendre une journée`}
      space="medecin"
      session={c.var.session!}
      current="/medecin/journees-ouvertes"
    >
      <TakeOverView mission={mission} now={c.var.now} csrf={csrfToken(c)!} refusal={refusal} />
    </StaffLayout>,
    status,
  );
}

export async function takeOverConfirmPage(c: Context<AppEnv>) {
  const id = idOf(c);
  return id ? takeOverView(c, id) : dayNotFound(c);
}

export async function takeOverPage(c: Context<AppEnv>) {
  const id = idOf(c);
  if (!id) return dayNotFound(c);
  try {
    const mission = await takeOver(c.var.db, callerAs(c, 'doctor'), id, c.var.now);
    return c.redirect(`/medecin?reprise=${mission.id}`, 303);
  } catch (error) {
    const refusal = refusalOf(error);
    if (!refusal) throw error;
    if (refusal.status === 404) return dayNotFound(c);
    const today = localDate(c.var.now, PAGE_ZONE);
    const date = (await missionLocalDate(c.var.db, id)) ?? today;
    return takeOverView(c, id, takeOverRefusal(refusal.code, date.slice(0, 7), today), refusal.status);
  }
}

/** The list page's notice after an offer, a withdrawal or a takeover. */
export function handoverNotice(
  c: Context<AppEnv>,
  missions: Array<{ id: string; local_date: string; time_zone: string; booked_count: number }>,
) {
  const find = (key: string) => missions.find((m) => m.id === c.req.query(key));
  const day = (m: { local_date: string; time_zone: string }) => frenchLocalDate(m.local_date, m.time_zone, c.var.now);
  const offered = find('proposee');
  if (offered)
    return {
      kind: 'success' as const,
      title: `Journée du ${day(offered)} proposée`,
      text: 'Elle reste la vôtre tant qu’aucun confrère ne l’a reprise. Vous pouvez retirer la proposition.',
    };
  const withdrawn = find('retiree');
  if (withdrawn)
    return {
      kind: 'info' as const,
      title: `Journée du ${day(withdrawn)} : proposition retirée`,
      text: 'La journée reste la vôtre.',
    };
  const taken = find('reprise');
  if (taken) {
    return {
      kind: 'success' as const,
      title: `Journée du ${day(taken)} reprise`,
      text:
        taken.booked_count === 0
          ? 'Aucun patient n’avait encore réservé.'
          : taken.booked_count === 1
            ? 'Le patient qui avait réservé est prévenu du changement de médecin.'
            : `Les ${taken.booked_count} patients qui avaient réservé sont prévenus du changement de médecin.`,
    };
  }
  return undefined;
}
