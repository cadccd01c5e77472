// The agent's booking form: the held slot, until when it is kept (counted down by
// /pages/countdown.js when JavaScript runs), the patient's details as the caller gives them, the
// reminder choice, the no-overbilling statement the agent says and ticks, and "Prolonger" as a
// second submit of the same form, so that an extension keeps what was typed.
import type { Context } from 'hono';
import type { CapReached } from '../../../core/bookings/caps.queries';
import type { HeldSlot } from '../../../core/holds/held-slot.queries';
import type { AppEnv } from '../../../app-env';
import {
  BIRTH_DATE_HINT,
  ConfirmOrExtend,
  ErrorSummary,
  ReminderChoice,
  SlotSummary,
  slotOfHold,
} from '../../components';
import { frenchDateTime, frenchTime, withCommune } from '../../format';
import { BackToCall, CallBanner, CallFields, TextField } from './agent.view';
import { inCall } from './call';
import type { PersonValues } from '../../person-fields';

export interface AgentFormValues extends PersonValues {
  bySms: boolean;
  byEmail: boolean;
  noOverbilling: boolean;
}
export type AgentFormErrors = Partial<Record<keyof AgentFormValues, string>>;

const FIELDS: Array<{
  id: 'firstName' | 'lastName' | 'birthDate' | 'phone' | 'email';
  label: string;
  hint?: string;
  type?: string;
  optional?: boolean;
  inputmode?: 'numeric';
}> = [
  { id: 'firstName', label: 'Prénom du patient' },
  { id: 'lastName', label: 'Nom du patient' },
  { id: 'birthDate', label: 'Date de naissance', hint: BIRTH_DATE_HINT, inputmode: 'numeric' },
  {
    id: 'phone',
    label: 'Numéro de téléphone',
    hint: 'Format attendu : 06 12 34 56 78. Un fixe convient : le patient sera alors appelé en cas de changement.',
    type: 'tel',
  },
  {
    id: 'email',
    label: 'Adresse électronique',
    hint: 'Format attendu : nom@domaine.fr',
    type: 'email',
    optional: true,
  },
];

const LABELS: Record<keyof AgentFormValues, string> = {
  firstName: 'Prénom du patient',
  lastName: 'Nom du patient',
  birthDate: 'Date de naissance',
  phone: 'Numéro de téléphone',
  email: 'Adresse électronique',
  bySms: 'Rappel par SMS',
  byEmail: 'Rappel par courriel',
  noOverbilling: 'Aucun dépassement',
};

export interface AgentFormProps {
  c: Context<AppEnv>;
  call: string;
  held: HeldSlot;
  values: AgentFormValues;
  errors: AgentFormErrors;
  refusal?: string;
  extended?: boolean;
  extensionRefused?: boolean;
  idempotencyKey: string;
  /** At the person's cap: the bookings it counted, to offer to cancel one. */
  cap?: CapReached & { person: string };
  /** The slot is no longer held: still free (hold it again) or taken by someone else. */
  lost?: { free: boolean };
}

/** The person's upcoming bookings, each a way to its page (to cancel one, with the person's consent). */
function CapBookings({
  cap,
  call,
  held,
  now,
}: {
  cap: NonNullable<AgentFormProps['cap']>;
  call: string;
  held: HeldSlot;
  now: Date;
}) {
  return (
    <section class="fr-mb-4w" aria-labelledby="rendez-vous-a-venir">
      <h2 id="rendez-vous-a-venir">Les rendez-vous à venir de {cap.person}</h2>
      <ul>
        {cap.bookings.map((b) => {
          const when = frenchDateTime(new Date(b.slot.startsAt), b.site.timeZone, now);
          return (
            <li>
              {when}, {withCommune(b.site.name, b.site.commune.name)} (référence {b.reference}) :{' '}
              <a href={inCall(`/agent/rendez-vous/${b.id}`, call)}>
                ouvrir<span class="fr-sr-only"> le rendez-vous du {when}</span>
              </a>
            </li>
          );
        })}
      </ul>
      <p>
        Si la personne veut en annuler un, ouvrez-le et annulez-le, puis revenez à cette page : le créneau reste gardé
        jusqu’à {frenchTime(new Date(held.expires_at), held.time_zone)} et ce que vous avez saisi est conservé.
      </p>
    </section>
  );
}

