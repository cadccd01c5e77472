// Finding a slot for the caller: GET /agent/creneaux?appel=…&q=… (a commune's name or a postcode;
// &commune=INSEE once chosen) lists the free slots two weeks at a time (&periode=N; slot-window,
// the same search and limiter as every search); POST /agent/creneaux/{slotId} holds one for the agent's
// longer time (AGENT_HOLD_MINUTES), then the booking form.
import type { Context } from 'hono';
import { communeByInsee, searchCommunes } from '../../../core/communes/communes.queries';
import { nearestCommunes } from '../../../core/communes/nearest-names';
import { holdSlot } from '../../../core/holds/holds.operations';
import { keepDraft } from '../../../auth';
import type { SlotRow, ZoneFilter } from '../../../core/slots/slots.queries';
import { slotForBooking } from '../../../core/slots/slots.queries';
import { Insee, Uuid } from '../../../lib/openapi';
import { ProblemError } from '../../../domain/problem';
import type { AppEnv } from '../../../app-env';
import { CommuneQuery } from '../../../core/communes/commune-query.input';
import { tariffSentence } from '../../components';
import { frenchDay, frenchTime, howFarAhead, withCommune } from '../../format';
import { readablePhone } from '../../../domain/phone';
import { notFoundPage } from '../../errors';
import { searchWindow, whereNext, WINDOW_DAYS, windowIndex, WindowLinks } from '../../slot-window';
import { agentPage, BackToCall, CallBanner, CallFields } from './agent.view';
import { typedFields } from './booking.page';
import { callOf, inCall } from './call';
import { callPage, withoutCall } from './start.page';
import { bookingLimit, limitedAction, searchLimit } from '../../limited-action';
import { callerOf } from '../../../middleware/require-role';

const PAGE_SIZE = 60;

/** `query`: what names the place again in a link. */
type Place = { filter: ZoneFilter; label: string; query: Record<string, string> };
type Choices = Array<{ insee: string; name: string; postcodes: string[] }>;

async function placeOf(c: Context<AppEnv>): Promise<Place | { choices: Choices } | { error: string }> {
  const db = c.var.db;
  const insee = c.req.query('commune');
  if (insee !== undefined) {
    const valid = Insee.safeParse(insee);
    const [row] = valid.success ? await communeByInsee(db, valid.data) : [];
    return row
      ? { filter: { commune: row.insee }, label: row.name, query: { commune: row.insee } }
      : { error: 'Cette commune est introuvable.' };
  }
  const typed = (c.req.query('q') ?? '').trim();
  if (/^\d{5}$/.test(typed)) return { filter: { postcode: typed }, label: `code postal ${typed}`, query: { q: typed } };
  if (typed === '' || !CommuneQuery.safeParse(typed).success)
    return {
      error: 'Indiquez le nom de la commune (en lettres) ou son code postal à 5 chiffres, par exemple Pissos ou 40410.',
    };
  const found = await searchCommunes(db, typed);
  const exact = found.filter((commune) => commune.exact);
  const candidates = exact.length ? exact : found;
  if (candidates.length === 0) {
    const near = await nearestCommunes(db, typed);
    const names = near
      .map((commune) => `${commune.name} (${commune.postcodes.join(', ') || commune.departement})`)
      .join(', ');
    return {
      error: `Aucune commune ne s’appelle « ${typed} ».${names ? ` Noms proches : ${names}.` : ''} Vérifiez l’orthographe ou demandez le code postal.`,
    };
  }
  if (candidates.length === 1)
    return {
      filter: { commune: candidates[0].insee },
      label: candidates[0].name,
      query: { commune: candidates[0].insee },
    };
  return { choices: candidates };
}

/**
 * Slots grouped by day ("demain", "dans 3 jours"), then by site with its address and phone, as the
 * agent reads them out; the earliest slot stands out. Each is a button that holds it (a form: it
 * changes something).
 */
export function SlotButtons({
  c,
  call,
  rows,
  action,
  now,
}: {
  c: Context<AppEnv>;
  call: string;
  rows: SlotRow[];
  action: (slotId: string) => string;
  now: Date;
}) {
  const days = new Map<string, Map<string, SlotRow[]>>();
  for (const row of rows) {
    const day = frenchDay(new Date(row.starts_at), row.time_zone, now);
    const sites = days.get(day) ?? new Map<string, SlotRow[]>();
    days.set(day, sites.set(row.site_id, [...(sites.get(row.site_id) ?? []), row]));
  }
  const first = rows[0]?.id;
  return (
    <>
      {[...days].map(([day, sites]) => {
        const [start] = [...sites.values()][0];
        return (
          <section class="fr-mb-4w" aria-label={day}>
            <h2 class="fr-h4">
              {day.charAt(0).toUpperCase() + day.slice(1)}{' '}
              <span class="fr-text--md">({howFarAhead(new Date(start.starts_at), now, start.time_zone)})</span>
            </h2>
            {[...sites.values()].map((slots) => {
              const site = slots[0];
              return (
                <>
                  <h3 class="fr-h6 fr-mb-1w">{withCommune(site.site_name, site.commune_name)}</h3>
                  <p class="fr-mb-2w">
                    {withCommune(site.address, site.commune_name)} · {readablePhone(site.phone)}
                  </p>
                  <ul class="fr-btns-group fr-btns-group--inline fr-btns-group--sm">
                    {slots.map((slot) => (
                      <li>
                        <form method="post" action={action(slot.id)}>
                          <CallFields c={c} call={call} />
                          <button class={slot.id === first ? 'fr-btn' : 'fr-btn fr-btn--secondary'} type="submit">
                            {slot.id === first ? 'Prochain créneau : ' : null}
                            {frenchTime(new Date(slot.starts_at), slot.time_zone)}
                            <span class="fr-sr-only">
                              {' '}
                              le {day}, {site.site_name}
                            </span>
                          </button>
                        </form>
                      </li>
                    ))}
                  </ul>
                </>
              );
            })}
          </section>
        );
      })}
    </>
  );
}

