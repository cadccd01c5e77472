// Joining a zone's waitlist from the results page (issue 22 §3), signed in with FranceConnect:
// GET /liste-attente?commune=…|postcode=…|epci=… shows the form (the person's identity from the
// account, for them or a relative), POST puts them on the list through the same core operation as
// the API (joining twice finds the entry), then /liste-attente/{id} shows where they stand.
import type { Context } from 'hono';
import { sessionCaller, signInPath, type Session } from '../../auth';
import { CSRF_FIELD, csrfToken } from '../sign-in/csrf';
import { joinWaitlist } from '../../core/waitlist/waitlist.operations';
import { zoneOfPlace } from '../../core/waitlist/waitlist.queries';
import { DEFAULT_WINDOW_DAYS } from '../../domain/waitlist';
import { Insee, Postcode, Siren, Uuid } from '../../lib/openapi';
import { ProblemError } from '../../domain/problem';
import { checkWaitlistPerson, PERSON_FIELD_REFUSALS, type PersonErrors, type PersonValues } from '../person-fields';
import type { AppEnv } from '../../app-env';
import { FIELDS, Field } from '../booking/form.view';
import { ErrorSummary } from '../components';
import { notFoundPage } from '../errors';
import { toFrenchDate } from '../format';
import { Layout } from '../layout';
import { renderPage } from '../render';
import { acceptFrom, declineFrom, entryPage, withdrawFrom, type EntryDoor } from './offer-link.page';

type PlaceFilter = { epci: string } | { commune: string } | { postcode: string };

function placeOf(c: Context<AppEnv>): PlaceFilter | undefined {
  const { epci, commune, postcode } = c.req.query();
  if (epci && Siren.safeParse(epci).success) return { epci };
  if (commune && Insee.safeParse(commune).success) return { commune };
  if (postcode && Postcode.safeParse(postcode).success) return { postcode };
  return undefined;
}

const placeQuery = (place: PlaceFilter) => new URLSearchParams(Object.entries(place)).toString();

function JoinForm({
  c,
  zone,
  query,
  values,
  errors,
  refusal,
}: {
  c: Context<AppEnv>;
  zone: { siren: string; name: string };
  query: string;
  values: PersonValues;
  errors: PersonErrors;
  refusal?: string;
}) {
  const faulty = FIELDS.filter((f) => errors[f.name]);
  return (
    <Layout title={`${faulty.length || refusal ? 'Erreur : ' : ''}Être prévenu quand un créneau se libère`}>
      <h1>Être prévenu quand un créneau se libère</h1>
      <ErrorSummary
        title={
          refusal
            ? 'L’inscription n’a pas abouti'
            : `Le formulaire contient ${faulty.length} erreur${faulty.length > 1 ? 's' : ''}`
        }
        refusal={refusal}
        fields={faulty.map((f) => ({ id: f.name, label: f.label, message: errors[f.name]! }))}
        focusable
      />
      <p class="fr-text--lead">
        Nous vous proposerons le premier créneau qui se libère dans la zone {zone.name}, pendant les{' '}
        {DEFAULT_WINDOW_DAYS} prochains jours, dans l’ordre des inscriptions.
      </p>
      <p>
        Nous vous prévenons par SMS (sur un mobile) ou par courriel. Nous gardons le créneau pour vous deux heures au
        plus (moins s’il est proche) : vous l’acceptez ou le refusez d’un clic, ou par téléphone. Sans réponse, il passe
        à la personne suivante.
      </p>
      <form method="post" action={`/liste-attente?${query}`} novalidate>
        <input type="hidden" name={CSRF_FIELD} value={csrfToken(c)!} />
        {FIELDS.map((field) => (
          <Field field={field} value={values[field.name]} error={errors[field.name]} />
        ))}
        <button class="fr-btn" type="submit">
          M’inscrire sur la liste d’attente
        </button>
      </form>
    </Layout>
  );
}

const fromSession = (session: Session): PersonValues => ({
  firstName: session.givenName,
  lastName: session.familyName,
  birthDate: session.birthDate ? toFrenchDate(session.birthDate) : '',
  phone: '',
  email: session.email ?? '',
});

async function zoneOf(c: Context<AppEnv>) {
  const place = placeOf(c);
  const zone = place ? await zoneOfPlace(c.var.db, place) : undefined;
  return place && zone ? { zone, query: placeQuery(place) } : undefined;
}

export async function joinFormPage(c: Context<AppEnv>) {
  const session = c.var.session;
  if (!session) return c.redirect(signInPath(c.req.url.slice(c.req.url.indexOf('/liste-attente'))), 303);
  const found = await zoneOf(c);
  if (!found) return notFoundPage(c);
  return renderPage(
    c,
    <JoinForm c={c} zone={found.zone} query={found.query} values={fromSession(session)} errors={{}} />,
  );
}

export async function joinPage(c: Context<AppEnv>) {
  const session = c.var.session;
  if (!session) return c.redirect(signInPath('/'), 303);
  const found = await zoneOf(c);
  if (!found) return notFoundPage(c);
  const form = await c.req.parseBody();
  const text = (name: keyof PersonValues) =>
    typeof form[name] === 'string' ? (form[name] as string).slice(0, 254) : '';
  const values: PersonValues = {
    firstName: text('firstName'),
    lastName: text('lastName'),
    birthDate: text('birthDate'),
    phone: text('phone'),
    email: text('email'),
  };
  const again = (errors: PersonErrors, refusal?: string, status: 400 | 409 | 422 = 400) =>
    renderPage(
      c,
      <JoinForm c={c} zone={found.zone} query={found.query} values={values} errors={errors} refusal={refusal} />,
      status,
    );
  const { errors, birthDate } = checkWaitlistPerson(values, { needsChannel: true });
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
    const { entry } = await joinWaitlist(
      c.var.db,
      sessionCaller(session),
      { zone: found.zone.siren, patient, notifications: { sms: true, email: true } },
      c.var.now,
    );
    return c.redirect(`/liste-attente/${entry.id}?inscrit=1`, 303);
  } catch (error) {
    if (!(error instanceof ProblemError) || error.status >= 500) throw error;
    const fields = PERSON_FIELD_REFUSALS[error.code];
    if (fields) return again(fields, undefined, 422);
    return again(
      {},
      'Cette personne est déjà sur la liste d’attente de cette zone. Appelez le centre d’appels pour la retrouver.',
      409,
    );
  }
}

/** The signed-in person's own entry (someone else's is a 404, as on every door). */
function doorOf(c: Context<AppEnv>): EntryDoor | undefined {
  const session = c.var.session;
  const id = Uuid.safeParse(c.req.param('id'));
  return session && id.success
    ? { id: id.data, base: `/liste-attente/${id.data}`, caller: sessionCaller(session) }
    : undefined;
}

const signedIn =
  (handler: (c: Context<AppEnv>, door: EntryDoor) => Promise<Response>) => async (c: Context<AppEnv>) => {
    if (!c.var.session) return c.redirect(signInPath(c.req.path), 303);
    const door = doorOf(c);
    return door ? handler(c, door) : notFoundPage(c);
  };

export const myEntryPage = signedIn(entryPage);
export const myEntryAccept = signedIn(acceptFrom);
export const myEntryDecline = signedIn(declineFrom);
export const myEntryWithdraw = signedIn(withdrawFrom);
