// A booking managed without an account (issue 22): the personal link /rdv/{token} of every message
// opens that one booking: when, where, whom to call, what to bring, the .ics; cancel it or move it
// through the same core operations as every other door (cancelledBy: patient; the caps apply).
// A link that opens nothing (unknown, moved, cancelled, past) gets one answer: it no longer works.
import type { Context, MiddlewareHandler } from 'hono';
import { cancelBooking } from '../../core/bookings/bookings.operations';
import { toBooking, type Booking } from '../../core/bookings/bookings.presenters';
import { bookingFor } from '../../core/bookings/bookings.queries';
import { bookingHolder, bookingOfLink, issueLink } from '../../core/bookings/links.operations';
import { spacedReference } from '../../domain/booking-reference';
import { readablePhone } from '../../domain/phone';
import { joinWaitlist } from '../../core/waitlist/waitlist.operations';
import { personOfBooking, zoneOfPlace } from '../../core/waitlist/waitlist.queries';
import { Siren } from '../../lib/openapi';
import { ProblemError } from '../../domain/problem';
import type { AppEnv } from '../../app-env';
import { bookedSlot, Notice, SlotSummary } from '../components';
import { Layout } from '../layout';
import { renderPage } from '../render';
import { calendarFile } from './calendar';
import { cancelQuestionPage } from './cancel-question.page';
import { choosePage, movePage, type Door } from './reschedule.page';

/**
 * The token is the key to the booking: no referrer carries it to another site (the map link), and
 * no cache keeps a page of it.
 */
export const linkHeaders: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next();
  c.res.headers.set('referrer-policy', 'no-referrer');
  c.res.headers.set('cache-control', 'private, no-store');
};

function linkDoor(token: string, bookingId: string): Door {
  return {
    base: `/rdv/${token}`,
    caller: bookingHolder(bookingId),
    // The move ended every link of the booking, this one too: the page continues on a new one.
    moved: async (c, bookingId) => {
      const next = await issueLink(c.var.db, bookingId, c.var.now);
      return next ? `/rdv/${next}?deplace=1` : '/rdv';
    },
  };
}

/** The booking a link opens, and the door it is reached by; undefined when the link opens nothing. */
async function opened(c: Context<AppEnv>): Promise<{ door: Door; booking: Booking } | undefined> {
  const token = c.req.param('token') ?? '';
  const id = await bookingOfLink(c.var.db, token, c.var.now);
  if (!id) return undefined;
  const door = linkDoor(token, id);
  const row = await bookingFor(c.var.db, id, door.caller);
  return row ? { door, booking: toBooking(row) } : undefined;
}

export function deadLinkPage(c: Context<AppEnv>) {
  const phone = readablePhone(c.var.config().CALL_CENTRE_PHONE);
  return renderPage(
    c,
    <Layout title="Ce lien ne fonctionne plus">
      <h1>Ce lien ne fonctionne plus</h1>
      <p class="fr-text--lead">Ce lien ne permet plus de gérer un rendez-vous.</p>
      <p>
        Cela arrive quand le rendez-vous a été déplacé (un nouveau lien vous a alors été envoyé), annulé, ou quand la
        consultation est passée.
      </p>
      <ul>
        <li>
          <a href="/rdv">Retrouver mon rendez-vous avec sa référence</a>
        </li>
        <li>Appeler le centre d’appels au {phone}</li>
        <li>
          <a href="/">Prendre un nouveau rendez-vous</a>
        </li>
      </ul>
    </Layout>,
    404,
  );
}

/** What to bring to a consultation with a doctor one has never met. */
function WhatToBring() {
  return (
    <ul>
      <li>votre carte Vitale (ou votre attestation de droits) et une pièce d’identité ;</li>
      <li>vos ordonnances en cours et vos derniers résultats d’examens ;</li>
      <li>pour un enfant, son carnet de santé.</li>
    </ul>
  );
}