export async function slotsPage(c: Context<AppEnv>) {
  const call = await callOf(c);
  if (!call) return withoutCall(c);
  const place = await placeOf(c);
  if ('error' in place)
    return callPage(c, call, { place: { value: (c.req.query('q') ?? '').slice(0, 60), error: place.error } }, 400);
  if ('choices' in place) {
    return agentPage(
      c,
      'Choisir la commune',
      <>
        <h1>Quelle commune ?</h1>
        <CallBanner call={call} />
        <p>Plusieurs communes correspondent. Demandez laquelle à la personne.</p>
        <ul>
          {place.choices.map((commune) => (
            <li>
              <a href={inCall('/agent/creneaux', call, { commune: commune.insee })}>
                {commune.name} ({commune.postcodes.join(', ')})
              </a>
            </li>
          ))}
        </ul>
        <BackToCall call={call} />
      </>,
    );
  }
  const show = async (cc: Context<AppEnv>) => {
    const now = cc.var.now;
    const found = await searchWindow(
      cc.var.db,
      place.filter,
      now,
      windowIndex(cc.req.query('periode')),
      undefined,
      PAGE_SIZE,
    );
    const lead = whereNext(found, now);
    const links = (
      <WindowLinks
        found={found}
        href={(periode) => inCall('/agent/creneaux', call, { ...place.query, periode: String(periode) })}
      />
    );
    const why =
      found.zone && !found.zone.known
        ? 'Ce lieu est inconnu.'
        : found.zone && !found.zone.priority
          ? `${place.label} n’est pas dans une zone prioritaire du dispositif.`
          : undefined;
    return agentPage(
      cc,
      `Créneaux libres – ${place.label}`,
      <>
        <h1>Créneaux libres – {place.label}</h1>
        <CallBanner call={call} />
        {found.rows.length ? (
          <>
            {lead ? <p role="status">{lead}</p> : null}
            <p>
              {tariffSentence(found.rows[0].amount_cents)} Choisir un créneau le garde pour la personne le temps de
              prendre ses coordonnées.
            </p>
            <SlotButtons c={cc} call={call} rows={found.rows} action={(id) => `/agent/creneaux/${id}`} now={now} />
            {links}
          </>
        ) : (
          <>
            <div class="fr-alert fr-alert--info fr-mb-4w" role="status">
              <p>
                {why ??
                  `Aucun créneau libre ${found.window === 0 ? `dans les ${WINDOW_DAYS} prochains jours` : 'sur cette période'}. ${lead ?? ''}`}
              </p>
              {found.nearbyPriorityZones?.length ? (
                <p>Zones prioritaires du département : {found.nearbyPriorityZones.map((z) => z.name).join(', ')}.</p>
              ) : null}
            </div>
            {why ? null : links}
          </>
        )}
        <BackToCall call={call} />
      </>,
      found.zone && !found.zone.known ? 404 : 200,
    );
  };
  return limitedAction(c, searchLimit(place.filter), show);
}

export async function holdForCallerPage(c: Context<AppEnv>) {
  const call = await callOf(c);
  if (!call) return withoutCall(c);
  const id = Uuid.safeParse(c.req.param('slotId'));
  if (!id.success) return notFoundPage(c);
  const hold = async (cc: Context<AppEnv>) => {
    try {
      // The call's reference names the patient the hold is for (the API's patientRef).
      const { hold: held } = await holdSlot(cc.var.db, callerOf(cc), id.data, call, {
        minutes: cc.var.config().AGENT_HOLD_MINUTES,
        now: cc.var.now,
        callReference: call,
      });
      // Held again from a form whose hold was over: what was typed comes along (not its booking key).
      const { cle: _key, ...typed } = typedFields(await cc.req.parseBody());
      if (Object.keys(typed).length) await keepDraft(cc, held.id, typed, new Date(held.expiresAt));
      return cc.redirect(inCall(`/agent/reservation/${held.id}`, call), 303);
    } catch (error) {
      if (!(error instanceof ProblemError) || !['slot_unavailable', 'not_found'].includes(error.code)) throw error;
      return takenPage(cc, call, id.data);
    }
  };
  return limitedAction(c, bookingLimit(id.data), hold);
}

/** The slot was taken meanwhile (or never existed): say so, with the way to the free ones. */
export async function takenPage(c: Context<AppEnv>, call: string, slotId: string) {
  const slot = await slotForBooking(c.var.db, slotId, c.var.now);
  if (!slot) return notFoundPage(c);
  return agentPage(
    c,
    'Ce créneau n’est plus libre',
    <>
      <h1>Ce créneau n’est plus libre</h1>
      <CallBanner call={call} />
      <div class="fr-alert fr-alert--warning fr-mb-4w" role="alert">
        <p>Ce créneau vient d’être pris par quelqu’un d’autre. Proposez un autre créneau à la personne.</p>
      </div>
      <p>
        <a class="fr-btn" href={inCall('/agent/creneaux', call, { commune: slot.insee })}>
          Voir les créneaux libres à {slot.commune_name}
        </a>
      </p>
      <BackToCall call={call} />
    </>,
    409,
  );
}
