// A waitlist entry as its person sees it (issue 22 §3), through two doors: the personal link
// /attente/{token} of each offer message (no account), or /liste-attente/{id} for the signed-in
// patient who joined. While a slot is offered: when, where, until when it is kept, and two
// buttons, accept (the booking, then its own /rdv page) or decline; while waiting, stop waiting.
// The same core operations as the API, with plain forms that work without JavaScript.
import type { Context } from 'hono';
import { issueLink } from '../../core/bookings/links.operations';
import { slotForBooking } from '../../core/slots/slots.queries';
import { entryHolder, entryOfLink } from '../../core/waitlist/links.operations';
import { acceptOffer, declineOffer, readEntry, withdrawEntry } from '../../core/waitlist/waitlist.operations';
import { readablePhone } from '../../domain/phone';
import { ProblemError } from '../../domain/problem';
import type { AppEnv } from '../../app-env';
import type { Caller } from '../../domain/caller';
import { CSRF_FIELD, csrfToken } from '../sign-in/csrf';
import { Notice, SlotSummary } from '../components';
import { frenchTime } from '../format';
import { Layout } from '../layout';
import { renderPage } from '../render';

/** The entry a page acts on, where its forms post, and as whom. */
export interface EntryDoor {
  id: string;
  base: string;
  caller: Caller;
}

async function opened(c: Context<AppEnv>): Promise<EntryDoor | undefined> {
  const token = c.req.param('token') ?? '';
  const id = await entryOfLink(c.var.db, token);
  return id ? { id, base: `/attente/${token}`, caller: entryHolder(id) } : undefined;
}

/** An entry that ended (through its link: a link that opens nothing any more). */
function deadLinkPage(c: Context<AppEnv>, title = 'Ce lien ne fonctionne plus', status: 200 | 404 = 404) {
  const phone = readablePhone(c.var.config().CALL_CENTRE_PHONE);
  return renderPage(
    c,
    <Layout title={title}>
      <h1>{title}</h1>
      <p class="fr-text--lead">Cette inscription sur liste d’attente est terminée.</p>
      <p>
        Cela arrive quand vous avez quitté la liste, quand la période choisie est passée, ou après trois créneaux
        proposés sans réponse.
      </p>
      <ul>
        <li>
          <a href="/">Chercher un rendez-vous</a>
        </li>
        <li>Appeler le centre d’appels au {phone}</li>
      </ul>
    </Layout>,
    status,
  );
}

export async function offerLinkPage(c: Context<AppEnv>) {
  const found = await opened(c);
  return found ? entryPage(c, found) : deadLinkPage(c);
}

/** A signed-in person's forms carry their session's CSRF token; a link's have none to carry. */
const CsrfField = ({ c }: { c: Context<AppEnv> }) => {
  const token = csrfToken(c);
  return token ? <input type="hidden" name={CSRF_FIELD} value={token} /> : null;
};

