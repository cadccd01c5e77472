// A zone's waitlist in the call-centre console (issue 22 §3): GET /agent/attente?appel=…&q=<postcode>
// lists the people waiting in their turn, with how they are told of an offer. A person without a
// mobile or an email hears of it only by phone: the agent calls them and records their answer,
// accept (booked on the call, audited by the booking's statement) or decline (the slot goes on to
// the next person, audited too). Reading the list is audited like the call list (it shows phones).
import type { Context } from 'hono';
import { auditEntry, recordAudit } from '../../../core/audit/audit.queries';
import { acceptOffer, declineOffer, joinWaitlist } from '../../../core/waitlist/waitlist.operations';
import { zoneOfPlace, zoneWaitlist, type ZoneWaitlistRow } from '../../../core/waitlist/waitlist.queries';
import { readablePhone } from '../../../domain/phone';
import { Postcode, Uuid } from '../../../lib/openapi';
import { ProblemError } from '../../../domain/problem';
import { checkWaitlistPerson, PERSON_FIELD_REFUSALS, type PersonErrors, type PersonValues } from '../../person-fields';
import type { AppEnv } from '../../../app-env';
import { ErrorSummary, Notice } from '../../components';
import { FIELDS, Field } from '../../booking/form.view';
import { notFoundPage } from '../../errors';
import { frenchDateTime, frenchTime, toFrenchDate } from '../../format';
import { agentPage, BackToCall, CallBanner, CallFields, TextField } from './agent.view';
import { CALL_FIELD, callOf, inCall } from './call';
import { withoutCall } from './start.page';
import { callerOf } from '../../../middleware/require-role';

const PAGE_SIZE = 100;

function howTold(r: ZoneWaitlistRow): string {
  if (r.notify_sms && r.notify_email) return 'Prévenu par SMS et par courriel';
  if (r.notify_sms) return 'Prévenu par SMS';
  if (r.notify_email) return 'Prévenu par courriel';
  return 'Ni mobile ni courriel : à prévenir par téléphone';
}

function Entry({
  c,
  r,
  call,
  turn,
  q,
}: {
  c: Context<AppEnv>;
  r: ZoneWaitlistRow;
  call: string;
  turn: number;
  q: string;
}) {
  const offered = r.offer_slot_id && r.slot_starts_at && r.time_zone;
  return (
    <section class="fr-mb-4w" aria-labelledby={`attente-${r.id}`}>
      <h2 class="fr-h5" id={`attente-${r.id}`}>
        {turn}. {r.patient_first_name} {r.patient_last_name} –{' '}
        <a href={`tel:${r.patient_phone}`}>{readablePhone(r.patient_phone)}</a>
      </h2>
      <p class="fr-text--sm">
        {howTold(r)}. Attend jusqu’au {toFrenchDate(r.to_date)} ; {r.offers} créneau{r.offers > 1 ? 'x' : ''} déjà
        proposé{r.offers > 1 ? 's' : ''}.
      </p>
      {offered ? (
        <div class="fr-callout fr-mb-2w">
          <h3 class="fr-callout__title fr-h6">
            Créneau proposé, gardé jusqu’à {frenchTime(new Date(r.offer_expires_at!), r.time_zone!)}
          </h3>
          <p class="fr-callout__text">
            Le {frenchDateTime(new Date(r.slot_starts_at!), r.time_zone!, c.var.now)}, à {r.site_name} ({r.commune_name}
            ). Consultation au tarif de la Sécurité sociale, sans dépassement d’honoraires.
          </p>
          <form method="post" action={`/agent/attente/${r.id}/accepter`}>
            <CallFields c={c} call={call} />
            <input type="hidden" name="cle" value={crypto.randomUUID()} />
            <input type="hidden" name="q" value={q} />
            <ul class="fr-btns-group fr-btns-group--inline-md">
              <li>
                <button class="fr-btn" type="submit">
                  Accepté : réserver
                  <span class="fr-sr-only">
                    {' '}
                    pour {r.patient_first_name} {r.patient_last_name}
                  </span>
                </button>
              </li>
              <li>
                <button class="fr-btn fr-btn--secondary" type="submit" formaction={`/agent/attente/${r.id}/refuser`}>
                  Refusé : proposer au suivant
                  <span class="fr-sr-only">
                    {' '}
                    ({r.patient_first_name} {r.patient_last_name})
                  </span>
                </button>
              </li>
            </ul>
          </form>
        </div>
      ) : (
        <p>En attente d’un créneau libéré.</p>
      )}
    </section>
  );
}

