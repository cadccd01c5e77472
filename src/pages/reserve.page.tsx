// `/reserver/{slotId}`: the chosen slot in full, and the way on. Choosing it needs the patient's
// identity (FranceConnect), so FranceConnect's button leads to sign-in and back to the form, the
// slot held (booking/hold.page.tsx); signed in, the button holds it. It is also the slots' SMART
// Scheduling Links booking-deep-link: an aggregator's `source` and `booking-referral` go on with
// the button to the hold, and from it to the booking.
import type { Context } from 'hono';
import { signInPath } from '../auth';
import { CSRF_FIELD, csrfToken } from './sign-in/csrf';
import { slotForBooking } from '../core/slots/slots.queries';
import { referralOf, referralQuery, type Referral } from '../domain/referral';
import { Uuid } from '../lib/openapi';
import type { AppEnv } from '../app-env';
import { FranceConnectButton, Stepper, SlotSummary, type SlotView } from './components';
import { notFoundPage } from './errors';
import { Layout } from './layout';
import { renderPage } from './render';

/** Signing in to book goes back through /reserver/{id}/garder: the form opens, the slot held. */
export const signInToHold = (slotId: string, referral?: Referral) =>
  signInPath(`/reserver/${slotId}/garder${referralQuery(referral)}`);

/** A deep link's referral, from the query string (GET) or the form that carries it on (POST). */
export const referralFrom = (values: Record<string, unknown>) =>
  referralOf(
    typeof values.source === 'string' ? values.source : undefined,
    typeof values['booking-referral'] === 'string' ? values['booking-referral'] : undefined,
  );

type Row = NonNullable<Awaited<ReturnType<typeof slotForBooking>>>;

const viewOf = (row: Row): SlotView => ({
  startsAt: new Date(row.starts_at),
  timeZone: row.time_zone,
  siteName: row.site_name,
  address: row.address,
  communeName: row.commune_name,
  phone: row.phone,
  accessibility: row.accessibility,
  amountCents: row.amount_cents,
});

function OtherSlot({ row }: { row: Row }) {
  return (
    <a class="fr-btn fr-btn--secondary" href={`/recherche?commune=${row.insee}`}>
      Choisir un autre créneau
    </a>
  );
}

export function ReserveView({
  row,
  now,
  holdMinutes,
  csrf,
  referral,
}: {
  row: Row;
  now: Date;
  holdMinutes: number;
  csrf?: string;
  referral?: Referral;
}) {
  return (
    <Layout title="Vérifier le créneau – étape 1 sur 4">
      <h1>Vérifier le créneau</h1>
      <Stepper current={1} />
      <SlotSummary slot={viewOf(row)} now={now} />
      {csrf ? (
        <>
          <p>
            Quand vous cliquez sur « Réserver ce créneau », nous le gardons pour vous pendant {holdMinutes} minutes, le
            temps d’indiquer votre numéro de téléphone.
          </p>
          <ul class="fr-btns-group fr-btns-group--inline-md">
            <li>
              <form method="post" action={`/reserver/${row.id}`}>
                <input type="hidden" name={CSRF_FIELD} value={csrf} />
                {referral?.source && <input type="hidden" name="source" value={referral.source} />}
                {referral?.id && <input type="hidden" name="booking-referral" value={referral.id} />}
                <button class="fr-btn" type="submit">
                  Réserver ce créneau
                </button>
              </form>
            </li>
            <li>
              <OtherSlot row={row} />
            </li>
          </ul>
        </>
      ) : (
        <>
          <p>
            Pour réserver ce créneau, identifiez-vous avec FranceConnect. Au retour, nous le gardons pour vous pendant{' '}
            {holdMinutes} minutes, le temps d’indiquer votre numéro de téléphone.
          </p>
          <FranceConnectButton href={signInToHold(row.id, referral)} />
          <p>
            <OtherSlot row={row} />
          </p>
        </>
      )}
    </Layout>
  );
}

export function TakenView({ row, now }: { row: Row; now: Date }) {
  return (
    <Layout title="Ce créneau n’est plus libre">
      <h1>Ce créneau n’est plus libre</h1>
      <div class="fr-alert fr-alert--warning fr-mb-4w" role="alert">
        <p>
          Ce créneau vient d’être pris, ou il est passé. D’autres créneaux sont peut-être encore libres à{' '}
          {row.commune_name}.
        </p>
      </div>
      <SlotSummary slot={viewOf(row)} now={now} />
      <p>
        <a class="fr-btn" href={`/recherche?commune=${row.insee}`}>
          Voir les créneaux libres à {row.commune_name}
        </a>
      </p>
    </Layout>
  );
}

export async function reservePage(c: Context<AppEnv>) {
  const id = Uuid.safeParse(c.req.param('slotId'));
  const row = id.success ? await slotForBooking(c.var.db, id.data, c.var.now) : undefined;
  if (!row) return notFoundPage(c);
  if (!row.free) return renderPage(c, <TakenView row={row} now={c.var.now} />, 409);
  const referral = referralFrom(c.req.query());
  return renderPage(
    c,
    <ReserveView
      row={row}
      now={c.var.now}
      holdMinutes={c.var.config().HOLD_MINUTES}
      csrf={csrfToken(c)}
      referral={referral}
    />,
  );
}
