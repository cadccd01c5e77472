// Finding the caller's bookings: by phone, by the booking's reference, or by last name and birth
// date (first name optional).
// Sent by POST: what the caller says about themselves never goes into a URL.
import type { Booking } from '../../../core/bookings/bookings.presenters';
import { frenchDateTime } from '../../format';
import { TextField } from './agent.view';
import { BIRTH_DATE_HINT, ErrorSummary } from '../../components';
import { CALL_FIELD, inCall } from './call';

export interface FindValues {
  telephone: string;
  reference: string;
  nom: string;
  prenom: string;
  naissance: string;
}
export type FindErrors = Partial<Record<keyof FindValues, string>>;

const LABELS: Record<keyof FindValues, string> = {
  telephone: 'Numéro de téléphone',
  reference: 'Référence du rendez-vous',
  nom: 'Nom',
  prenom: 'Prénom',
  naissance: 'Date de naissance',
};

export function FindForms({
  call,
  csrf,
  csrfField,
  values,
  errors,
  refusal,
}: {
  call: string;
  csrf: string;
  csrfField: string;
  values?: FindValues;
  errors: FindErrors;
  refusal?: string;
}) {
  const v = values ?? { telephone: '', reference: '', nom: '', prenom: '', naissance: '' };
  const faulty = (Object.keys(errors) as Array<keyof FindValues>).map((id) => ({
    id,
    label: LABELS[id],
    message: errors[id]!,
  }));
  const hidden = (
    <>
      <input type="hidden" name={csrfField} value={csrf} />
      <input type="hidden" name={CALL_FIELD} value={call} />
    </>
  );
  return (
    <section class="fr-mb-6w" aria-labelledby="retrouver-titre">
      <h2 id="retrouver-titre">Retrouver les rendez-vous de la personne</h2>
      <ErrorSummary title="La recherche n’a pas pu être faite" refusal={refusal} fields={faulty} />
      <form
        method="post"
        action="/agent/rendez-vous/recherche"
        class="fr-mb-4w"
        aria-labelledby="par-telephone"
        novalidate
      >
        {hidden}
        <h3 class="fr-h5" id="par-telephone">
          Par numéro de téléphone
        </h3>
        <TextField
          id="telephone"
          label={LABELS.telephone}
          hint="Format attendu : 06 12 34 56 78"
          type="tel"
          value={v.telephone}
          error={errors.telephone}
          maxlength={30}
          autocomplete="off"
        />
        <button class="fr-btn" type="submit" name="par" value="telephone">
          Chercher par téléphone
        </button>
      </form>
      <form
        method="post"
        action="/agent/rendez-vous/recherche"
        class="fr-mb-4w"
        aria-labelledby="par-reference"
        novalidate
      >
        {hidden}
        <h3 class="fr-h5" id="par-reference">
          Par référence du rendez-vous
        </h3>
        <TextField
          id="reference"
          label={LABELS.reference}
          hint="8 caractères, sur la confirmation. Par exemple : K7M4 PXQ2"
          value={v.reference}
          error={errors.reference}
          maxlength={20}
          autocomplete="off"
        />
        <button class="fr-btn" type="submit" name="par" value="reference">
          Chercher par référence
        </button>
      </form>
      <form method="post" action="/agent/rendez-vous/recherche" aria-labelledby="par-nom" novalidate>
        {hidden}
        <h3 class="fr-h5" id="par-nom">
          Par nom et date de naissance
        </h3>
        <TextField id="nom" label={LABELS.nom} value={v.nom} error={errors.nom} autocomplete="off" />
        <TextField
          id="prenom"
          label={LABELS.prenom}
          hint="Pour distinguer deux personnes du même nom"
          value={v.prenom}
          error={errors.prenom}
          optional
          autocomplete="off"
        />
        <TextField
          id="naissance"
          label={LABELS.naissance}
          hint={BIRTH_DATE_HINT}
          value={v.naissance}
          error={errors.naissance}
          maxlength={10}
          autocomplete="off"
          inputmode="numeric"
        />
        <button class="fr-btn" type="submit" name="par" value="nom">
          Chercher par nom
        </button>
      </form>
    </section>
  );
}

const STATUS: Record<string, string> = {
  booked: 'à venir',
  arrived: 'patient arrivé',
  fulfilled: 'consultation faite',
  cancelled: 'annulé',
  noshow: 'patient absent',
};

export function FoundList({ rows, more, call, now }: { rows: Booking[]; more: boolean; call: string; now: Date }) {
  return (
    <>
      <div class="fr-alert fr-alert--info fr-mb-4w" role="status">
        <p>
          {rows.length === 0
            ? 'Aucun rendez-vous ne correspond. Vérifiez le numéro ou l’orthographe du nom, ou cherchez de l’autre façon.'
            : `${rows.length} rendez-vous trouvé${rows.length > 1 ? 's' : ''}${more ? ' (les 20 premiers : précisez la recherche avec le prénom)' : ''}.`}
        </p>
      </div>
      {rows.length ? (
        <ul>
          {rows.map((b) => {
            // A search matches a phone or a birth date: an anonymised booking is never among the rows.
            const p = b.patient!;
            return (
              <li class="fr-mb-2w">
                <a href={inCall(`/agent/rendez-vous/${b.id}`, call)}>
                  {frenchDateTime(new Date(b.slot.startsAt), b.site.timeZone, now)}, {b.site.name} (
                  {b.site.commune.name}) – {p.firstName} {p.lastName}, né(e) le{' '}
                  {p.birthDate.split('-').reverse().join('/')} – {STATUS[b.status] ?? b.status}
                </a>
              </li>
            );
          })}
        </ul>
      ) : null}
    </>
  );
}
