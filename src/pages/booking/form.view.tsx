// The booking form: the held slot, how long it is kept (written out, and counted down by
// /pages/countdown.js when JavaScript runs), the patient's details, and "Prolonger" as a second
// submit of the same form, so that an extension keeps what was typed.
import { CSRF_FIELD } from '../sign-in/csrf';
import type { CapReached } from '../../core/bookings/caps.queries';
import type { HeldSlot } from '../../core/holds/held-slot.queries';
import { readablePhone } from '../../domain/phone';
import {
  BIRTH_DATE_HINT,
  ConfirmOrExtend,
  ErrorSummary,
  ReminderChoice,
  SlotSummary,
  slotOfHold,
  Stepper,
} from '../components';
import { frenchDateTime, frenchTime } from '../format';
import { Layout } from '../layout';
import type { PersonValues } from '../person-fields';

export interface FormValues extends PersonValues {
  who: 'moi' | 'proche';
  /** How to be reminded (the booking's `notifications`): both on unless the person unticks them. */
  bySms: boolean;
  byEmail: boolean;
}
export type FormErrors = Partial<Record<keyof FormValues, string>>;

export const FIELDS: Array<{
  name: 'firstName' | 'lastName' | 'birthDate' | 'phone' | 'email';
  label: string;
  hint?: string;
  autocomplete: string;
  type?: string;
  optional?: boolean;
  inputmode?: 'numeric';
}> = [
  { name: 'firstName', label: 'Prénom(s)', autocomplete: 'given-name' },
  { name: 'lastName', label: 'Nom', autocomplete: 'family-name' },
  { name: 'birthDate', label: 'Date de naissance', hint: BIRTH_DATE_HINT, autocomplete: 'bday', inputmode: 'numeric' },
  {
    name: 'phone',
    label: 'Numéro de téléphone',
    hint: 'Format attendu : 06 12 34 56 78. Un mobile reçoit le rappel par SMS ; un fixe ne le reçoit pas.',
    autocomplete: 'tel',
    type: 'tel',
  },
  {
    name: 'email',
    label: 'Adresse électronique',
    hint: 'Facultatif. Format attendu : nom@domaine.fr',
    autocomplete: 'email',
    type: 'email',
    optional: true,
  },
];

