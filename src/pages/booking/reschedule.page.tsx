// Moving a booking: GET /rendez-vous/{id}/deplacer (or /rdv/{token}/deplacer, through a personal link) lists the free slots of the same commune, two
// weeks at a time (&periode=N; the same search and limiter as the results page); `?vers={slotId}` shows the move before it is
// made, from → to; POST moves it in one statement (core rescheduleBooking, idempotency key in a hidden field),
// then the confirmation.
import type { Context } from 'hono';
import { sessionCaller, signInPath } from '../../auth';
import { CSRF_FIELD, csrfToken } from '../sign-in/csrf';
import { toBooking, type Booking } from '../../core/bookings/bookings.presenters';
import { bookingFor } from '../../core/bookings/bookings.queries';
import { rescheduleBooking } from '../../core/bookings/reschedule.operations';
import { doctorOfSlot, slotForBooking } from '../../core/slots/slots.queries';
import { Uuid } from '../../lib/openapi';
import { ProblemError } from '../../domain/problem';
import type { AppEnv } from '../../app-env';
import type { Caller } from '../../domain/caller';
import { ConfirmOrBack, SlotSummary } from '../components';
import { notFoundPage } from '../errors';
import { frenchDateTime, withCommune } from '../format';
import { Layout } from '../layout';
import { renderPage } from '../render';
import { searchWindow, whereNext, WINDOW_DAYS, windowIndex, WindowLinks, type WindowSearch } from '../slot-window';
import { bookingLimit, limitedAction, searchLimit } from '../limited-action';

/**
 * How the patient reached their booking: signed in (/rendez-vous/{id}) or through a personal link
 * (/rdv/{token}). `base` is the booking's page; `moved` where to go once it has moved.
 */
export interface Door {
  base: string;
  caller: Caller;
  moved: (c: Context<AppEnv>, bookingId: string) => Promise<string>;
}

export const signedIn = (c: Context<AppEnv>, id: string): Door => ({
  base: `/rendez-vous/${id}`,
  caller: sessionCaller(c.var.session!),
  moved: async () => `/rendez-vous/${id}?deplace=1`,
});

/** The door's booking while it is still booked (one that can be moved or cancelled). */
export async function movable(c: Context<AppEnv>, door: Door, id: string): Promise<Booking | undefined> {
  const row = await bookingFor(c.var.db, id, door.caller);
  return row?.status === 'booked' ? toBooking(row) : undefined;
}

function Choice({ b, base, found, now }: { b: Booking; base: string; found: WindowSearch; now: Date }) {
  const lead = whereNext(found, now);
  return (
    <Layout title="Déplacer le rendez-vous">
      <h1>Déplacer le rendez-vous</h1>
      <p>
        Votre rendez-vous actuel : {frenchDateTime(new Date(b.slot.startsAt), b.site.timeZone, now)}, {b.site.name}. Il
        reste valable tant que vous n’avez pas confirmé le nouveau créneau.
      </p>
      {found.rows.length === 0 ? (
        <p>
          Aucun autre créneau n’est libre à {b.site.commune.name}{' '}
          {found.window === 0 ? `dans les ${WINDOW_DAYS} prochains jours` : 'sur cette période'}. {lead}
        </p>
      ) : (
        <>
          <h2>Créneaux libres à {b.site.commune.name}</h2>
          {found.skipped ? <p role="status">{lead}</p> : null}
          <ul>
            {found.rows.map((slot) => (
              <li>
                <a href={`${base}/deplacer?vers=${slot.id}`}>
                  {frenchDateTime(new Date(slot.starts_at), slot.time_zone, now)}, {slot.site_name}
                </a>
              </li>
            ))}
          </ul>
        </>
      )}
      <WindowLinks found={found} href={(periode) => `${base}/deplacer?periode=${periode}`} />
      <p>
        <a href={base}>Garder mon rendez-vous actuel</a>
      </p>
    </Layout>
  );
}

