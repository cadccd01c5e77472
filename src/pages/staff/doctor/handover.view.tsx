// A day handed to another volunteer: the confirmation before offering one's day, and the "open
// days" board where volunteers find days on offer and the days their zones still lack a doctor.
import { CSRF_FIELD } from '../../sign-in/csrf';
import type { MissionRow } from '../../../core/missions/missions.queries';
import { frenchLocalDate, frenchMonth, nextMonth } from './doctor.format';
import { ConfirmOrBack } from '../../components';
import { NoticeBox, type Notice } from './doctor.components';
import { hours } from './missions.view';

/** "le rendez-vous déjà pris est gardé", "les 3 rendez-vous déjà pris sont gardés". */
export function bookingsKept(n: number): string {
  if (n === 0) return 'aucun patient n’a encore réservé';
  return n === 1 ? 'le rendez-vous déjà pris est gardé' : `les ${n} rendez-vous déjà pris sont gardés`;
}

const BackToDays = () => (
  <p>
    <a class="fr-link fr-icon-arrow-left-line fr-link--icon-left" href="/medecin">
      Revenir à mes journées
    </a>
  </p>
);

export function OfferView(props: { mission: MissionRow; now: Date; csrf: string; refusal?: string }) {
  const { mission: m } = props;
  const day = frenchLocalDate(m.local_date, m.time_zone, props.now);
  return (
    <>
      <h1>Proposer la journée du {day} à un confrère</h1>
      {props.refusal ? (
        <>
          <NoticeBox notice={{ kind: 'error', title: 'Proposition impossible', text: props.refusal }} />
          <BackToDays />
        </>
      ) : (
        <>
          <p>
            {hours(m)}, {m.site_name}.
          </p>
          <div class="fr-callout fr-mb-4w">
            <p class="fr-callout__text">
              Au lieu d’annuler, vous proposez cette journée aux autres médecins volontaires. Tant que personne ne l’a
              reprise, elle reste la vôtre. Si un confrère la reprend, {bookingsKept(m.booked_count)}
              {m.booked_count > 0 ? ' et les patients sont prévenus du changement de médecin' : ''} ; l’indemnité de la
              journée lui revient.
            </p>
          </div>
          <ConfirmOrBack
            action={`/medecin/journees/${m.id}/proposer`}
            yes="Proposer cette journée"
            back="/medecin"
            backLabel="Revenir à mes journées"
          >
            <input type="hidden" name={CSRF_FIELD} value={props.csrf} />
          </ConfirmOrBack>
        </>
      )}
    </>
  );
}

export interface UncoveredZone {
  siren: string;
  name: string;
  days: string[];
  timeZone: string;
}

export function OpenDaysView(props: {
  offered: MissionRow[];
  uncovered: UncoveredZone[];
  knowsZones: boolean;
  now: Date;
  today: string;
  notice?: Notice;
}) {
  const { offered, now } = props;
  return (
    <>
      <h1>Journées à reprendre</h1>
      <NoticeBox notice={props.notice} />
      <h2>Journées proposées par des confrères</h2>
      {offered.length === 0 ? (
        <p>Aucune journée n’est proposée en ce moment.</p>
      ) : (
        <ul class="fr-raw-list" id="journees-proposees">
          {offered.map((m) => {
            const day = frenchLocalDate(m.local_date, m.time_zone, now);
            return (
              <li class="fr-mb-3w">
                <div class="fr-card fr-card--no-arrow">
                  <div class="fr-card__body">
                    <div class="fr-card__content">
                      <h3 class="fr-card__title">{day}</h3>
                      <p class="fr-card__desc">
                        {hours(m)}, {m.site_name}, {m.site_address}. {m.booked_count} rendez-vous sur {m.slot_count}{' '}
                        sont déjà pris.
                      </p>
                    </div>
                    <div class="fr-card__footer">
                      <a
                        class="fr-btn fr-btn--secondary"
                        href={`/medecin/journees-ouvertes/${m.id}`}
                        aria-label={`Reprendre la journée du ${day}`}
                      >
                        Reprendre cette journée
                      </a>
                    </div>
                  </div>
                </div>
              </li>
            );
          })}
        </ul>
      )}
      <h2>Jours sans médecin dans vos zones</h2>
      {!props.knowsZones ? (
        <p>
          Après votre première journée de mission, les jours ouvrés encore sans médecin dans vos zones s’afficheront
          ici.
        </p>
      ) : props.uncovered.length === 0 ? (
        <p>Tous les jours ouvrés de ce mois et du suivant ont un médecin dans vos zones.</p>
      ) : (
        <ul id="jours-sans-medecin">
          {props.uncovered.map((z) => (
            <li>
              <strong>{z.name}</strong> : {z.days.map((d) => frenchLocalDate(d, z.timeZone, now)).join(', ')}.
            </li>
          ))}
        </ul>
      )}
      {props.knowsZones ? (
        <p>
          <a class="fr-btn fr-icon-add-line fr-btn--icon-left" href="/medecin/journees/nouvelle">
            Déclarer une journée de mission
          </a>
        </p>
      ) : null}
      <p class="fr-text--sm">
        Ces jours vont jusqu’à la fin de {frenchMonth(nextMonth(props.today.slice(0, 7)), props.today)}.
      </p>
    </>
  );
}

export function TakeOverView(props: { mission: MissionRow; now: Date; csrf: string; refusal?: string }) {
  const { mission: m } = props;
  const day = frenchLocalDate(m.local_date, m.time_zone, props.now);
  return (
    <>
      <h1>Reprendre la journée du {day}</h1>
      {props.refusal ? (
        <NoticeBox notice={{ kind: 'error', title: 'Reprise impossible', text: props.refusal }} />
      ) : null}
      <p>
        {hours(m)}, {m.site_name}, {m.site_address}.
      </p>
      <div class="fr-callout fr-mb-4w">
        <p class="fr-callout__text">
          La journée devient la vôtre : {bookingsKept(m.booked_count)}
          {m.booked_count > 0 ? ', à la même heure, et les patients sont prévenus du changement de médecin' : ''}. Elle
          compte dans vos deux jours du mois, et l’indemnité vous revient quand vous pointez votre arrivée et votre
          départ.
        </p>
      </div>
      <ConfirmOrBack
        action={`/medecin/journees-ouvertes/${m.id}`}
        yes="Confirmer la reprise"
        back="/medecin/journees-ouvertes"
        backLabel="Revenir aux journées à reprendre"
      >
        <input type="hidden" name={CSRF_FIELD} value={props.csrf} />
      </ConfirmOrBack>
    </>
  );
}