const EMPTY: PersonValues = { firstName: '', lastName: '', birthDate: '', phone: '', email: '' };

/** The caller put on the zone's list during the call: no mobile nor email needed, the agent will phone. */
function JoinCaller({
  c,
  call,
  q,
  values,
  errors,
}: {
  c: Context<AppEnv>;
  call: string;
  q: string;
  values: PersonValues;
  errors: PersonErrors;
}) {
  return (
    <section class="fr-mt-6w" aria-labelledby="inscrire">
      <h2 id="inscrire">Inscrire la personne au bout du fil</h2>
      <p>
        Elle sera prévenue du premier créneau libéré pendant 30 jours : par SMS ou courriel, ou par vous au téléphone si
        elle n’a ni mobile ni courriel.
      </p>
      <form method="post" action="/agent/attente/inscrire" novalidate>
        <CallFields c={c} call={call} />
        <input type="hidden" name="q" value={q} />
        {FIELDS.map((field) => (
          <Field field={field} value={values[field.name]} error={errors[field.name]} />
        ))}
        <button class="fr-btn" type="submit">
          Inscrire sur la liste d’attente
        </button>
      </form>
    </section>
  );
}

async function listPage(
  c: Context<AppEnv>,
  call: string,
  typed: string,
  notice?: string,
  join: { values: PersonValues; errors: PersonErrors } = { values: EMPTY, errors: {} },
) {
  const form = (error?: string) => (
    <>
      <ErrorSummary
        title="La liste n’a pas pu être affichée"
        fields={error ? [{ id: 'q', label: 'Code postal de la personne', message: error }] : []}
      />
      <form method="get" action="/agent/attente">
        <input type="hidden" name={CALL_FIELD} value={call} />
        <TextField
          id="q"
          label="Code postal de la personne"
          hint="5 chiffres, par exemple 40410"
          value={typed}
          error={error}
          maxlength={5}
          inputmode="numeric"
          autocomplete="off"
        />
        <button class="fr-btn" type="submit">
          Voir la liste d’attente
        </button>
      </form>
    </>
  );
  const frame = (body: unknown, status: 200 | 400 = 200) =>
    agentPage(
      c,
      `${status === 400 ? 'Erreur : ' : ''}Liste d’attente`,
      <>
        <h1>Liste d’attente d’une zone</h1>
        <CallBanner call={call} />
        {notice ? <Notice kind="success">{notice}</Notice> : null}
        {body}
        <BackToCall call={call} />
      </>,
      status,
    );
  if (typed === '') return frame(form());
  const zone = Postcode.safeParse(typed).success ? await zoneOfPlace(c.var.db, { postcode: typed }) : undefined;
  if (!zone)
    return frame(
      form('Indiquez le code postal à 5 chiffres d’une commune en zone prioritaire, par exemple 40410.'),
      400,
    );
  const rows = await zoneWaitlist(c.var.db, zone.siren, c.var.now, PAGE_SIZE);
  const entry = auditEntry(callerOf(c), 'waitlist.read', '200', c.var.now, call);
  if (entry) await recordAudit(c.var.db, entry, []);
  return frame(
    <>
      {form()}
      <h2 class="fr-mt-4w">{zone.name}</h2>
      <p>
        {rows.length === 0
          ? 'Personne n’attend dans cette zone.'
          : `${rows.length} personne${rows.length > 1 ? 's' : ''} en attente, dans l’ordre d’inscription : le créneau libéré va à la première qu’il convient.`}
      </p>
      {rows.map((r, i) => (
        <Entry c={c} r={r} call={call} turn={i + 1} q={typed} />
      ))}
      <JoinCaller c={c} call={call} q={typed} values={join.values} errors={join.errors} />
    </>,
    Object.keys(join.errors).length ? 400 : 200,
  );
}