export async function reschedulePage(c: Context<AppEnv>) {
  if (!c.var.session) return c.redirect(signInPath(c.req.path), 303);
  const id = Uuid.safeParse(c.req.param('id'));
  return id.success ? choosePage(c, signedIn(c, id.data), id.data) : notFoundPage(c);
}

export async function moveBookingPage(c: Context<AppEnv>) {
  if (!c.var.session) return c.redirect(signInPath(c.req.path), 303);
  const id = Uuid.safeParse(c.req.param('id'));
  return id.success ? movePage(c, signedIn(c, id.data), id.data) : notFoundPage(c);
}

/** The free slots to move to, or the move asked for (`?vers=`) before it is made. */
export async function choosePage(c: Context<AppEnv>, door: Door, id: string) {
  const b = await movable(c, door, id);
  if (!b) return notFoundPage(c);
  const base = door.base;
  const target = c.req.query('vers');
  if (target !== undefined) {
    const slot = Uuid.safeParse(target).success ? await slotForBooking(c.var.db, target, c.var.now) : undefined;
    if (!slot?.free) return c.redirect(`${base}/deplacer`, 303);
    const now = c.var.now;
    const from = frenchDateTime(new Date(b.slot.startsAt), b.site.timeZone, now);
    const to = frenchDateTime(new Date(slot.starts_at), slot.time_zone, now);
    const [fromDoctor, toDoctor] = await Promise.all([
      doctorOfSlot(c.var.db, b.slot.id),
      doctorOfSlot(c.var.db, slot.id),
    ]);
    return renderPage(
      c,
      <Layout title="Déplacer le rendez-vous">
        <h1>
          Déplacer le rendez-vous du {from} <span aria-hidden="true">→</span> au {to} ?
        </h1>
        <p>
          Rendez-vous actuel : {from}, {withCommune(b.site.name, b.site.commune.name)}
          {fromDoctor ? `, avec le ${fromDoctor}` : ''}. Il reste valable tant que vous n’avez pas confirmé.
        </p>
        <p>Nouveau créneau :</p>
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
          now={now}
          doctor={toDoctor}
        />
        <ConfirmOrBack
          action={`${base}/deplacer`}
          yes="Confirmer le déplacement"
          back={`${base}/deplacer`}
          backLabel="Retour aux créneaux libres"
        >
          {csrfToken(c) ? <input type="hidden" name={CSRF_FIELD} value={csrfToken(c)} /> : null}
          <input type="hidden" name="vers" value={slot.id} />
          <input type="hidden" name="cle" value={crypto.randomUUID()} />
        </ConfirmOrBack>
      </Layout>,
    );
  }
  const filter = { commune: b.site.commune.insee };
  const list = async (cc: Context<AppEnv>) => {
    const now = cc.var.now;
    const found = await searchWindow(cc.var.db, filter, now, windowIndex(cc.req.query('periode')), undefined, 40);
    return renderPage(cc, <Choice b={b} base={base} found={found} now={now} />);
  };
  return limitedAction(c, searchLimit(filter), list);
}

/** The move, in one statement (core rescheduleBooking), then the booking's page. */
export async function movePage(c: Context<AppEnv>, door: Door, id: string) {
  const b = await movable(c, door, id);
  if (!b) return notFoundPage(c);
  const form = await c.req.parseBody();
  const slotId = typeof form.vers === 'string' && Uuid.safeParse(form.vers).success ? form.vers : undefined;
  if (!slotId) return c.redirect(`${door.base}/deplacer`, 303);
  const key = typeof form.cle === 'string' && Uuid.safeParse(form.cle).success ? form.cle : crypto.randomUUID();
  const move = async (cc: Context<AppEnv>) => {
    try {
      await rescheduleBooking(cc.var.db, door.caller, b.id, { slotId }, key, cc.var.now);
    } catch (error) {
      // Taken meanwhile, or the booking can no longer move: back to the choice, which shows what is left.
      if (error instanceof ProblemError && error.status < 500) return cc.redirect(`${door.base}/deplacer`, 303);
      throw error;
    }
    return cc.redirect(await door.moved(cc, b.id), 303);
  };
  return limitedAction(c, bookingLimit(slotId), move);
}
