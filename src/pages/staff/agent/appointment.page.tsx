// One booking during a call: GET /agent/rendez-vous/{id}?appel=… reads it back in plain words (the
// confirmation after booking, or a booking found), with the phone on file and the messages sent,
// audited as a read with the call's reference; POST …/annuler asks "Annuler le rendez-vous du … ?"
// and, confirmed, cancels it (core cancelBooking); GET …/deplacer lists the free slots of the same
// commune and POST …/deplacer asks "du … → au … ?" and, confirmed, moves it (core
// rescheduleBooking). Each change redirects to a GET.
import type { Context } from 'hono';
import { cancelBooking } from '../../../core/bookings/bookings.operations';
import { rescheduleBooking } from '../../../core/bookings/reschedule.operations';
import { readBookingAsStaff, type StaffBookingView } from '../../../core/bookings/staff-read.operations';
import { Uuid } from '../../../lib/openapi';
import { ProblemError } from '../../../domain/problem';
import { problemEntry } from '../../../domain/problems';
import type { AppEnv } from '../../../app-env';
import { notificationsOfBooking, type NotificationView } from '../../../core/notifications/notifications.queries';
import { slotForBooking } from '../../../core/slots/slots.queries';
import { readablePhone } from '../../../domain/phone';
import { notFoundPage } from '../../errors';
import { frenchDateTime, toFrenchDate, withCommune } from '../../format';
import { searchWindow, whereNext, WINDOW_DAYS, windowIndex, WindowLinks } from '../../slot-window';
import { agentPage, BackToCall, CallBanner, CallFields } from './agent.view';
import { ConfirmOrBack, Notice } from '../../components';
import { callOf, inCall } from './call';
import { readback } from './readback';
import { SlotButtons } from './slots.page';
import { withoutCall } from './start.page';
import { bookingLimit, limitedAction, searchLimit } from '../../limited-action';
import { callerOf } from '../../../middleware/require-role';

async function bookingOf(c: Context<AppEnv>, call: string): Promise<StaffBookingView | undefined> {
  const id = Uuid.safeParse(c.req.param('id'));
  return id.success ? readBookingAsStaff(c.var.db, callerOf(c), id.data, c.var.now, call) : undefined;
}

const KINDS: Record<string, string> = {
  confirmation: 'de confirmation',
  reminder: 'de rappel (la veille)',
  reminder_soon: 'de rappel',
  cancellation: 'd’annulation',
  change: 'de changement',
};
const STATUSES: Record<string, string> = {
  scheduled: 'prévu',
  sent: 'envoyé',
  failed: 'pas parti (la personne est sur la liste d’appels)',
  cancelled: 'annulé',
  skipped: 'non envoyé',
};