/** Taken by someone else: the free slots of its commune. */
function TakenSlot({ call, held }: { call: string; held: HeldSlot }) {
  return (
    <p>
      <a class="fr-btn" href={inCall('/agent/creneaux', call, { commune: held.insee })}>
        Voir les créneaux libres à {held.commune_name}
      </a>
    </p>
  );
}

export function AgentBookingForm({
  c,
  call,
  held,
  values,
  errors,
  refusal,
  extended,
  extensionRefused,
  idempotencyKey,
  cap,
  lost,
}: AgentFormProps) {
  const until = new Date(held.expires_at);
  const now = c.var.now;
  const faulty = (Object.keys(errors) as Array<keyof AgentFormValues>).map((id) => ({
    id: id === 'noOverbilling' ? 'sans_depassement' : id,
    label: LABELS[id],
    message: errors[id]!,
  }));
  return (
    <>
      <h1>Coordonnées du patient</h1>
      <CallBanner call={call} />
      <ErrorSummary
        title={
          refusal
            ? 'La réservation n’a pas abouti'
            : `Le formulaire contient ${faulty.length} erreur${faulty.length > 1 ? 's' : ''}`
        }
        refusal={refusal}
        fields={faulty}
      />
      {cap ? <CapBookings cap={cap} call={call} held={held} now={now} /> : null}
      <SlotSummary slot={slotOfHold(held)} now={now} />
      {lost && !lost.free ? <TakenSlot call={call} held={held} /> : null}
      {lost ? null : (
        <div class="fr-notice fr-notice--info fr-mb-4w">
          <div class="fr-container">
            <div class="fr-notice__body">
              <p
                class="fr-notice__title"
                id="compte-a-rebours"
                data-expires-at={until.toISOString()}
                data-now={now.toISOString()}
              >
                {extended ? 'Le créneau est gardé plus longtemps. ' : ''}
                Ce créneau est gardé pour la personne jusqu’à {frenchTime(until, held.time_zone)}.
              </p>
              <p>
                Le bouton « Prolonger de quelques minutes » est en bas du formulaire, après « Confirmer le rendez-vous
                ».
              </p>
            </div>
          </div>
        </div>
      )}
      {extensionRefused ? (
        <p class="fr-error-text fr-mb-2w" role="alert">
          Le créneau ne peut plus être prolongé : réservez maintenant, ou choisissez un autre créneau.
        </p>
      ) : null}
      <form method="post" action={`/agent/reservation/${held.hold_id}`} novalidate>
        <CallFields c={c} call={call} />
        <input type="hidden" name="cle" value={idempotencyKey} />
        {FIELDS.map((f) => (
          <TextField
            id={f.id}
            label={f.label}
            hint={f.hint}
            type={f.type}
            optional={f.optional}
            value={values[f.id]}
            error={errors[f.id]}
            autocomplete="off"
            maxlength={f.id === 'email' ? 254 : 100}
            inputmode={f.inputmode}
          />
        ))}
        <ReminderChoice
          legend="Comment prévenir le patient ?"
          hint="La confirmation, un rappel la veille et tout changement. Le SMS ne part que vers un mobile ; le courriel, si une adresse est donnée."
          values={values}
        />
        <div class={`fr-checkbox-group fr-mb-4w${errors.noOverbilling ? ' fr-checkbox-group--error' : ''}`}>
          <input
            type="checkbox"
            id="sans_depassement"
            name="sans_depassement"
            value="oui"
            checked={values.noOverbilling}
            aria-describedby={errors.noOverbilling ? 'sans_depassement-error' : undefined}
          />
          <label class="fr-label" for="sans_depassement">
            J’ai dit au patient qu’il paiera la consultation au tarif de la Sécurité sociale, sans aucun dépassement
            d’honoraires (obligatoire)
          </label>
          {errors.noOverbilling ? (
            <p class="fr-error-text" id="sans_depassement-error">
              {errors.noOverbilling}
            </p>
          ) : null}
        </div>
        {/* Once the slot is lost there is nothing to confirm: still free, it is held again with what was typed (a
            second submit of the form); taken, the way on is above, by the slot. */}
        {!lost ? (
          <ConfirmOrExtend extendAction={`/agent/reservation/${held.hold_id}/prolonger`} />
        ) : lost.free ? (
          <button class="fr-btn" type="submit" formaction={`/agent/creneaux/${held.id}`}>
            Garder ce créneau à nouveau
          </button>
        ) : null}
      </form>
      <BackToCall call={call} />
    </>
  );
}
