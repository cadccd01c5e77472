// GET /reservation/{holdId}: the booking form for the caller's hold. POST: books it (core
// createBooking, the same caps and limiter as the API; the idempotency key is a hidden field, so a
// second click or a reload books once), then the confirmation. Every refusal becomes a French
// message next to its field and in the error summary.
import type { Context } from 'hono';
import { dropDraft, readDraft, sessionCaller, signInPath, type Session } from '../../auth';
import { csrfToken } from '../sign-in/csrf';
import { createBooking } from '../../core/bookings/bookings.operations';
import { accountCapReached, personCapReached } from '../../core/bookings/caps.queries';
import { mapDatabaseError } from '../../db/errors';
import { chosenChannels } from '../../domain/notifications/choice';
import { canonicalPhone } from '../../domain/phone';
import { heldSlot } from '../../core/holds/held-slot.queries';
import { callerKey } from '../../lib/callers';
import { Uuid } from '../../lib/openapi';
import { ProblemError } from '../../domain/problem';
import { checkPerson, PERSON_FIELD_REFUSALS } from '../person-fields';
import { problemEntry, type RefusalTexts } from '../../domain/problems';
import type { AppEnv } from '../../app-env';
import { Layout } from '../layout';
import { notFoundPage } from '../errors';
import { fromFrenchDate, toFrenchDate } from '../format';
import { renderPage } from '../render';
import { BookingForm, type CapView, type FormErrors, type FormValues } from './form.view';
import { bookingLimit, limitedAction } from '../limited-action';

const holderOf = (session: Session) => ({
  firstName: session.givenName,
  lastName: session.familyName,
  birthDate: session.birthDate ? toFrenchDate(session.birthDate) : '',
});

const identityValues = (session: Session): FormValues => ({
  ...holderOf(session),
  phone: '',
  email: session.email ?? '',
  who: 'moi',
  bySms: true,
  byEmail: true,
});

const FORM_FIELDS = [
  'who',
  'firstName',
  'lastName',
  'birthDate',
  'phone',
  'email',
  'rappel_sms',
  'rappel_courriel',
  'cle',
] as const;

/** The form's own fields as sent by "Prolonger", to be kept for the form (not the CSRF token). */
export const typedFields = (form: Record<string, unknown>): Record<string, string> =>
  Object.fromEntries(
    FORM_FIELDS.flatMap((name) =>
      typeof form[name] === 'string' ? [[name, (form[name] as string).slice(0, 254)]] : [],
    ),
  );

/** The form's fields as sent (by "Confirmer" or "Prolonger"), or as kept across an extension. */
export function formValuesOf(form: Record<string, unknown>): FormValues & { key?: string } {
  const text = (name: string) => (typeof form[name] === 'string' ? (form[name] as string).slice(0, 254) : '');
  return {
    firstName: text('firstName'),
    lastName: text('lastName'),
    birthDate: text('birthDate'),
    phone: text('phone'),
    email: text('email'),
    who: text('who') === 'proche' ? 'proche' : 'moi',
    bySms: text('rappel_sms') === 'oui',
    byEmail: text('rappel_courriel') === 'oui',
    key: Uuid.safeParse(text('cle')).success ? text('cle') : undefined,
  };
}

/** The same letters whatever the case, accents or apostrophe: how a person retypes their own name. */
const sameName = (a: string, b: string) => {
  const plain = (text: string) =>
    text.normalize('NFD').replace(/\p{M}/gu, '').replace(/’/g, "'").replace(/\s+/g, ' ').trim().toLowerCase();
  return plain(a) === plain(b);
};

/** "Pour un proche" with the holder's own identity: what the form showed before the choice, left as it was. */
function isHolder(values: FormValues, session: Session): boolean {
  return (
    sameName(values.firstName, session.givenName) &&
    sameName(values.lastName, session.familyName) &&
    fromFrenchDate(values.birthDate) === session.birthDate
  );
}

/**
 * For a relative, the holder's identity is never offered again: without JavaScript the fields
 * still held it when "Pour un proche" was chosen, so they come back empty, to be typed.
 */
function withoutHolder(values: FormValues, session: Session): FormValues {
  return values.who === 'proche' && isHolder(values, session)
    ? { ...values, firstName: '', lastName: '', birthDate: '' }
    : values;
}

/** Refusals of the rules, in words (field errors come from the operation's `errors`). */
const REFUSALS: RefusalTexts = {
  hold_expired: 'Le temps pour réserver ce créneau est écoulé. Choisissez-le à nouveau s’il est encore libre.',
  hold_not_active: 'Ce créneau n’est plus gardé pour vous. Choisissez-le à nouveau s’il est encore libre.',
  slot_unavailable: 'Ce créneau vient d’être pris. Choisissez un autre créneau.',
  rate_limited: 'Trop de demandes en peu de temps. Attendez une minute, puis confirmez à nouveau.',
};

function validate(values: FormValues, session: Session): { errors: FormErrors; birthDate?: string } {
  const errors: FormErrors = {};
  if (values.who === 'proche' && isHolder(values, session)) {
    errors.firstName =
      'Ce sont votre prénom, votre nom et votre date de naissance. Pour un proche, indiquez les siens ; pour vous, choisissez « Pour moi ».';
    return { errors };
  }
  return checkPerson(values);
}

