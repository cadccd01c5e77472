// Pieces several pages share: the search form, the booking steps, a slot's summary, a refused
// form's error summary, the reminders' choice.
import type { Child } from 'hono/jsx';
import type { Booking } from '../core/bookings/bookings.presenters';
import type { HeldSlot } from '../core/holds/held-slot.queries';
import { readablePhone } from '../domain/phone';
import { euros, frenchDateTime, howFarAhead } from './format';

export const COMMUNE_FIELD_HINT = 'Par exemple : Pissos ou 40410';

/** Birth dates are accepted with or without slashes (a phone's numeric keypad has none). */
export const BIRTH_DATE_HINT = 'Format attendu : JJ/MM/AAAA, par exemple 15/06/1950, ou 8 chiffres : 15061950';

/** The commune search; `error` puts the field in its error state, announced and linked from the summary. */
export function SearchForm({ value = '', error }: { value?: string; error?: string }) {
  return (
    <form action="/recherche" method="get" role="search" aria-label="Chercher un créneau">
      <div class={`fr-input-group${error ? ' fr-input-group--error' : ''}`}>
        <label class="fr-label" for="q">
          Votre commune ou votre code postal
          <span class="fr-hint-text">{COMMUNE_FIELD_HINT}</span>
        </label>
        <input
          class={`fr-input${error ? ' fr-input--error' : ''}`}
          id="q"
          name="q"
          type="text"
          value={value}
          maxlength={60}
          autocomplete="address-level2"
          list="communes-suggestions"
          aria-describedby={error ? 'q-error' : undefined}
          aria-invalid={error ? 'true' : undefined}
        />
        <datalist id="communes-suggestions"></datalist>
        {error ? (
          <p class="fr-error-text" id="q-error">
            {error}
          </p>
        ) : null}
      </div>
      <button class="fr-btn" type="submit">
        Chercher un créneau
      </button>
    </form>
  );
}

export const STEPS = ['Choisir un créneau', 'Vous identifier', 'Vos coordonnées', 'Confirmation'] as const;

/** DSFR stepper: "Étape 1 sur 4", the current step's name and the next one. */
export function Stepper({ current }: { current: number }) {
  const next = STEPS[current];
  return (
    <div class="fr-stepper">
      <h2 class="fr-stepper__title">
        {STEPS[current - 1]}
        <span class="fr-stepper__state">
          Étape {current} sur {STEPS.length}
        </span>
      </h2>
      <div class="fr-stepper__steps" data-fr-current-step={current} data-fr-steps={STEPS.length}></div>
      {next ? (
        <p class="fr-stepper__details">
          <span class="fr-text--bold">Étape suivante :</span> {next}
        </p>
      ) : null}
    </div>
  );
}

/** The money, in plain words, on every step that shows a slot. */
export const tariffSentence = (amountCents: number) =>
  `Consultation au tarif de la Sécurité sociale (${euros(amountCents)}), sans dépassement d’honoraires.`;

export interface SlotView {
  startsAt: Date;
  timeZone: string;
  siteName: string;
  address: string;
  communeName: string;
  phone: string;
  accessibility: string | null;
  amountCents: number;
}

/** A booking's slot as SlotSummary shows it. */
export const bookedSlot = (b: Booking): SlotView => ({
  startsAt: new Date(b.slot.startsAt),
  timeZone: b.site.timeZone,
  siteName: b.site.name,
  address: b.site.address,
  communeName: b.site.commune.name,
  phone: b.site.phone,
  accessibility: b.site.accessibility,
  amountCents: b.tariff.amountCents,
});

export const slotOfHold = (held: HeldSlot): SlotView => ({
  startsAt: new Date(held.starts_at),
  timeZone: held.time_zone,
  siteName: held.site_name,
  address: held.address,
  communeName: held.commune_name,
  phone: held.phone,
  accessibility: held.accessibility,
  amountCents: held.amount_cents,
});

/** What a patient needs to decide: when, where, how to get in, whom to call, how much. */
export function SlotSummary({ slot, now, doctor }: { slot: SlotView; now: Date; doctor?: string }) {
  return (
    <div class="fr-callout">
      <h2 class="fr-callout__title">
        {frenchDateTime(slot.startsAt, slot.timeZone, now)} ({howFarAhead(slot.startsAt, now, slot.timeZone)})
      </h2>
      <ul class="fr-callout__text fr-text--md">
        <li>
          {slot.siteName}, {slot.address}, {slot.communeName}
        </li>
        {doctor ? <li>Avec le {doctor}</li> : null}
        {slot.accessibility ? <li>Accès : {slot.accessibility}</li> : null}
        <li>
          Téléphone : <a href={`tel:${slot.phone}`}>{readablePhone(slot.phone)}</a>
        </li>
        <li>{tariffSentence(slot.amountCents)}</li>
      </ul>
    </div>
  );
}