export async function linkPage(c: Context<AppEnv>) {
  const found = await opened(c);
  if (!found) return deadLinkPage(c);
  const { door, booking: b } = found;
  const place = `${b.site.address}, ${b.site.commune.name}`;
  const callCentre = readablePhone(c.var.config().CALL_CENTRE_PHONE);
  return renderPage(
    c,
    <Layout title="Votre rendez-vous">
      <h1>Votre rendez-vous</h1>
      {c.req.query('deplace') === '1' ? (
        <Notice kind="success">
          Votre rendez-vous est déplacé. Voici le nouvel horaire ; nous vous enverrons un rappel la veille.
        </Notice>
      ) : null}
      <SlotSummary slot={bookedSlot(b)} now={c.var.now} />
      <p>Référence du rendez-vous : {spacedReference(b.reference)}</p>
      <p>
        <a href={`https://www.openstreetmap.org/search?query=${encodeURIComponent(place)}`} rel="noreferrer">
          Voir le lieu sur une carte<span class="fr-sr-only"> (nouveau site)</span>
        </a>
      </p>
      <p>
        <a class="fr-link" href={`${door.base}/calendrier.ics`} download>
          Ajouter à mon agenda (fichier .ics)
        </a>
      </p>
      <h2>À apporter</h2>
      <WhatToBring />
      <h2>Annuler ou déplacer</h2>
      <p>
        Si vous ne pouvez pas venir, prévenez-nous : le créneau servira à quelqu’un d’autre. Vous pouvez aussi appeler
        le centre d’appels au {callCentre}.
      </p>
      <p>
        <a class="fr-btn fr-btn--secondary" href={`${door.base}/deplacer`}>
          Déplacer ce rendez-vous
        </a>
      </p>
      <p>
        <a class="fr-btn fr-btn--tertiary" href={`${door.base}/annuler`}>
          Annuler ce rendez-vous
        </a>
      </p>
    </Layout>,
  );
}

export async function linkCalendar(c: Context<AppEnv>) {
  const found = await opened(c);
  if (!found) return deadLinkPage(c);
  const b = found.booking;
  return c.body(calendarFile(b, `${c.var.config().PUBLIC_URL}/rdv`, c.var.now), 200, {
    'content-type': 'text/calendar; charset=utf-8',
    'content-disposition': `attachment; filename="rendez-vous-${b.reference}.ics"`,
  });
}

export async function linkCancel(c: Context<AppEnv>) {
  const found = await opened(c);
  if (!found) return deadLinkPage(c);
  const form = await c.req.parseBody();
  try {
    await cancelBooking(c.var.db, found.door.caller, found.booking.id, c.var.now);
  } catch (error) {
    // Started meanwhile: the page says what is still possible.
    if (error instanceof ProblemError && error.status < 500) return c.redirect(found.door.base, 303);
    throw error;
  }
  if (form.attente === 'oui') {
    const zone = await waitForAnother(c, found.booking, found.door);
    if (zone) return c.redirect(`/rdv/annule?attente=${zone}`, 303);
  }
  return c.redirect('/rdv/annule', 303);
}

/**
 * Puts the person of a booking just cancelled on its zone's waitlist, with the booking's identity
 * and channels (the same core operation as the API). Their data stays where it was: only the zone's
 * SIREN goes into the next page's URL. Undefined when the booking's data is gone or refused.
 */
async function waitForAnother(c: Context<AppEnv>, b: Booking, door: Door): Promise<string | undefined> {
  const person = await personOfBooking(c.var.db, b.id);
  if (!person?.first_name || !person.last_name || !person.birth_date || !person.phone) return undefined;
  const patient = {
    firstName: person.first_name,
    lastName: person.last_name,
    birthDate: person.birth_date,
    phone: person.phone,
    ...(person.email ? { email: person.email } : {}),
  };
  try {
    await joinWaitlist(
      c.var.db,
      door.caller,
      { zone: person.zone, patient, notifications: { sms: person.notify_sms, email: person.notify_email } },
      c.var.now,
    );
  } catch (error) {
    if (error instanceof ProblemError && error.status < 500) return undefined;
    throw error;
  }
  return person.zone;
}

export async function cancelledPage(c: Context<AppEnv>) {
  const siren = c.req.query('attente');
  const zone = siren && Siren.safeParse(siren).success ? await zoneOfPlace(c.var.db, { epci: siren }) : undefined;
  return renderPage(
    c,
    <Layout title="Rendez-vous annulé">
      <h1>Votre rendez-vous est annulé</h1>
      <Notice kind="success">
        Le créneau est de nouveau libre pour quelqu’un d’autre. Merci de nous avoir prévenus.
      </Notice>
      {zone ? (
        <Notice kind="info" title="Vous êtes sur la liste d’attente">
          Si un créneau se libère dans la zone {zone.name} d’ici 30 jours, nous vous le proposons par SMS ou courriel,
          avec un lien pour l’accepter ou le refuser.
        </Notice>
      ) : null}
      <p>
        <a class="fr-btn" href="/">
          Prendre un nouveau rendez-vous
        </a>
      </p>
    </Layout>,
  );
}

export async function linkAskCancel(c: Context<AppEnv>) {
  const found = await opened(c);
  return found ? cancelQuestionPage(c, found.door, found.booking.id, found.door.base) : deadLinkPage(c);
}

export async function linkChoose(c: Context<AppEnv>) {
  const found = await opened(c);
  return found ? choosePage(c, found.door, found.booking.id) : deadLinkPage(c);
}

export async function linkMove(c: Context<AppEnv>) {
  const found = await opened(c);
  return found ? movePage(c, found.door, found.booking.id) : deadLinkPage(c);
}