async function formState(c: Context<AppEnv>, session: Session) {
  const id = Uuid.safeParse(c.req.param('holdId'));
  return id.success ? heldSlot(c.var.db, id.data, callerKey(sessionCaller(session)), c.var.now) : undefined;
}

function EndedView({ slotId }: { slotId: string }) {
  return (
    <Layout title="Le temps pour réserver est écoulé">
      <h1>Le temps pour réserver est écoulé</h1>
      <p>Nous ne gardons plus ce créneau pour vous. S’il est encore libre, vous pouvez le choisir à nouveau.</p>
      <p>
        <a class="fr-btn" href={`/reserver/${slotId}`}>
          Revoir ce créneau
        </a>
      </p>
    </Layout>
  );
}

export async function bookingFormPage(c: Context<AppEnv>) {
  const session = c.var.session;
  if (!session) return c.redirect(signInPath(c.req.path), 303);
  const held = await formState(c, session);
  if (!held) return notFoundPage(c);
  if (held.hold_status === 'consumed') return c.redirect('/mes-rendez-vous', 303);
  if (held.hold_status !== 'active' || held.expired) return renderPage(c, <EndedView slotId={held.id} />, 409);
  const draft = await readDraft(c, held.hold_id);
  const { key, ...values } = draft ? formValuesOf(draft) : { ...identityValues(session), key: undefined };
  return renderPage(
    c,
    <BookingForm
      held={held}
      now={c.var.now}
      values={withoutHolder(values, session)}
      errors={{}}
      extended={c.req.query('prolonge') === '1'}
      extensionRefused={c.req.query('prolongation') === 'refusee'}
      csrf={csrfToken(c)!}
      idempotencyKey={key ?? crypto.randomUUID()}
      holder={holderOf(session)}
    />,
  );
}

export async function bookPage(c: Context<AppEnv>) {
  const session = c.var.session;
  if (!session) return c.redirect(signInPath(c.req.path), 303);
  const held = await formState(c, session);
  if (!held) return notFoundPage(c);
  if (held.hold_status === 'consumed') return c.redirect('/mes-rendez-vous', 303);
  const body = await c.req.parseBody();
  const { key: sentKey, ...values } = formValuesOf(body);
  const key = sentKey ?? crypto.randomUUID();
  const again = (
    errors: FormErrors,
    refusal?: string,
    status: 200 | 400 | 409 | 422 | 429 = 400,
    cap?: CapView,
    noReminder?: boolean,
  ) =>
    renderPage(
      c,
      <BookingForm
        held={held}
        now={c.var.now}
        values={withoutHolder(values, session)}
        errors={errors}
        refusal={refusal}
        cap={cap}
        noReminder={noReminder}
        csrf={csrfToken(c)!}
        idempotencyKey={key}
        holder={holderOf(session)}
      />,
      status,
    );

  const { errors, birthDate } = validate(values, session);
  if (Object.keys(errors).length) return again(errors);
  // Reminders asked for, but none can go out (a landline and no email): say so once, and offer to
  // add a mobile or an email before booking; the next "Confirmer" books without a reminder.
  const phone = canonicalPhone(values.phone);
  const channels = phone.ok
    ? chosenChannels(
        { sms: values.bySms, email: values.byEmail },
        { phoneMobile: phone.mobile, email: values.email.trim() || null },
      )
    : undefined;
  if (channels && !channels.sms && !channels.email && (values.bySms || values.byEmail) && body.sans_rappel !== 'oui')
    return again({}, undefined, 200, undefined, true);
  const book = async (cc: Context<AppEnv>) => {
    const patient = {
      firstName: values.firstName.trim(),
      lastName: values.lastName.trim(),
      birthDate: birthDate!,
      phone: values.phone.trim(),
      ...(values.email.trim() ? { email: values.email.trim() } : {}),
    };
    try {
      const { row } = await createBooking(
        cc.var.db,
        sessionCaller(session),
        {
          holdId: held.hold_id,
          patient,
          noOverbilling: true,
          notifications: { sms: values.bySms, email: values.byEmail },
        },
        key,
        cc.var.now,
      );
      dropDraft(cc);
      return cc.redirect(`/rendez-vous/${row.id}`, 303);
    } catch (error) {
      // A cap is the database's refusal (its statement rolled back, so the hold is still ours): the
      // form names the rule and the bookings it counted.
      const capCode = mapDatabaseError(error)?.code;
      if (capCode === 'booking_limit_reached' || capCode === 'account_booking_limit_reached') {
        const person = capCode === 'booking_limit_reached' ? `${patient.firstName} ${patient.lastName}` : undefined;
        const reached = person
          ? await personCapReached(cc.var.db, sessionCaller(session), patient, cc.var.now)
          : await accountCapReached(cc.var.db, sessionCaller(session), cc.var.now);
        return again({}, undefined, 409, { ...reached, person, callCentrePhone: cc.var.config().CALL_CENTRE_PHONE });
      }
      if (!(error instanceof ProblemError) || error.status >= 500) throw error;
      const fields = PERSON_FIELD_REFUSALS[error.code];
      if (fields) return again(fields, undefined, 422);
      const refusal =
        REFUSALS[error.code] ??
        problemEntry(error.code)?.fr.description ??
        'La réservation a été refusée. Appelez le centre d’appels pour être aidé.';
      return again({}, refusal, error.status === 429 ? 429 : 409);
    }
  };
  return limitedAction(c, bookingLimit(held.hold_id), book);
}