/**
 * The announced summary at the top of a refused form: a refusal in words, and a link to each
 * faulty field. Every space's forms use it; each words its own title.
 */
export function ErrorSummary({
  title,
  refusal,
  fields = [],
  focusable = false,
}: {
  title: string;
  refusal?: string;
  fields?: Array<{ id: string; label: string; message: string }>;
  /** Focusable by script (tabindex -1), for a page that moves the focus to it. */
  focusable?: boolean;
}) {
  if (!refusal && fields.length === 0) return null;
  return (
    <div class="fr-alert fr-alert--error fr-mb-4w" role="alert" tabindex={focusable ? -1 : undefined} id="erreurs">
      <h2 class="fr-alert__title">{title}</h2>
      {refusal ? <p>{refusal}</p> : null}
      {fields.length ? (
        <ul>
          {fields.map((f) => (
            <li>
              <a href={`#${f.id}`}>
                {f.label} : {f.message}
              </a>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** How the patient is told (SMS, email): the same two boxes on the patient's form and the agent's. */
export function ReminderChoice({
  legend,
  hint,
  values,
}: {
  legend: string;
  hint: string;
  values: { bySms: boolean; byEmail: boolean };
}) {
  return (
    <fieldset class="fr-fieldset" aria-labelledby="rappel-legend">
      <legend class="fr-fieldset__legend" id="rappel-legend">
        {legend}
        <span class="fr-hint-text">{hint}</span>
      </legend>
      {(
        [
          ['bySms', 'rappel_sms', 'Par SMS'],
          ['byEmail', 'rappel_courriel', 'Par courriel'],
        ] as const
      ).map(([key, name, label]) => (
        <div class="fr-fieldset__element">
          <div class="fr-checkbox-group">
            <input type="checkbox" id={name} name={name} value="oui" checked={values[key]} />
            <label class="fr-label" for={name}>
              {label}
            </label>
          </div>
        </div>
      ))}
    </fieldset>
  );
}

/** An outcome at the top of a page: success and information announced politely, a refusal at once. */
export function Notice({
  kind,
  title,
  id,
  children,
}: {
  kind: 'success' | 'error' | 'info';
  title?: string;
  id?: string;
  children?: Child;
}) {
  return (
    <div class={`fr-alert fr-alert--${kind} fr-mb-4w`} role={kind === 'error' ? 'alert' : 'status'} id={id}>
      {title ? <h2 class="fr-alert__title">{title}</h2> : null}
      {children !== undefined ? <p>{children}</p> : null}
    </div>
  );
}

/**
 * The booking form's two submits: "Confirmer", then "Prolonger" as a second submit of the same form
 * (formaction), so that what was typed travels with it. "Confirmer" first: pressing Enter in a field
 * submits with the form's first button.
 */
export function ConfirmOrExtend({ extendAction }: { extendAction: string }) {
  return (
    <ul class="fr-btns-group fr-btns-group--inline-md">
      <li>
        <button class="fr-btn" type="submit">
          Confirmer le rendez-vous
        </button>
      </li>
      <li>
        <button class="fr-btn fr-btn--secondary" type="submit" id="prolonger" formaction={extendAction}>
          Prolonger de quelques minutes
        </button>
      </li>
    </ul>
  );
}

/**
 * The two ways out of a question asked before a change ("Annuler le rendez-vous du … ?"): the form
 * that makes it (its hidden fields as children) and the way back, which changes nothing.
 */
export function ConfirmOrBack({
  action,
  yes,
  back,
  backLabel,
  children,
}: {
  action: string;
  yes: string;
  back: string;
  backLabel: string;
  children?: Child;
}) {
  return (
    <ul class="fr-btns-group fr-btns-group--inline-md">
      <li>
        <form method="post" action={action}>
          {children}
          <button class="fr-btn" type="submit">
            {yes}
          </button>
        </form>
      </li>
      <li>
        <a class="fr-btn fr-btn--secondary" href={back}>
          {backLabel}
        </a>
      </li>
    </ul>
  );
}

/**
 * FranceConnect's button, as its provider requires it wherever one signs in (DSFR fr-connect, its
 * logo in the stylesheet): a link, since signing in starts with a GET of /connexion.
 */
export function FranceConnectButton({ href }: { href: string }) {
  return (
    <div class="fr-connect-group">
      <a class="fr-connect" href={href}>
        <span class="fr-connect__login">S’identifier avec</span> <span class="fr-connect__brand">FranceConnect</span>
      </a>
      <p>
        <a
          href="https://franceconnect.gouv.fr/"
          target="_blank"
          rel="noopener"
          title="Qu’est-ce que FranceConnect ? - nouvelle fenêtre"
        >
          Qu’est-ce que FranceConnect ?
        </a>
      </p>
    </div>
  );
}
