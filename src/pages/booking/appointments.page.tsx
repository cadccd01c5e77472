// After booking: the confirmation (GET /rendez-vous/{id}), "Mes rendez-vous" (GET /mes-rendez-vous)
// and cancelling once confirmed (POST /rendez-vous/{id}/annuler, core cancelBooking; the question is
// cancel-question.page.tsx). Only the signed-in
// patient's own bookings: anyone else's is a 404, as in the API.
import type { Context } from 'hono';
import { sessionCaller, signInPath } from '../../auth';
import { cancelBooking } from '../../core/bookings/bookings.operations';
import { toBooking, type Booking } from '../../core/bookings/bookings.presenters';
import { bookingFor, bookingsFor } from '../../core/bookings/bookings.queries';
import { readablePhone } from '../../domain/phone';
import { Uuid } from '../../lib/openapi';
import { ProblemError } from '../../domain/problem';
import type { AppEnv } from '../../app-env';
import { FranceConnectButton, Stepper, tariffSentence } from '../components';
import { notFoundPage } from '../errors';
import { frenchDateTime } from '../format';
import { Layout } from '../layout';
import { renderPage } from '../render';
import { calendarFile } from './calendar';

function Details({ b, now }: { b: Booking; now: Date }) {
  const when = frenchDateTime(new Date(b.slot.startsAt), b.site.timeZone, now);
  const place = `${b.site.address}, ${b.site.commune.name}`;
  return (
    <ul>
      <li>Référence : {b.reference}</li>
      <li>Date : {when}</li>
      <li>
        Lieu : {b.site.name}, {place} (
        <a href={`https://www.openstreetmap.org/search?query=${encodeURIComponent(place)}`}>
          voir sur une carte<span class="fr-sr-only"> (nouveau site)</span>
        </a>
        )
      </li>
      {b.site.accessibility ? <li>Accès : {b.site.accessibility}</li> : null}
      <li>
        Téléphone du lieu : <a href={`tel:${b.site.phone}`}>{readablePhone(b.site.phone)}</a>
      </li>
      <li>
        Patient : {b.patient?.firstName} {b.patient?.lastName}
      </li>
      <li>{tariffSentence(b.tariff.amountCents)}</li>
    </ul>
  );
}

/** What will be sent, not a promise: a landline gets no SMS, and no address no email. */
function reminderSentence(b: Booking): string {
  const sms = b.notifications.sms && b.patient?.phoneCanReceiveSms && b.patient.phone;
  const email = b.notifications.email && b.patient?.email;
  const by = [sms ? `par SMS au ${readablePhone(sms)}` : '', email ? `par courriel à ${email}` : '']
    .filter(Boolean)
    .join(' et ');
  if (by) return `Nous vous enverrons un rappel la veille ${by}.`;
  return 'Aucun rappel ne sera envoyé (pas de mobile ni d’adresse électronique, ou vous n’en avez pas voulu) : notez bien la date et l’heure, ou ajoutez le rendez-vous à votre agenda.';
}

/** Move or cancel: each asks before it happens; "Retour" leads back to where it was asked (`fromList`). */
function ChangeLinks({ b, fromList }: { b: Booking; fromList?: boolean }) {
  const when = <span class="fr-sr-only"> du {frenchDateTime(new Date(b.slot.startsAt), b.site.timeZone)}</span>;
  return (
    <ul class="fr-btns-group fr-btns-group--inline-md">
      <li>
        <a class="fr-btn fr-btn--secondary" href={`/rendez-vous/${b.id}/deplacer`}>
          Déplacer ce rendez-vous{when}
        </a>
      </li>
      <li>
        <a class="fr-btn fr-btn--tertiary" href={`/rendez-vous/${b.id}/annuler${fromList ? '?depuis=liste' : ''}`}>
          Annuler ce rendez-vous{when}
        </a>
      </li>
    </ul>
  );
}

/** The signed-in patient's booking named in the path, or undefined (someone else's is nothing). */
async function ownBooking(c: Context<AppEnv>) {
  const session = c.var.session!;
  const id = Uuid.safeParse(c.req.param('id'));
  const row = id.success ? await bookingFor(c.var.db, id.data, sessionCaller(session)) : undefined;
  return row && toBooking(row);
}

export async function calendarDownload(c: Context<AppEnv>) {
  if (!c.var.session) return c.redirect(signInPath(c.req.path.replace(/\/calendrier\.ics$/, '')), 303);
  const b = await ownBooking(c);
  if (!b) return notFoundPage(c);
  return c.body(calendarFile(b, `${c.var.config().PUBLIC_URL}/mes-rendez-vous`, c.var.now), 200, {
    'content-type': 'text/calendar; charset=utf-8',
    'content-disposition': `attachment; filename="rendez-vous-${b.reference}.ics"`,
    'cache-control': 'private, no-store',
  });
}