export async function waitlistPage(c: Context<AppEnv>) {
  const call = await callOf(c);
  if (!call) return withoutCall(c);
  const done =
    c.req.query('refuse') === '1'
      ? 'Le refus est noté : le créneau est proposé à la personne suivante.'
      : c.req.query('expire') === '1'
        ? 'Le temps pour accepter ce créneau était écoulé : il est passé à la personne suivante.'
        : c.req.query('inscrit') === '1'
          ? 'La personne est inscrite sur la liste d’attente : elle sera prévenue du premier créneau libéré.'
          : undefined;
  return listPage(c, call, (c.req.query('q') ?? '').trim(), done);
}

async function entryOf(c: Context<AppEnv>) {
  const id = Uuid.safeParse(c.req.param('id'));
  const call = await callOf(c);
  const form = await c.req.parseBody();
  const q = typeof form.q === 'string' && Postcode.safeParse(form.q).success ? form.q : undefined;
  const key = typeof form.cle === 'string' && Uuid.safeParse(form.cle).success ? form.cle : crypto.randomUUID();
  return id.success && call ? { id: id.data, call, q, key } : undefined;
}

const back = (call: string, q: string | undefined, params: Record<string, string> = {}) =>
  inCall('/agent/attente', call, { ...(q ? { q } : {}), ...params });

export async function waitlistAcceptPage(c: Context<AppEnv>) {
  const found = await entryOf(c);
  if (!found) return notFoundPage(c);
  try {
    const { row } = await acceptOffer(c.var.db, callerOf(c), found.id, `attente-${found.key}`, c.var.now, found.call);
    return c.redirect(inCall(`/agent/rendez-vous/${row.id}`, found.call), 303);
  } catch (error) {
    if (error instanceof ProblemError && error.status === 409)
      return c.redirect(back(found.call, found.q, { expire: '1' }), 303);
    throw error;
  }
}

export async function waitlistDeclinePage(c: Context<AppEnv>) {
  const found = await entryOf(c);
  if (!found) return notFoundPage(c);
  try {
    await declineOffer(c.var.db, callerOf(c), found.id, c.var.now, found.call);
  } catch (error) {
    if (error instanceof ProblemError && error.status === 409)
      return c.redirect(back(found.call, found.q, { expire: '1' }), 303);
    throw error;
  }
  return c.redirect(back(found.call, found.q, { refuse: '1' }), 303);
}

export async function waitlistJoinPage(c: Context<AppEnv>) {
  const call = await callOf(c);
  if (!call) return withoutCall(c);
  const form = await c.req.parseBody();
  const text = (name: string) => (typeof form[name] === 'string' ? (form[name] as string).slice(0, 254) : '');
  const q = text('q');
  const zone = Postcode.safeParse(q).success ? await zoneOfPlace(c.var.db, { postcode: q }) : undefined;
  if (!zone) return notFoundPage(c);
  const values: PersonValues = {
    firstName: text('firstName'),
    lastName: text('lastName'),
    birthDate: text('birthDate'),
    phone: text('phone'),
    email: text('email'),
  };
  const { errors, birthDate } = checkWaitlistPerson(values, { needsChannel: false });
  // A refusal is the list page again, with the form as typed and its errors.
  const again = (errs: PersonErrors) => listPage(c, call, q, undefined, { values, errors: errs });
  if (Object.keys(errors).length) return again(errors);
  const email = values.email.trim();
  const patient = {
    firstName: values.firstName,
    lastName: values.lastName,
    birthDate: birthDate!,
    phone: values.phone,
    ...(email ? { email } : {}),
  };
  try {
    await joinWaitlist(c.var.db, callerOf(c), { zone: zone.siren, patient, callReference: call }, c.var.now);
  } catch (error) {
    if (!(error instanceof ProblemError) || error.status >= 500) throw error;
    const fields = PERSON_FIELD_REFUSALS[error.code];
    if (fields) return again(fields);
    return again({ lastName: 'Cette personne est déjà sur la liste d’attente de cette zone, inscrite par ailleurs.' });
  }
  return c.redirect(back(call, q, { inscrit: '1' }), 303);
}