export async function entryPage(c: Context<AppEnv>, found: EntryDoor) {
  const db = c.var.db;
  const entry = await readEntry(db, found.caller, found.id, c.var.now);
  const phone = readablePhone(c.var.config().CALL_CENTRE_PHONE);
  if (entry.status === 'booked' && entry.bookingId) {
    const next = await issueLink(db, entry.bookingId, c.var.now);
    if (next) return c.redirect(`/rdv/${next}`, 303);
  }
  if (entry.status === 'expired' || entry.status === 'withdrawn')
    return deadLinkPage(c, 'Votre inscription est terminée', 200);
  const slot = entry.offer ? await slotForBooking(db, entry.offer.slotId, c.var.now) : undefined;
  const declined = c.req.query('refuse') === '1';
  const late = c.req.query('expire') === '1';
  return renderPage(
    c,
    <Layout title={slot ? 'Un créneau s’est libéré pour vous' : 'Votre inscription sur liste d’attente'}>
      {slot && entry.offer ? (
        <>
          <h1>Un créneau s’est libéré pour vous</h1>
          <p class="fr-text--lead">
            Nous le gardons pour vous jusqu’à {frenchTime(new Date(entry.offer.expiresAt), slot.time_zone)}. Sans
            réponse, il sera proposé à la personne suivante.
          </p>
          <SlotSummary
            slot={{
              startsAt: new Date(slot.starts_at),
              timeZone: slot.time_zone,
              siteName: slot.site_name,
              address: slot.address,
              communeName: slot.commune_name,
              phone: slot.phone,
              accessibility: slot.accessibility,
              amountCents: slot.amount_cents,
            }}
            now={c.var.now}
          />
          <form method="post" action={`${found.base}/accepter`}>
            <CsrfField c={c} />
            <input type="hidden" name="cle" value={crypto.randomUUID()} />
            <ul class="fr-btns-group fr-btns-group--inline-md">
              <li>
                <button class="fr-btn" type="submit">
                  Accepter ce créneau
                </button>
              </li>
              <li>
                <button class="fr-btn fr-btn--secondary" type="submit" formaction={`${found.base}/refuser`}>
                  Refuser ce créneau
                </button>
              </li>
            </ul>
          </form>
        </>
      ) : (
        <>
          <h1>Votre inscription sur liste d’attente</h1>
          {c.req.query('inscrit') === '1' ? (
            <Notice kind="success">Vous êtes inscrit sur la liste d’attente.</Notice>
          ) : null}
          {declined ? (
            <Notice kind="success">
              Vous avez refusé ce créneau : il est proposé à la personne suivante. Vous restez sur la liste d’attente.
            </Notice>
          ) : null}
          {late ? (
            <Notice kind="error">
              Le temps pour accepter ce créneau est écoulé : il a été proposé à la personne suivante. Vous restez sur la
              liste d’attente.
            </Notice>
          ) : null}
          <p class="fr-text--lead">
            Vous êtes sur la liste d’attente. Quand un créneau se libère près de chez vous, nous vous prévenons par SMS
            ou par courriel.
          </p>
          <p>Vous attendez jusqu’au {entry.to.split('-').reverse().join('/')}.</p>
          <form method="post" action={`${found.base}/quitter`}>
            <CsrfField c={c} />
            <button class="fr-btn fr-btn--tertiary" type="submit">
              Ne plus attendre
            </button>
          </form>
        </>
      )}
      <p>Vous pouvez aussi appeler le centre d’appels au {phone}.</p>
    </Layout>,
  );
}

/** The booking is the offer's; the person continues on its own page, where it is managed like any other. */
export async function offerLinkAccept(c: Context<AppEnv>) {
  const found = await opened(c);
  return found ? acceptFrom(c, found) : deadLinkPage(c);
}

export async function acceptFrom(c: Context<AppEnv>, found: EntryDoor) {
  const form = await c.req.parseBody();
  const key = typeof form.cle === 'string' && form.cle ? form.cle : crypto.randomUUID();
  try {
    const { row } = await acceptOffer(c.var.db, found.caller, found.id, `attente-${key}`, c.var.now);
    const link = await issueLink(c.var.db, row.id, c.var.now);
    return c.redirect(link ? `/rdv/${link}` : found.base, 303);
  } catch (error) {
    if (error instanceof ProblemError && error.status === 409) return c.redirect(`${found.base}?expire=1`, 303);
    throw error;
  }
}

export async function offerLinkDecline(c: Context<AppEnv>) {
  const found = await opened(c);
  return found ? declineFrom(c, found) : deadLinkPage(c);
}

export async function declineFrom(c: Context<AppEnv>, found: EntryDoor) {
  try {
    await declineOffer(c.var.db, found.caller, found.id, c.var.now);
  } catch (error) {
    if (error instanceof ProblemError && error.status === 409) return c.redirect(found.base, 303);
    throw error;
  }
  return c.redirect(`${found.base}?refuse=1`, 303);
}

export async function offerLinkWithdraw(c: Context<AppEnv>) {
  const found = await opened(c);
  return found ? withdrawFrom(c, found) : deadLinkPage(c);
}

export async function withdrawFrom(c: Context<AppEnv>, found: EntryDoor) {
  await withdrawEntry(c.var.db, found.caller, found.id, c.var.now);
  return c.redirect('/attente/quitte', 303);
}

export function withdrawnPage(c: Context<AppEnv>) {
  return renderPage(
    c,
    <Layout title="Vous n’êtes plus sur la liste d’attente">
      <h1>Vous n’êtes plus sur la liste d’attente</h1>
      <Notice kind="success">Nous ne vous proposerons plus de créneau.</Notice>
      <p>
        <a class="fr-btn" href="/">
          Chercher un rendez-vous
        </a>
      </p>
    </Layout>,
  );
}