/** What was sent to the person, and how: what an agent needs when the caller says "I got nothing". */
function Messages({ b, messages, now }: { b: StaffBookingView; messages: NotificationView[]; now: Date }) {
  return (
    <>
      <h2 class="fr-h5">Messages à la personne</h2>
      <ul>
        {b.patient ? (
          <li>
            Téléphone : {readablePhone(b.patient.phone)} (
            {b.patient.phoneCanReceiveSms ? 'mobile : reçoit les SMS' : 'ligne fixe : pas de SMS'})
          </li>
        ) : (
          <li>Coordonnées effacées (durée de conservation passée ou demande d’effacement).</li>
        )}
        {b.patient?.email ? <li>Courriel : donné</li> : null}
        {messages.length === 0 ? <li>Aucun message pour l’instant.</li> : null}
        {messages.map((m) => (
          <li>
            {m.channel === 'sms' ? 'SMS' : 'Courriel'} {KINDS[m.kind] ?? ''} : {STATUSES[m.status] ?? m.status}
            {m.sent_at
              ? `, le ${frenchDateTime(new Date(m.sent_at), b.site.timeZone, now)}`
              : m.status === 'scheduled'
                ? `, le ${frenchDateTime(new Date(m.due_at), b.site.timeZone, now)}`
                : ''}
          </li>
        ))}
      </ul>
    </>
  );
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
  const messages = (await notificationsOfBooking(c.var.db, b.id, callerOf(c))) ?? [];
  const now = c.var.now;
  const notice = Object.keys(NOTICES).find((k) => c.req.query(k) === '1');
  const booked = b.status === 'booked' && new Date(b.slot.startsAt) > now;
  const refused = c.req.query('refus');
  return agentPage(
    c,
    `Rendez-vous ${b.reference}`,
    <>
      <h1>Rendez-vous {b.reference}</h1>
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
            {readback(
              {
                startsAt: new Date(b.slot.startsAt),
                timeZone: b.site.timeZone,
                doctor: b.doctor,
                siteName: b.site.name,
                address: b.site.address,
                communeName: b.site.commune.name,
                sitePhone: b.site.phone,
                amountCents: b.tariff.amountCents,
              },
              now,
            )}{' '}
            La référence du rendez-vous est {b.reference.split('').join(' ')}.
          </p>
        </div>
      ) : (
        <p>
          Ce rendez-vous du {frenchDateTime(new Date(b.slot.startsAt), b.site.timeZone, now)} est{' '}
          {b.status === 'cancelled' ? 'annulé' : 'passé'}.
        </p>
      )}
      <ul>
        {b.patient === null ? (
          <li>Patient : données effacées (durée de conservation écoulée, ou effacement demandé)</li>
        ) : (
          <li>
            Patient : {b.patient.firstName} {b.patient.lastName}, né(e) le {toFrenchDate(b.patient.birthDate)}
          </li>
        )}
        <li>
          Lieu : {b.site.name}, {b.site.address}, {b.site.commune.name}
        </li>
        {b.site.accessibility ? <li>Accès : {b.site.accessibility}</li> : null}
      </ul>
      <Messages b={b} messages={messages} now={now} />
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
    </>,
  );
}

/** A change is asked once more, in words, before it is made: the form posts again with confirme=oui. */
const confirmed = async (c: Context<AppEnv>) => (await c.req.parseBody()).confirme === 'oui';

function ConfirmPage({
  c,
  call,
  b,
  title,
  question,
  action,
  yes,
  keep,
}: {
  c: Context<AppEnv>;
  call: string;
  b: StaffBookingView;
  title: string;
  question: string;
  action: string;
  yes: string;
  keep: string;
}) {
  return agentPage(
    c,
    title,
    <>
      <h1>{title}</h1>
      <CallBanner call={call} />
      <p class="fr-text--lead">{question}</p>
      <p>
        Patient : {b.patient?.firstName} {b.patient?.lastName}
      </p>
      <ConfirmOrBack action={action} yes={yes} back={inCall(`/agent/rendez-vous/${b.id}`, call)} backLabel={keep}>
        <CallFields c={c} call={call} />
        <input type="hidden" name="confirme" value="oui" />
      </ConfirmOrBack>
    </>,
  );
}

