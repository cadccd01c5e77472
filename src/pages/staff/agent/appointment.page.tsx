// One booking during a call: GET /agent/rendez-vous/{id}?appel=… reads it back in plain words (the
// confirmation after booking, or a booking found), audited as a read with the call's reference;
// POST …/annuler cancels it (core cancelBooking); GET …/deplacer lists the free slots of the same
// commune and POST …/deplacer moves it (core rescheduleBooking). Each POST redirects to a GET.
import type { Context } from 'hono';
import { cancelBooking } from '../../../core/bookings/bookings.operations';
import { rescheduleBooking } from '../../../core/bookings/reschedule.operations';
import { readBookingAsStaff, type StaffBookingView } from '../../../core/bookings/staff-read.operations';
import { Uuid } from '../../../lib/openapi';
import { ProblemError } from '../../../lib/problem';
import { problemEntry } from '../../../lib/problems';
import type { AppEnv } from '../../../lib/types';
import { rateLimited } from '../../../middleware/rate-limit';
import { zoneOfFilter, zoneOfSlotOrHoldId } from '../../../middleware/zone-of-request';
import { notFoundPage } from '../../errors';
import { frenchDateTime } from '../../format';
import { searchWindow, whereNext, WINDOW_DAYS, windowIndex, WindowLinks } from '../../slot-window';
import { agentPage, BackToCall, CallBanner, CallFields} from './agent.view';
import { Notice } from '../../components';
import { callOf, inCall } from './call';
import { toFrenchDate } from './dates';
import { readback } from './readback';
import { SlotButtons } from './slots.page';
import { withoutCall } from './start.page';

const referenceOf = (id: string) => id.slice(0, 8).toUpperCase();

async function bookingOf(c: Context<AppEnv>, call: string): Promise<StaffBookingView | undefined> {
  const id = Uuid.safeParse(c.req.param('id'));
  return id.success ? readBookingAsStaff(c.var.db.db, c.var.caller!, id.data, c.var.now, call) : undefined;
}

const NOTICES: Record<string, string> = {
  nouveau: 'Le rendez-vous est confirmé. Lisez-le à la personne ci-dessous.',
  deplace: 'Le rendez-vous est déplacé. Lisez le nouveau rendez-vous à la personne.',
  annule: 'Le rendez-vous est annulé : le créneau est de nouveau libre.',
};

export async function agentAppointmentPage(c: Context<AppEnv>) {
  const call = await callOf(c);
  if (!call) return withoutCall(c);
  const b = await bookingOf(c, call);
  if (!b) return notFoundPage(c);
  const now = c.var.now;
  const notice = Object.keys(NOTICES).find((k) => c.req.query(k) === '1');
  const booked = b.status === 'booked' && new Date(b.starts_at) > now;
  const refused = c.req.query('refus');
  return agentPage(c, `Rendez-vous ${referenceOf(b.id)}`, (
    <>
      <h1>Rendez-vous {referenceOf(b.id)}</h1>
      <CallBanner call={call} />
      {notice ? <Notice kind="success">{NOTICES[notice]}</Notice> : null}
      {refused ? (
        <div class="fr-alert fr-alert--error fr-mb-4w" role="alert">
          <p>{problemEntry(refused)?.fr.description ?? 'Cette action a été refusée.'}</p>
        </div>
      ) : null}
      {b.status === 'booked' ? (
        <div class="fr-callout fr-mb-4w">
          <h2 class="fr-callout__title">À dire à la personne</h2>
          <p class="fr-callout__text" id="a-lire">
            {readback({ startsAt: new Date(b.starts_at), timeZone: b.time_zone, doctor: b.doctor, siteName: b.site_name, address: b.address, communeName: b.commune_name, sitePhone: b.site_phone, amountCents: b.amount_cents }, now)}{' '}
            La référence du rendez-vous est {referenceOf(b.id).split('').join(' ')}.
          </p>
        </div>
      ) : (
        <p>Ce rendez-vous du {frenchDateTime(new Date(b.starts_at), b.time_zone, now)} est {b.status === 'cancelled' ? 'annulé' : 'passé'}.</p>
      )}
      <ul>
        {b.patient_birth_date === null ? (
          <li>Patient : données effacées (durée de conservation écoulée, ou effacement demandé)</li>
        ) : (
          <li>Patient : {b.patient_first_name} {b.patient_last_name}, né(e) le {toFrenchDate(b.patient_birth_date)}</li>
        )}
        <li>Lieu : {b.site_name}, {b.address}, {b.commune_name}</li>
        {b.site_accessibility ? <li>Accès : {b.site_accessibility}</li> : null}
      </ul>
      {booked ? (
        <ul class="fr-btns-group fr-btns-group--inline-md">
          <li>
            <a class="fr-btn fr-btn--secondary" href={inCall(`/agent/rendez-vous/${b.id}/deplacer`, call)}>
              Déplacer ce rendez-vous
            </a>
          </li>
          <li>
            <form method="post" action={`/agent/rendez-vous/${b.id}/annuler`}>
              <CallFields c={c} call={call} />
              <button class="fr-btn fr-btn--tertiary" type="submit">
                Annuler ce rendez-vous
              </button>
            </form>
          </li>
        </ul>
      ) : null}
      <BackToCall call={call} />
    </>
  ));
}

