// The hold and the booking on the caller's behalf: GET /agent/reservation/{holdId}?appel=… shows
// the held slot, until when it is kept (with "Prolonger", the form's second submit: what was typed
// is kept across it, auth/draft.ts) and the patient's details; POST books it
// (core createBooking with the call's reference, audited by the same statement; the idempotency
// key is a hidden field, so a second click books once), then the confirmation to read back.
import type { Context } from 'hono';
import { dropDraft, keepDraft, readDraft } from '../../../auth';
import { createBooking } from '../../../core/bookings/bookings.operations';
import { personCapForStaff } from '../../../core/bookings/cap-read.operations';
import { extendHold } from '../../../core/holds/holds.operations';
import { heldSlot, type HeldSlot } from '../../../core/holds/held-slot.queries';
import { slotForBooking } from '../../../core/slots/slots.queries';
import { mapDatabaseError } from '../../../db/errors';
import { callerKey } from '../../../lib/callers';
import { Uuid } from '../../../lib/openapi';
import { ProblemError } from '../../../domain/problem';
import { checkPerson, PERSON_FIELD_REFUSALS } from '../../person-fields';
import { problemEntry } from '../../../domain/problems';
import type { AppEnv } from '../../../app-env';
import { notFoundPage } from '../../errors';
import { agentPage, BackToCall, CallBanner } from './agent.view';
import { callOf, inCall } from './call';
import { AgentBookingForm, type AgentFormErrors, type AgentFormProps, type AgentFormValues } from './booking.view';
import { withoutCall } from './start.page';
import { bookingLimit, limitedAction } from '../../limited-action';
import { callerOf } from '../../../middleware/require-role';

/** The slot is no longer the caller's: taken by someone else, or its hold over while it is still free. */
const LOST_SLOT = ['hold_expired', 'hold_not_active', 'slot_unavailable'];
const lostRefusal = (free: boolean) =>
  free
    ? 'Le temps de garde de ce créneau est écoulé, mais il est encore libre : gardez-le à nouveau avec le bouton en bas du formulaire (ce que vous avez saisi est conservé), puis confirmez.'
    : 'Ce créneau vient d’être pris par quelqu’un d’autre pendant l’appel. Proposez un autre créneau à la personne.';

const EMPTY: AgentFormValues = {
  firstName: '',
  lastName: '',
  birthDate: '',
  phone: '',
  email: '',
  bySms: true,
  byEmail: true,
  noOverbilling: false,
};

async function heldFor(c: Context<AppEnv>): Promise<HeldSlot | undefined> {
  const id = Uuid.safeParse(c.req.param('holdId'));
  return id.success ? heldSlot(c.var.db, id.data, callerKey(callerOf(c)), c.var.now) : undefined;
}

function endedPage(c: Context<AppEnv>, call: string, held: HeldSlot) {
  return agentPage(
    c,
    'Le temps de garde est écoulé',
    <>
      <h1>Le temps de garde est écoulé</h1>
      <CallBanner call={call} />
      <p>Ce créneau n’est plus gardé pour la personne. S’il est encore libre, vous pouvez le choisir à nouveau.</p>
      <p>
        <a class="fr-btn" href={inCall('/agent/creneaux', call, { commune: held.insee })}>
          Revoir les créneaux libres à {held.commune_name}
        </a>
      </p>
      <BackToCall call={call} />
    </>,
    409,
  );
}

export async function agentBookingFormPage(c: Context<AppEnv>) {
  const call = await callOf(c);
  if (!call) return withoutCall(c);
  const held = await heldFor(c);
  if (!held) return notFoundPage(c);
  if (held.hold_status !== 'active' || held.expired) return endedPage(c, call, held);
  const extended = c.req.query('prolonge') === '1';
  const refused = c.req.query('prolongation') === 'refusee';
  const draft = await readDraft(c, held.hold_id);
  const { key, ...values } = draft ? valuesOf(draft) : { ...EMPTY, key: undefined };
  return agentPage(
    c,
    'Coordonnées du patient',
    <AgentBookingForm
      c={c}
      call={call}
      held={held}
      values={values}
      errors={{}}
      extended={extended}
      extensionRefused={refused}
      idempotencyKey={key ?? crypto.randomUUID()}
    />,
    200,
    ['/pages/countdown.js'],
  );
}

function validate(values: AgentFormValues): { errors: AgentFormErrors; birthDate?: string } {
  const { errors, birthDate }: { errors: AgentFormErrors; birthDate?: string } = checkPerson(values);
  if (!values.noOverbilling)
    errors.noOverbilling = 'Dites à la personne qu’elle ne paiera aucun dépassement d’honoraires, puis cochez la case.';
  return { errors, birthDate };
}

const FORM_FIELDS = [
  'firstName',
  'lastName',
  'birthDate',
  'phone',
  'email',
  'rappel_sms',
  'rappel_courriel',
  'sans_depassement',
  'cle',
] as const;

/** What was typed, as a draft keeps it (auth/draft.ts). */
export const typedFields = (form: Record<string, unknown>) =>
  Object.fromEntries(
    FORM_FIELDS.flatMap((name) =>
      typeof form[name] === 'string' ? [[name, (form[name] as string).slice(0, 254)]] : [],
    ),
  );

