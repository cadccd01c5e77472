// Before a patient cancels: GET /rendez-vous/{id}/annuler (signed in) or /rdv/{token}/annuler
// (personal link) asks "Annuler le rendez-vous du … ?" with the site and the doctor; its Confirmer
// posts to the same path, which cancels. A slip of the finger on a phone no longer frees the slot.
import type { Context } from 'hono';
import { signInPath } from '../../auth';
import { CSRF_FIELD, csrfToken } from '../sign-in/csrf';
import { doctorOfSlot } from '../../core/slots/slots.queries';
import { Uuid } from '../../lib/openapi';
import type { AppEnv } from '../../app-env';
import { bookedSlot, ConfirmOrBack, SlotSummary } from '../components';
import { notFoundPage } from '../errors';
import { frenchDateTime } from '../format';
import { Layout } from '../layout';
import { renderPage } from '../render';
import { movable, signedIn, type Door } from './reschedule.page';

/** The question; `back` is where "Retour" leads, changing nothing. */
export async function cancelQuestionPage(c: Context<AppEnv>, door: Door, id: string, back: string) {
  const b = await movable(c, door, id);
  if (!b) return c.redirect(door.base, 303);
  const doctor = await doctorOfSlot(c.var.db, b.slot.id);
  const csrf = csrfToken(c);
  return renderPage(
    c,
    <Layout title="Annuler le rendez-vous">
      <h1>Annuler le rendez-vous du {frenchDateTime(new Date(b.slot.startsAt), b.site.timeZone, c.var.now)} ?</h1>
      {/* Never on a link's page: whoever holds the link is not told whose booking it is. */}
      {door.caller.role === 'patient' && door.caller.bookingId ? null : (
        <p>
          Rendez-vous de {b.patient?.firstName} {b.patient?.lastName}
        </p>
      )}
      <SlotSummary slot={bookedSlot(b)} now={c.var.now} doctor={doctor} />
      <p>Une fois annulé, le créneau sera proposé à quelqu’un d’autre.</p>
      <ConfirmOrBack
        action={`${door.base}/annuler`}
        yes="Confirmer l’annulation"
        back={back}
        backLabel="Retour, garder ce rendez-vous"
      >
        {csrf ? <input type="hidden" name={CSRF_FIELD} value={csrf} /> : null}
        {/* Through a personal link, the patient may wait for another slot as they let this one go. */}
        {door.caller.role === 'patient' &&
        door.caller.bookingId &&
        (b.patient?.phoneCanReceiveSms || b.patient?.email) ? (
          <div class="fr-checkbox-group fr-mb-3w">
            <input type="checkbox" id="attente" name="attente" value="oui" />
            <label class="fr-label" for="attente">
              Me prévenir si un autre créneau se libère près de chez moi
              <span class="fr-hint-text">
                Pendant 30 jours, par SMS ou courriel : le premier créneau libéré vous est proposé, à accepter ou
                refuser.
              </span>
            </label>
          </div>
        ) : null}
      </ConfirmOrBack>
    </Layout>,
  );
}

export async function askCancelPage(c: Context<AppEnv>) {
  if (!c.var.session) return c.redirect(signInPath(c.req.path), 303);
  const id = Uuid.safeParse(c.req.param('id'));
  if (!id.success) return notFoundPage(c);
  // Asked from Mes rendez-vous, "Retour" goes back there.
  const back = c.req.query('depuis') === 'liste' ? '/mes-rendez-vous' : `/rendez-vous/${id.data}`;
  return cancelQuestionPage(c, signedIn(c, id.data), id.data, back);
}