export async function agentCancelPage(c: Context<AppEnv>) {
  const call = await callOf(c);
  if (!call) return withoutCall(c);
  const id = Uuid.safeParse(c.req.param('id'));
  if (!id.success) return notFoundPage(c);
  try {
    await cancelBooking(c.var.db.db, c.var.caller!, id.data, c.var.now, call);
  } catch (error) {
    if (!(error instanceof ProblemError) || error.status >= 500) throw error;
    if (error.status === 404) return notFoundPage(c);
    return c.redirect(inCall(`/agent/rendez-vous/${id.data}`, call, { refus: error.code }), 303);
  }
  return c.redirect(inCall(`/agent/rendez-vous/${id.data}`, call, { annule: '1' }), 303);
}

export async function agentMoveChoicePage(c: Context<AppEnv>, refusal?: string) {
  const call = await callOf(c);
  if (!call) return withoutCall(c);
  const b = await bookingOf(c, call);
  if (!b || b.status !== 'booked') return notFoundPage(c);
  const filter = { commune: b.insee };
  const show = async (cc: Context<AppEnv>, _next: unknown) => {
    const now = cc.var.now;
    const found = await searchWindow(cc.var.db.db, filter, now, windowIndex(cc.req.query('periode')), undefined, 60);
    const lead = whereNext(found, now);
    return agentPage(cc, `${refusal ? 'Erreur : ' : ''}Déplacer le rendez-vous ${referenceOf(b.id)}`, (
      <>
        <h1>Déplacer le rendez-vous {referenceOf(b.id)}</h1>
        <CallBanner call={call} />
        {refusal ? (
          <div class="fr-alert fr-alert--error fr-mb-4w" role="alert">
            <p>{refusal}</p>
          </div>
        ) : null}
        <p>
          Rendez-vous actuel : {frenchDateTime(new Date(b.starts_at), b.time_zone, now)}, {b.site_name}. Il reste valable tant que le nouveau créneau n’est pas choisi.
        </p>
        {found.rows.length ? (
          <>
            {found.skipped ? <p role="status">{lead}</p> : null}
            <SlotButtons c={cc} call={call} rows={found.rows} action={(slotId) => `/agent/rendez-vous/${b.id}/deplacer?vers=${slotId}&cle=${crypto.randomUUID()}`} now={now} />
          </>
        ) : (
          <p>
            Aucun autre créneau n’est libre à {b.commune_name} {found.window === 0 ? `dans les ${WINDOW_DAYS} prochains jours` : 'sur cette période'}. {lead}
          </p>
        )}
        <WindowLinks found={found} href={(periode) => inCall(`/agent/rendez-vous/${b.id}/deplacer`, call, { periode: String(periode) })} />
        <p>
          <a class="fr-link" href={inCall(`/agent/rendez-vous/${b.id}`, call)}>
            Garder le rendez-vous actuel
          </a>
        </p>
      </>
    ), refusal ? 409 : 200);
  };
  return rateLimited({ kind: 'search', zoneOf: (cc) => zoneOfFilter(cc, filter) }, show)(c, undefined);
}

export async function agentMovePage(c: Context<AppEnv>) {
  const call = await callOf(c);
  if (!call) return withoutCall(c);
  const id = Uuid.safeParse(c.req.param('id'));
  const slotId = Uuid.safeParse(c.req.query('vers'));
  const key = Uuid.safeParse(c.req.query('cle'));
  if (!id.success || !slotId.success) return notFoundPage(c);
  const move = async (cc: Context<AppEnv>, _next: unknown) => {
    try {
      // The key comes with the button: a second click on it replays the move instead of failing.
      await rescheduleBooking(cc.var.db.db, cc.var.caller!, id.data, { slotId: slotId.data }, key.success ? key.data : crypto.randomUUID(), cc.var.now, call);
      return cc.redirect(inCall(`/agent/rendez-vous/${id.data}`, call, { deplace: '1' }), 303);
    } catch (error) {
      if (!(error instanceof ProblemError) || error.status >= 500 || error.status === 429) throw error;
      if (error.status === 404) return notFoundPage(cc);
      if (error.code === 'slot_unavailable') return agentMoveChoicePage(cc, 'Ce créneau vient d’être pris. Choisissez-en un autre.');
      return c.redirect(inCall(`/agent/rendez-vous/${id.data}`, call, { refus: error.code }), 303);
    }
  };
  return rateLimited({ kind: 'booking', zoneOf: (cc) => zoneOfSlotOrHoldId(cc, slotId.data) }, move)(c, undefined);
}
