// "Mes indemnités": a month's mission days with what each earns, the total, and the CSV.
import type { DoctorIndemnityDay } from '../../../core/indemnities/indemnities.operations';
import { euros } from '../../format';
import { frenchClock, frenchMonth, nextMonth, previousMonth } from './doctor.format';
import { DataTable, FieldGroup, NoticeBox, type Notice } from './doctor.components';

const DAY_KINDS = { full: 'Journée complète', half: 'Demi-journée' } as const;

/** "9 h 05" from an ISO instant with the site's offset, read as the site's clock. */
const clockOf = (iso: string | null) => (iso ? frenchClock(iso.slice(11, 16)) : 'non pointé');

export function IndemnitiesView(props: {
  month: string;
  days: DoctorIndemnityDay[];
  totalCents: number;
  today: string;
  value: string;
  error?: string;
  notice?: Notice;
}) {
  const { month, days, today } = props;
  const name = frenchMonth(month, today);
  return (
    <>
      <h1>Mes indemnités</h1>
      <NoticeBox notice={props.notice} />
      <p>
        Une journée est indemnisée si vous avez pointé votre arrivée et votre départ : 200 € la journée complète, 100 €
        la demi-journée.
      </p>
      <form method="get" action="/medecin/indemnites" class="fr-mb-4w">
        <FieldGroup
          id="mois"
          label="Mois"
          hint="Format attendu : AAAA-MM, par exemple 2027-03."
          error={props.error}
          control={(a) => <input {...a} type="month" value={props.value} />}
        />
        <button class="fr-btn fr-btn--secondary" type="submit">
          Afficher ce mois
        </button>
      </form>
      <h2>Indemnités de {name}</h2>
      <ul class="fr-btns-group fr-btns-group--inline-md fr-btns-group--sm">
        <li>
          <a class="fr-btn fr-btn--sm fr-btn--tertiary" href={`/medecin/indemnites?mois=${previousMonth(month)}`}>
            Mois précédent
          </a>
        </li>
        <li>
          <a class="fr-btn fr-btn--sm fr-btn--tertiary" href={`/medecin/indemnites?mois=${nextMonth(month)}`}>
            Mois suivant
          </a>
        </li>
      </ul>
      {days.length === 0 ? (
        <p>Aucune journée de mission en {name}.</p>
      ) : (
        <DataTable caption={`Vos journées de ${name} et leur indemnité`}>
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">Lieu</th>
              <th scope="col">Type</th>
              <th scope="col">Arrivée</th>
              <th scope="col">Départ</th>
              <th scope="col">Consultations</th>
              <th scope="col">Absents</th>
              <th scope="col">Indemnité</th>
            </tr>
          </thead>
          <tbody>
            {days.map((d) => (
              <tr>
                <td data-label="Date">{d.date.split('-').reverse().join('/')}</td>
                <td data-label="Lieu">{d.site.name}</td>
                <td data-label="Type">{DAY_KINDS[d.dayKind]}</td>
                <td data-label="Arrivée">{clockOf(d.checkedInAt)}</td>
                <td data-label="Départ">{clockOf(d.checkedOutAt)}</td>
                <td data-label="Consultations">{d.consultationsFulfilled}</td>
                <td data-label="Absents">{d.noShows}</td>
                <td data-label="Indemnité">{euros(d.amountCents)}</td>
              </tr>
            ))}
            <tr>
              <th scope="row" colspan={7}>
                Total
              </th>
              <td data-label="Indemnité" id="total">
                {euros(props.totalCents)}
              </td>
            </tr>
          </tbody>
        </DataTable>
      )}
      <p>
        <a
          class="fr-link fr-icon-download-line fr-link--icon-right"
          href={`/medecin/indemnites.csv?mois=${month}`}
          download={`indemnites-${month}.csv`}
        >
          Télécharger le tableau de {name} (CSV)
        </a>
      </p>
    </>
  );
}