/** The form's fields as sent (by "Confirmer" or "Prolonger"), or as kept across an extension. */
function valuesOf(form: Record<string, unknown>): AgentFormValues & { key?: string } {
  const text = (name: string) => (typeof form[name] === 'string' ? (form[name] as string).slice(0, 254) : '');
  return {
    firstName: text('firstName'),
    lastName: text('lastName'),
    birthDate: text('birthDate'),
    phone: text('phone'),
    email: text('email'),
    bySms: text('rappel_sms') === 'oui',
    byEmail: text('rappel_courriel') === 'oui',
    noOverbilling: text('sans_depassement') === 'oui',
    key: Uuid.safeParse(text('cle')).success ? text('cle') : undefined,
  };
}

export async function agentBookPage(c: Context<AppEnv>) {
  const call = await callOf(c);
  if (!call) return withoutCall(c);
  const held = await heldFor(c);
  if (!held) return notFoundPage(c);
  const form = await c.req.parseBody();
  const { key: sentKey, ...values } = valuesOf(form);
  const key = sentKey ?? crypto.randomUUID();
  const again = (
    errors: AgentFormErrors,
    refusal?: string,
    status: 400 | 409 | 422 = 400,
    outcome: Pick<AgentFormProps, 'cap' | 'lost'> = {},
  ) =>
    agentPage(
      c,
      `Erreur : coordonnées du patient`,
      <AgentBookingForm
        c={c}
        call={call}
        held={held}
        values={values}
        errors={errors}
        refusal={refusal}
        idempotencyKey={key}
        {...outcome}
      />,
      status,
      outcome.lost ? [] : ['/pages/countdown.js'],
    );

  const { errors, birthDate } = validate(values);
  if (Object.keys(errors).length) return again(errors);
  const patient = {
    firstName: values.firstName.trim(),
    lastName: values.lastName.trim(),
    birthDate: birthDate!,
    phone: values.phone.trim(),
    ...(values.email.trim() ? { email: values.email.trim() } : {}),
  };
  const book = async (cc: Context<AppEnv>) => {
    try {
      const { row } = await createBooking(
        cc.var.db,
        callerOf(cc),
        {
          holdId: held.hold_id,
          patient,
          noOverbilling: true,
          callReference: call,
          notifications: { sms: values.bySms, email: values.byEmail },
        },
        key,
        cc.var.now,
      );
      dropDraft(cc);
      return cc.redirect(inCall(`/agent/rendez-vous/${row.id}`, call, { nouveau: '1' }), 303);
    } catch (error) {
      // A cap is the database's refusal (its statement rolled back: the hold is still the caller's).
      // The form names the rule and lists the person's bookings; what was typed is kept for the
      // return after one is cancelled.
      if (mapDatabaseError(error)?.code === 'booking_limit_reached') {
        const reached = await personCapForStaff(cc.var.db, callerOf(cc), patient, cc.var.now, call);
        await keepDraft(cc, held.hold_id, typedFields(form), new Date(held.expires_at));
        const person = `${patient.firstName} ${patient.lastName}`;
        const refusal = `${person} a déjà ${reached.counted} rendez-vous à venir. Chaque personne peut avoir au plus ${reached.cap} rendez-vous à venir dans ce service, pour que tout le monde puisse en obtenir un.`;
        return again({}, refusal, 409, { cap: { ...reached, person } });
      }
      if (!(error instanceof ProblemError) || error.status >= 500 || error.status === 429) throw error;
      const fields = PERSON_FIELD_REFUSALS[error.code];
      if (fields) return again(fields, undefined, 422);
      if (LOST_SLOT.includes(error.code)) {
        const free = Boolean((await slotForBooking(cc.var.db, held.id, cc.var.now))?.free);
        return again({}, lostRefusal(free), 409, { lost: { free } });
      }
      return again({}, problemEntry(error.code)?.fr.description ?? 'La réservation a été refusée.', 409);
    }
  };
  return limitedAction(c, bookingLimit(held.hold_id), book);
}

export async function agentExtendPage(c: Context<AppEnv>) {
  const call = await callOf(c);
  if (!call) return withoutCall(c);
  const id = Uuid.safeParse(c.req.param('holdId'));
  if (!id.success) return notFoundPage(c);
  const typed = typedFields(await c.req.parseBody());
  const extend = async (cc: Context<AppEnv>) => {
    const config = cc.var.config();
    try {
      const hold = await extendHold(cc.var.db, callerOf(cc), id.data, {
        minutes: config.AGENT_HOLD_MINUTES,
        now: cc.var.now,
        maxExtensions: config.HOLD_MAX_EXTENSIONS,
        callReference: call,
      });
      await keepDraft(cc, id.data, typed, new Date(hold.expiresAt));
      return cc.redirect(inCall(`/agent/reservation/${id.data}`, call, { prolonge: '1' }), 303);
    } catch (error) {
      if (!(error instanceof ProblemError)) throw error;
      if (error.code === 'not_found') return notFoundPage(cc);
      if (
        ['hold_expired', 'hold_not_active', 'hold_extension_limit_reached', 'slot_unavailable'].includes(error.code)
      ) {
        await keepDraft(cc, id.data, typed, new Date(cc.var.now.getTime() + config.AGENT_HOLD_MINUTES * 60_000));
        return cc.redirect(inCall(`/agent/reservation/${id.data}`, call, { prolongation: 'refusee' }), 303);
      }
      throw error;
    }
  };
  return limitedAction(c, bookingLimit(id.data), extend);
}