export async function confirmationPage(c: Context<AppEnv>) {
  if (!c.var.session) return c.redirect(signInPath(c.req.path), 303);
  const b = await ownBooking(c);
  if (!b) return notFoundPage(c);
  const booked = b.status === 'booked';
  const callCentre = c.var.config().CALL_CENTRE_PHONE;
  return renderPage(
    c,
    <Layout title={booked ? 'Rendez-vous confirmé – étape 4 sur 4' : 'Rendez-vous annulé'}>
      <h1>{booked ? 'Votre rendez-vous est confirmé' : 'Ce rendez-vous est annulé'}</h1>
      {booked ? <Stepper current={4} /> : null}
      <div class={`fr-alert fr-alert--${booked ? 'success' : 'info'} fr-mb-4w`} role="status">
        {/* Booked for a relative or for oneself: the person is named, so a mistake shows at once. */}
        <h2 class="fr-alert__title">
          Rendez-vous de {b.patient?.firstName} {b.patient?.lastName}
        </h2>
        <p>
          {booked
            ? `${c.req.query('deplace') === '1' ? 'Votre rendez-vous est déplacé. ' : ''}${reminderSentence(b)}`
            : 'Le créneau est de nouveau libre pour quelqu’un d’autre.'}
        </p>
      </div>
      <Details b={b} now={c.var.now} />
      {booked ? (
        <>
          <p>
            <a class="fr-link" href={`/rendez-vous/${b.id}/calendrier.ics`} download>
              Ajouter à mon agenda (fichier .ics)
            </a>
          </p>
          <h2>Annuler ou déplacer</h2>
          <p>
            Vous pouvez le déplacer ou l’annuler ici ou depuis <a href="/mes-rendez-vous">Mes rendez-vous</a>, jusqu’à
            l’heure du rendez-vous, ou en appelant le centre d’appels au {readablePhone(callCentre)}.
          </p>
          <ChangeLinks b={b} />
        </>
      ) : null}
    </Layout>,
  );
}

/** Signed out: FranceConnect's button (shown before leaving for it, as it requires), or the way without an account. */
function signInFirst(c: Context<AppEnv>) {
  return renderPage(
    c,
    <Layout title="Mes rendez-vous – identification">
      <h1>Mes rendez-vous</h1>
      <p>Pour voir, déplacer ou annuler vos rendez-vous, identifiez-vous avec FranceConnect.</p>
      <FranceConnectButton href={signInPath('/mes-rendez-vous')} />
      <h2>Sans FranceConnect</h2>
      <p>
        <a href="/rdv">Retrouver un rendez-vous avec sa référence</a> (elle figure dans le SMS ou le courriel de
        confirmation), ou appelez le centre d’appels au {readablePhone(c.var.config().CALL_CENTRE_PHONE)}.
      </p>
    </Layout>,
  );
}

export async function myAppointmentsPage(c: Context<AppEnv>) {
  const session = c.var.session;
  if (!session) return signInFirst(c);
  const rows = (await bookingsFor(c.var.db, sessionCaller(session), undefined, 50)).map(toBooking);
  const cancelled = c.req.query('annule');
  const now = c.var.now;
  const isUpcoming = (b: Booking) => b.status === 'booked' && new Date(b.slot.startsAt) > now;
  const upcoming = rows.filter(isUpcoming);
  const others = rows.filter((b) => !isUpcoming(b));
  return renderPage(
    c,
    <Layout title="Mes rendez-vous">
      <h1>Mes rendez-vous</h1>
      {cancelled ? (
        <div class="fr-alert fr-alert--success fr-mb-4w" role="status">
          <p>Votre rendez-vous est annulé.</p>
        </div>
      ) : null}
      {rows.length === 0 ? <p>Vous n’avez aucun rendez-vous.</p> : null}
      {upcoming.length > 0 ? <h2>À venir</h2> : null}
      {upcoming.map((b) => (
        <section class="fr-mb-4w" aria-labelledby={`rdv-${b.id}`}>
          <h3 class="fr-h4" id={`rdv-${b.id}`}>
            {frenchDateTime(new Date(b.slot.startsAt), b.site.timeZone, c.var.now)} – confirmé
          </h3>
          <Details b={b} now={c.var.now} />
          <p>
            <a href={`/rendez-vous/${b.id}`}>
              Voir le détail<span class="fr-sr-only"> du rendez-vous {b.reference}</span>
            </a>
          </p>
          <ChangeLinks b={b} fromList />
        </section>
      ))}
      {/* Apart and in brief: a cancelled or past booking must not read like one to go to. */}
      {others.length > 0 ? <h2 class="fr-mt-6w">Annulés ou passés</h2> : null}
      {others.length > 0 ? (
        <ul>
          {others.map((b) => (
            <li>
              <span
                class={`fr-badge fr-badge--sm fr-badge--no-icon ${b.status === 'cancelled' ? 'fr-badge--error' : ''}`}
              >
                {b.status === 'cancelled' ? 'annulé' : 'passé'}
              </span>{' '}
              {frenchDateTime(new Date(b.slot.startsAt), b.site.timeZone, c.var.now)}, {b.site.name} (référence{' '}
              {b.reference}) –{' '}
              <a href={`/rendez-vous/${b.id}`}>
                voir le détail<span class="fr-sr-only"> du rendez-vous {b.reference}</span>
              </a>
            </li>
          ))}
        </ul>
      ) : null}
      <p>
        <a class="fr-btn fr-btn--secondary" href="/">
          Prendre un autre rendez-vous
        </a>
      </p>
    </Layout>,
  );
}

export async function cancelPage(c: Context<AppEnv>) {
  const session = c.var.session;
  if (!session) return c.redirect(signInPath('/mes-rendez-vous'), 303);
  const id = Uuid.safeParse(c.req.param('id'));
  if (!id.success) return notFoundPage(c);
  try {
    await cancelBooking(c.var.db, sessionCaller(session), id.data, c.var.now);
  } catch (error) {
    if (error instanceof ProblemError && error.status === 404) return notFoundPage(c);
    if (!(error instanceof ProblemError) || error.status >= 500) throw error;
    // Already cancelled, or started: the confirmation page shows its state.
    return c.redirect(`/rendez-vous/${id.data}`, 303);
  }
  return c.redirect(`/mes-rendez-vous?annule=${id.data}`, 303);
}