export function Field({ field, value, error }: { field: (typeof FIELDS)[number]; value: string; error?: string }) {
  return (
    <div class={`fr-input-group${error ? ' fr-input-group--error' : ''}`}>
      <label class="fr-label" for={field.name}>
        {field.label}
        {field.optional ? '' : ' (obligatoire)'}
        {field.hint ? <span class="fr-hint-text">{field.hint}</span> : null}
      </label>
      <input
        class={`fr-input${error ? ' fr-input--error' : ''}`}
        id={field.name}
        name={field.name}
        type={field.type ?? 'text'}
        value={value}
        autocomplete={field.autocomplete}
        inputmode={field.inputmode}
        maxlength={254}
        aria-describedby={error ? `${field.name}-error` : undefined}
        aria-invalid={error ? 'true' : undefined}
      />
      {error ? (
        <p class="fr-error-text" id={`${field.name}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** A cap reached: for one person (named), or for the account (person undefined). */
export interface CapView extends CapReached {
  person?: string;
  callCentrePhone: string;
}

/** The rule in words, the bookings it counted, and what to do: the hold stays meanwhile. */
function CapReachedView({ cap, held, now }: { cap: CapView; held: HeldSlot; now: Date }) {
  const until = frenchTime(new Date(held.expires_at), held.time_zone);
  const unseen = cap.counted - cap.bookings.length;
  return (
    <section class="fr-mb-4w" aria-labelledby="rendez-vous-a-venir">
      <h2 id="rendez-vous-a-venir">
        {cap.person ? `Les rendez-vous à venir de ${cap.person}` : 'Les rendez-vous à venir de votre compte'}
      </h2>
      {cap.bookings.length ? (
        <ul>
          {cap.bookings.map((b) => (
            <li>
              {frenchDateTime(new Date(b.slot.startsAt), b.site.timeZone, now)}, {b.site.name}, {b.site.commune.name}
              {cap.person ? '' : ` (${b.patient?.firstName} ${b.patient?.lastName})`} :{' '}
              <a href={`/rendez-vous/${b.id}`}>
                voir, déplacer ou annuler
                <span class="fr-sr-only">
                  {' '}
                  le rendez-vous du {frenchDateTime(new Date(b.slot.startsAt), b.site.timeZone, now)}
                </span>
              </a>
            </li>
          ))}
        </ul>
      ) : null}
      {unseen > 0 ? (
        <p>
          {unseen === 1 ? 'Un autre rendez-vous a été pris' : `${unseen} autres rendez-vous ont été pris`} par le centre
          d’appels ou depuis un autre compte : pour l’annuler, appelez le {readablePhone(cap.callCentrePhone)}.
        </p>
      ) : null}
      <p>
        Pour prendre ce créneau, annulez d’abord l’un de ces rendez-vous, puis revenez sur cette page : nous gardons ce
        créneau pour vous jusqu’à {until}.
      </p>
    </section>
  );
}

/** The rule, named: what the summary at the top says. */
const capRefusal = (cap: CapView) =>
  cap.person
    ? `${cap.person} a déjà ${cap.counted} rendez-vous à venir. Chaque personne peut avoir au plus ${cap.cap} rendez-vous à venir dans ce service, pour que tout le monde puisse en obtenir un.`
    : `Votre compte a déjà ${cap.counted} rendez-vous à venir, pour vous et vos proches. Un compte peut avoir au plus ${cap.cap} rendez-vous à venir dans ce service.`;

export interface FormProps {
  held: HeldSlot;
  now: Date;
  values: FormValues;
  errors: FormErrors;
  /** A refusal that is not about one field (the slot taken, the hold ended, a cap). */
  refusal?: string;
  /** A cap reached: named in the summary, with the bookings it counted below it. */
  cap?: CapView;
  /** Reminders asked for that cannot go out (a landline, no email): said once before booking. */
  noReminder?: boolean;
  extended?: boolean;
  extensionRefused?: boolean;
  csrf: string;
  idempotencyKey: string;
  /** The account holder's identity, which the form's script puts back when "Pour moi" is chosen again. */
  holder: { firstName: string; lastName: string; birthDate: string };
}

export function BookingForm({
  held,
  now,
  values,
  errors,
  refusal: given,
  cap,
  noReminder,
  extended,
  extensionRefused,
  csrf,
  idempotencyKey,
  holder,
}: FormProps) {
  const refusal = cap ? capRefusal(cap) : given;
  const until = new Date(held.expires_at);
  const faulty = FIELDS.filter((f) => errors[f.name]);
  const hasErrors = faulty.length > 0 || refusal;
  return (
    <Layout
      title={`${hasErrors ? 'Erreur : ' : ''}Vos coordonnées – étape 3 sur 4`}
      scripts={['/pages/countdown.js', '/pages/pour-qui.js']}
    >
      <h1>Vos coordonnées</h1>
      <Stepper current={3} />
      <ErrorSummary
        title={
          cap
            ? 'Limite de rendez-vous atteinte'
            : refusal
              ? 'La réservation n’a pas abouti'
              : `Le formulaire contient ${faulty.length} erreur${faulty.length > 1 ? 's' : ''}`
        }
        refusal={refusal}
        fields={faulty.map((f) => ({ id: f.name, label: f.label, message: errors[f.name]! }))}
        focusable
      />
      {cap ? <CapReachedView cap={cap} held={held} now={now} /> : null}
      {noReminder ? (
        <div class="fr-alert fr-alert--warning fr-mb-4w" role="alert" id="sans-rappel">
          <h2 class="fr-alert__title">Nous ne pourrons pas vous envoyer de rappel</h2>
          <p>
            Ce numéro est un fixe : il ne reçoit pas de SMS, et aucune adresse électronique n’est indiquée. Pour
            recevoir un rappel la veille, <a href="#phone">indiquez un numéro de mobile</a> ou{' '}
            <a href="#email">une adresse électronique</a>, puis confirmez. Sinon, confirmez sans rappel : notez bien la
            date et l’heure.
          </p>
        </div>
      ) : null}
      <SlotSummary slot={slotOfHold(held)} now={now} />
      <div class="fr-notice fr-notice--info fr-mb-4w">
        <div class="fr-container">
          <div class="fr-notice__body">
            <p
              class="fr-notice__title"
              id="compte-a-rebours"
              data-expires-at={until.toISOString()}
              data-now={now.toISOString()}
            >
              {extended ? 'Nous avons prolongé la réservation. ' : ''}
              Nous gardons ce créneau pour vous jusqu’à {frenchTime(until, held.time_zone)}.
            </p>
            <p>
              Besoin de plus de temps ? Le bouton « Prolonger de quelques minutes » est en bas du formulaire, après «
              Confirmer le rendez-vous ».
            </p>
          </div>
        </div>
      </div>
      {extensionRefused ? (
        <p class="fr-error-text fr-mb-2w" role="alert">
          Nous ne pouvons plus prolonger : réservez maintenant, ou choisissez un autre créneau.
        </p>
      ) : null}
      <form
        method="post"
        action={`/reservation/${held.hold_id}`}
        novalidate
        id="formulaire-reservation"
        data-holder-first-name={holder.firstName}
        data-holder-last-name={holder.lastName}
        data-holder-birth-date={holder.birthDate}
      >
        <input type="hidden" name={CSRF_FIELD} value={csrf} />
        <input type="hidden" name="cle" value={idempotencyKey} />
        {noReminder ? <input type="hidden" name="sans_rappel" value="oui" /> : null}
        <fieldset class="fr-fieldset" aria-labelledby="pour-qui-legend">
          <legend class="fr-fieldset__legend" id="pour-qui-legend">
            Pour qui est ce rendez-vous ?
            <span class="fr-hint-text">
              Pour un proche, indiquez son prénom, son nom et sa date de naissance, pas les vôtres.
            </span>
          </legend>
          {(['moi', 'proche'] as const).map((who) => (
            <div class="fr-fieldset__element">
              <div class="fr-radio-group">
                <input type="radio" id={`pour-${who}`} name="who" value={who} checked={values.who === who} />
                <label class="fr-label" for={`pour-${who}`}>
                  {who === 'moi' ? 'Pour moi' : 'Pour un proche'}
                </label>
              </div>
            </div>
          ))}
        </fieldset>
        {FIELDS.map((field) => (
          <Field field={field} value={values[field.name]} error={errors[field.name]} />
        ))}
        <ReminderChoice
          legend="Comment être prévenu ?"
          hint="Nous envoyons la confirmation, un rappel la veille et tout changement. Le SMS ne part que vers un téléphone mobile ; le courriel, si vous donnez une adresse."
          values={values}
        />
        <p class="fr-text--bold">
          Vous payez la consultation au tarif de la Sécurité sociale. Le médecin ne vous demandera aucun supplément.
        </p>
        <ConfirmOrExtend extendAction={`/reservation/${held.hold_id}/prolonger`} />
      </form>
    </Layout>
  );
}