export async function agentCancelPage(c: Context<AppEnv>) {
  const call = await callOf(c);
  if (!call) return withoutCall(c);
  const id = Uuid.safeParse(c.req.param('id'));
  if (!id.success) return notFoundPage(c);
  if (!(await confirmed(c))) {
    const b = await bookingOf(c, call);
    if (!b) return notFoundPage(c);
    if (b.status !== 'booked') return c.redirect(inCall(`/agent/rendez-vous/${b.id}`, call), 303);
    const when = frenchDateTime(new Date(b.slot.startsAt), b.site.timeZone, c.var.now);
    return ConfirmPage({
      c,
      call,
      b,
      title: `Annuler le rendez-vous ${b.reference}`,
      question: `Annuler le rendez-vous du ${when}, ${withCommune(b.site.name, b.site.commune.name)} ?`,
      action: `/agent/rendez-vous/${b.id}/annuler`,
      yes: 'Oui, annuler le rendez-vous',
      keep: 'Non, garder le rendez-vous',
    });
  }
  try {
    await cancelBooking(c.var.db, callerOf(c), id.data, c.var.now, { callReference: call });
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
  if (b?.status !== 'booked') return notFoundPage(c);
  const filter = { commune: b.site.commune.insee };
  const show = async (cc: Context<AppEnv>) => {
    const now = cc.var.now;
    const found = await searchWindow(cc.var.db, filter, now, windowIndex(cc.req.query('periode')), undefined, 60);
    const lead = whereNext(found, now);
    return agentPage(
      cc,
      `${refusal ? 'Erreur : ' : ''}Déplacer le rendez-vous ${b.reference}`,
      <>
        <h1>Déplacer le rendez-vous {b.reference}</h1>
        <CallBanner call={call} />
        {refusal ? (
          <div class="fr-alert fr-alert--error fr-mb-4w" role="alert">
            <p>{refusal}</p>
          </div>
        ) : null}
        <p>
          Rendez-vous actuel : {frenchDateTime(new Date(b.slot.startsAt), b.site.timeZone, now)}, {b.site.name}. Il
          reste valable tant que le nouveau créneau n’est pas choisi.
        </p>
        {found.rows.length ? (
          <>
            {found.skipped ? <p role="status">{lead}</p> : null}
            <SlotButtons
              c={cc}
              call={call}
              rows={found.rows}
              action={(slotId) => `/agent/rendez-vous/${b.id}/deplacer?vers=${slotId}&cle=${crypto.randomUUID()}`}
              now={now}
            />
          </>
        ) : (
          <p>
            Aucun autre créneau n’est libre à {b.site.commune.name}{' '}
            {found.window === 0 ? `dans les ${WINDOW_DAYS} prochains jours` : 'sur cette période'}. {lead}
          </p>
        )}
        <WindowLinks
          found={found}
          href={(periode) => inCall(`/agent/rendez-vous/${b.id}/deplacer`, call, { periode: String(periode) })}
        />
        <p>
          <a class="fr-link" href={inCall(`/agent/rendez-vous/${b.id}`, call)}>
            Garder le rendez-vous actuel
          </a>
        </p>
      </>,
      refusal ? 409 : 200,
    );
  };
  return limitedAction(c, searchLimit(filter), show);
}

export async function agentMovePage(c: Context<AppEnv>) {
  const call = await callOf(c);
  if (!call) return withoutCall(c);
  const id = Uuid.safeParse(c.req.param('id'));
  const slotId = Uuid.safeParse(c.req.query('vers'));
  const key = Uuid.safeParse(c.req.query('cle'));
  if (!id.success || !slotId.success) return notFoundPage(c);
  if (!(await confirmed(c))) {
    const now = c.var.now;
    const [b, to] = await Promise.all([bookingOf(c, call), slotForBooking(c.var.db, slotId.data, now)]);
    if (b?.status !== 'booked') return notFoundPage(c);
    if (!to?.free) return agentMoveChoicePage(c, 'Ce créneau vient d’être pris. Choisissez-en un autre.');
    const from = `${frenchDateTime(new Date(b.slot.startsAt), b.site.timeZone, now)}, ${withCommune(b.site.name, b.site.commune.name)}`;
    const into = `${frenchDateTime(new Date(to.starts_at), to.time_zone, now)}, ${withCommune(to.site_name, to.commune_name)}`;
    return ConfirmPage({
      c,
      call,
      b,
      title: `Déplacer le rendez-vous ${b.reference}`,
      question: `Déplacer le rendez-vous du ${from} au ${into} ?`,
      action: `/agent/rendez-vous/${b.id}/deplacer?vers=${slotId.data}&cle=${key.success ? key.data : crypto.randomUUID()}`,
      yes: 'Oui, déplacer le rendez-vous',
      keep: 'Non, garder le rendez-vous actuel',
    });
  }
  const move = async (cc: Context<AppEnv>) => {
    try {
      // The key comes with the button: a second click on it replays the move instead of failing.
      await rescheduleBooking(
        cc.var.db,
        callerOf(cc),
        id.data,
        { slotId: slotId.data },
        key.success ? key.data : crypto.randomUUID(),
        cc.var.now,
        call,
      );
      return cc.redirect(inCall(`/agent/rendez-vous/${id.data}`, call, { deplace: '1' }), 303);
    } catch (error) {
      if (!(error instanceof ProblemError) || error.status >= 500 || error.status === 429) throw error;
      if (error.status === 404) return notFoundPage(cc);
      if (error.code === 'slot_unavailable')
        return agentMoveChoicePage(cc, 'Ce créneau vient d’être pris. Choisissez-en un autre.');
      return c.redirect(inCall(`/agent/rendez-vous/${id.data}`, call, { refus: error.code }), 303);
    }
  };
  return limitedAction(c, bookingLimit(slotId.data), move);
}
