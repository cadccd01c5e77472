// The site form, for adding a site and for editing one, and its reading: French messages for each
// field; the same rules as the API's (NewSite, SiteChanges), with Postgres behind both.
import type { Context } from 'hono';
import { SITE_KINDS, type SiteKind } from '../../../domain/site-kinds';
import type { AppEnv } from '../../../app-env';
import { ErrorSummary, Field, type FieldErrors } from './ars.components';
import { CsrfField, formText, hasNul } from './ars.frame';

export const KIND_LABELS: Record<SiteKind, string> = {
  maison_de_sante: 'Maison de santé',
  centre_de_sante: 'Centre de santé',
  cabinet: 'Cabinet médical',
  local_communal: 'Local communal',
  hopital_de_proximite: 'Hôpital de proximité',
};

export const SITE_LABELS = {
  name: 'Nom du lieu',
  address: 'Adresse',
  communeInsee: 'Commune',
  kind: 'Type de lieu',
  phone: 'Téléphone du lieu',
  finess: 'Numéro FINESS',
  accessibility: 'Accès et accessibilité',
};

export interface SiteValues {
  name: string;
  address: string;
  communeInsee: string;
  kind: string;
  phone: string;
  finess: string;
  accessibility: string;
}

export const emptySite: SiteValues = {
  name: '',
  address: '',
  communeInsee: '',
  kind: 'maison_de_sante',
  phone: '',
  finess: '',
  accessibility: '',
};

export async function readSiteForm(c: Context<AppEnv>): Promise<SiteValues> {
  const form = await c.req.parseBody();
  return {
    name: formText(form, 'name'),
    address: formText(form, 'address'),
    communeInsee: formText(form, 'communeInsee').toUpperCase(),
    kind: formText(form, 'kind'),
    phone: formText(form, 'phone'),
    finess: formText(form, 'finess').toUpperCase(),
    accessibility: formText(form, 'accessibility'),
  };
}

export const storedPhone = (phone: string) => phone.replace(/[\s.\-()]/g, '');

/** What is wrong with each field; `withCommune` when the commune is being chosen (a new site). */
export function siteErrors(v: SiteValues, withCommune: boolean): FieldErrors {
  const errors: FieldErrors = {};
  if (v.name.length < 1 || v.name.length > 200) errors.name = 'Indiquez le nom du lieu (200 caractères au plus).';
  if (v.address.length < 1 || v.address.length > 300)
    errors.address = 'Indiquez l’adresse du lieu (300 caractères au plus).';
  if (withCommune && !/^(\d{5}|2[AB]\d{3})$/.test(v.communeInsee))
    errors.communeInsee = 'Choisissez la commune du lieu dans la liste.';
  if (!(SITE_KINDS as readonly string[]).includes(v.kind)) errors.kind = 'Choisissez le type de lieu dans la liste.';
  if (!/^(0\d{9}|\+\d{8,15})$/.test(storedPhone(v.phone)) || v.phone.length > 30)
    errors.phone = 'Indiquez un numéro à 10 chiffres, par exemple 05 58 00 00 00.';
  if (v.finess && !/^(\d{2}|2[AB])\d{7}$/.test(v.finess))
    errors.finess = 'Un numéro FINESS compte 9 caractères, par exemple 400000001 ; laissez vide si le lieu n’en a pas.';
  if (v.accessibility.length > 1000) errors.accessibility = 'Décrivez l’accès en 1 000 caractères au plus.';
  for (const field of ['name', 'address', 'accessibility'] as const) {
    if (!errors[field] && hasNul(v[field])) errors[field] = 'Ce texte contient un caractère de contrôle : retapez-le.';
  }
  return errors;
}

/** A commune a new site may be in: one of its zone's. */
export interface CommuneChoice {
  insee: string;
  name: string;
  postcodes: string[];
}

/**
 * A new site's form takes `zone` and its `communes` (the commune is picked from them, never typed
 * as a code); an edited site's takes `commune`, which does not change.
 */
export function SiteForm({
  c,
  action,
  values,
  errors,
  zone,
  communes,
  commune,
  submit,
}: {
  c: Context<AppEnv>;
  action: string;
  values: SiteValues;
  errors: FieldErrors;
  zone?: { siren: string; name: string };
  communes?: CommuneChoice[];
  commune?: string;
  submit: string;
}) {
  return (
    <>
      <ErrorSummary errors={errors} labels={SITE_LABELS} />
      <form method="post" action={action}>
        <CsrfField c={c} />
        <Field
          id="name"
          label={SITE_LABELS.name}
          hint="Par exemple : Maison de santé des Tilleuls"
          value={values.name}
          error={errors.name}
          required
          maxlength={200}
        />
        <Field
          id="address"
          label={SITE_LABELS.address}
          hint="Numéro et rue, sans la commune"
          value={values.address}
          error={errors.address}
          required
          maxlength={300}
        />
        {communes ? (
          <div class={`fr-select-group${errors.communeInsee ? ' fr-select-group--error' : ''}`}>
            <input type="hidden" name="zone" value={zone!.siren} />
            <label class="fr-label" for="communeInsee">
              {SITE_LABELS.communeInsee} (obligatoire)
              <span class="fr-hint-text">Les communes de la zone {zone!.name}, avec leur code postal</span>
            </label>
            <select
              class="fr-select"
              id="communeInsee"
              name="communeInsee"
              required
              aria-describedby={errors.communeInsee ? 'communeInsee-error' : undefined}
            >
              <option value="" selected={values.communeInsee === ''} disabled>
                Choisir une commune
              </option>
              {communes.map((choice) => (
                <option value={choice.insee} selected={values.communeInsee === choice.insee}>
                  {choice.name}
                  {choice.postcodes.length ? ` (${choice.postcodes.join(', ')})` : ''}
                </option>
              ))}
            </select>
            {errors.communeInsee ? (
              <p class="fr-error-text" id="communeInsee-error">
                {errors.communeInsee}
              </p>
            ) : null}
          </div>
        ) : (
          <p>Commune : {commune}. Elle ne peut pas changer : un lieu qui déménage est un nouveau lieu.</p>
        )}
        <div class={`fr-select-group${errors.kind ? ' fr-select-group--error' : ''}`}>
          <label class="fr-label" for="kind">
            {SITE_LABELS.kind} (obligatoire)
          </label>
          <select class="fr-select" id="kind" name="kind" aria-describedby={errors.kind ? 'kind-error' : undefined}>
            {SITE_KINDS.map((kind) => (
              <option value={kind} selected={values.kind === kind}>
                {KIND_LABELS[kind]}
              </option>
            ))}
          </select>
          {errors.kind ? (
            <p class="fr-error-text" id="kind-error">
              {errors.kind}
            </p>
          ) : null}
        </div>
        <Field
          id="phone"
          label={SITE_LABELS.phone}
          hint="Format attendu : 05 58 00 00 00"
          value={values.phone}
          error={errors.phone}
          type="tel"
          required
          maxlength={30}
          inputmode="tel"
        />
        <Field
          id="finess"
          label={SITE_LABELS.finess}
          hint="Facultatif : 9 caractères"
          value={values.finess}
          error={errors.finess}
          maxlength={9}
        />
        <Field
          id="accessibility"
          label={SITE_LABELS.accessibility}
          hint="Facultatif : par exemple « Plain-pied, place réservée devant l’entrée »"
          value={values.accessibility}
          error={errors.accessibility}
          maxlength={1000}
        />
        <button class="fr-btn" type="submit">
          {submit}
        </button>
      </form>
    </>
  );
}
