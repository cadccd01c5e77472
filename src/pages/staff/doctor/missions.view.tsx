// "Mes journées de mission": the doctor's days with the monthly count against the cap, the form to
// declare one, and the confirmation before cancelling one. Rendered from plain data.
import { CSRF_FIELD } from '../../sign-in/csrf';
import type { MissionRow } from '../../../core/missions/missions.queries';
import { departementName } from '../../../domain/departements';
import { groupByShortage, SHORTAGE_DAYS, type SiteForChoice } from '../../../domain/site-shortage';
import { frenchClock, frenchLocalDate, monthlyUse } from './doctor.format';
import {
  DataTable,
  ErrorSummary,
  FieldGroup,
  NoticeBox,
  missionState,
  patientsTold,
  type Notice,
} from './doctor.components';

export interface MonthUse {
  cap: number;
  used: Record<string, number>;
}

/** Whether the doctor may still cancel it: planned, not started, not checked in (the core decides; this hides the link). */
export const cancellable = (m: MissionRow, now: Date) =>
  m.status === 'planned' && !m.checked_in_at && new Date(m.starts_at).getTime() > now.getTime();

export const hours = (m: Pick<MissionRow, 'start_local' | 'end_local'>) =>
  `${frenchClock(m.start_local)} – ${frenchClock(m.end_local)}`;

export function MissionsView(props: {
  missions: MissionRow[];
  use: MonthUse;
  months: string[];
  today: string;
  now: Date;
  notice?: Notice;
  csrf: string;
}) {
  const { missions, use, months, today, now } = props;
  return (
    <>
      <h1>Mes journées de mission</h1>
      <NoticeBox notice={props.notice} />
      <div class="fr-callout fr-mb-4w">
        <h2 class="fr-callout__title">Votre plafond : {use.cap} jours par mois</h2>
        <ul class="fr-callout__text" id="compte-mensuel">
          {months.map((month) => (
            <li>{monthlyUse(use.used[month] ?? 0, use.cap, month, today)}</li>
          ))}
        </ul>
      </div>
      <p>
        <a class="fr-btn fr-icon-add-line fr-btn--icon-left" href="/medecin/journees/nouvelle">
          Déclarer une journée de mission
        </a>
      </p>
      {missions.length === 0 ? (
        <p>Vous n’avez déclaré aucune journée de mission pour le moment.</p>
      ) : (
        <DataTable caption="Vos journées de mission" hideCaption>
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">Horaires</th>
              <th scope="col">Lieu</th>
              <th scope="col">Rendez-vous</th>
              <th scope="col">État</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {missions.map((m) => {
              const state = missionState(m);
              const day = frenchLocalDate(m.local_date, m.time_zone, now);
              return (
                <tr>
                  <td data-label="Date">{day}</td>
                  <td data-label="Horaires">{hours(m)}</td>
                  <td data-label="Lieu">{m.site_name}</td>
                  <td data-label="Rendez-vous">
                    {m.booked_count} sur {m.slot_count}
                  </td>
                  <td data-label="État">
                    <p class={`fr-badge fr-badge--sm ${state.badge}`}>{state.label}</p>
                    {m.offered_at && cancellable(m, now) ? (
                      <p class="fr-badge fr-badge--sm fr-badge--info fr-mt-1v">Proposée à un confrère</p>
                    ) : null}
                  </td>
                  <td>
                    <ul class="fr-btns-group fr-btns-group--sm fr-btns-group--inline">
                      {m.status !== 'cancelled' ? (
                        <li>
                          <a
                            class="fr-btn fr-btn--sm fr-btn--secondary"
                            href={`/medecin/journees/${m.id}`}
                            aria-label={`Ouvrir la journée du ${day}`}
                          >
                            Ouvrir
                          </a>
                        </li>
                      ) : null}
                      {cancellable(m, now) && !m.offered_at ? (
                        <li>
                          <a
                            class="fr-btn fr-btn--sm fr-btn--secondary"
                            href={`/medecin/journees/${m.id}/proposer`}
                            aria-label={`Proposer la journée du ${day} à un confrère`}
                          >
                            Proposer à un confrère
                          </a>
                        </li>
                      ) : null}
                      {cancellable(m, now) && m.offered_at ? (
                        <li>
                          <form method="post" action={`/medecin/journees/${m.id}/retirer-proposition`}>
                            <input type="hidden" name={CSRF_FIELD} value={props.csrf} />
                            <button
                              class="fr-btn fr-btn--sm fr-btn--secondary"
                              type="submit"
                              aria-label={`Retirer la proposition de la journée du ${day}`}
                            >
                              Retirer la proposition
                            </button>
                          </form>
                        </li>
                      ) : null}
                      {cancellable(m, now) ? (
                        <li>
                          <a
                            class="fr-btn fr-btn--sm fr-btn--tertiary"
                            href={`/medecin/journees/${m.id}/annuler`}
                            aria-label={`Annuler la journée du ${day}`}
                          >
                            Annuler
                          </a>
                        </li>
                      ) : null}
                    </ul>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </DataTable>
      )}
    </>
  );
}

export interface DeclareValues {
  site: string;
  date: string;
  start: string;
  end: string;
  slotMinutes: string;
}
export type DeclareErrors = Partial<Record<keyof DeclareValues, string>>;

export const SLOT_LENGTHS = [10, 15, 20, 30, 45, 60];

const LABELS: Record<keyof DeclareValues, string> = {
  site: 'Lieu de consultation',
  date: 'Date',
  start: 'Heure de début',
  end: 'Heure de fin',
  slotMinutes: 'Durée d’un rendez-vous',
};

/** How covered the site's zone already is, in words. */
const zoneDaysSaid = (days: number) =>
  days === 0
    ? 'aucune journée prévue dans la zone'
    : `${days} journée${days > 1 ? 's' : ''} prévue${days > 1 ? 's' : ''} dans la zone`;

export function DeclareView(props: {
  sites: SiteForChoice[];
  values: DeclareValues;
  errors: DeclareErrors;
  use: string;
  csrf: string;
}) {
  const { sites, values, errors } = props;
  const faults = (Object.keys(LABELS) as Array<keyof DeclareValues>)
    .filter((k) => errors[k])
    .map((k) => ({ id: k, label: LABELS[k], text: errors[k]! }));
  return (
    <>
      <h1>Déclarer une journée de mission</h1>
      <ErrorSummary faults={faults} />
      <p>
        Vous pouvez déclarer au plus deux jours par mois. <span id="compte-mensuel">{props.use}</span>.
      </p>
      <p>
        Les patients peuvent réserver vos créneaux dès que la journée est déclarée. Tous les champs sont obligatoires.
      </p>
      <form method="post" action="/medecin/journees/nouvelle" novalidate>
        <input type="hidden" name={CSRF_FIELD} value={props.csrf} />
        <FieldGroup
          id="site"
          label={LABELS.site}
          error={errors.site}
          select
          hint={`Les lieux sont groupés par département. En premier, ceux des zones où le moins de journées sont prévues dans les ${SHORTAGE_DAYS} prochains jours : c’est là que les patients attendent le plus.`}
          control={(a) => (
            <select {...a}>
              <option value="" selected={values.site === ''}>
                Choisissez un lieu
              </option>
              {groupByShortage(sites).map((g) => (
                <optgroup label={`${departementName(g.departement)} (${g.departement}), ${g.region}`}>
                  {g.sites.map((s) => (
                    <option value={s.id} selected={values.site === s.id}>
                      {`${s.name} – ${s.commune}${s.postcode ? ` (${s.postcode})` : ''} – ${zoneDaysSaid(s.zoneDays)}`}
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
          )}
        />
        <FieldGroup
          id="date"
          label={LABELS.date}
          hint="Format attendu : JJ/MM/AAAA, par exemple 15/03/2027."
          error={errors.date}
          control={(a) => <input {...a} type="date" value={values.date} />}
        />
        <FieldGroup
          id="start"
          label={LABELS.start}
          hint="À l’heure du lieu. Format attendu : HH:MM, par exemple 09:00."
          error={errors.start}
          control={(a) => <input {...a} type="time" value={values.start} />}
        />
        <FieldGroup
          id="end"
          label={LABELS.end}
          hint="Six heures ou plus font une journée complète ; moins, une demi-journée. Format attendu : HH:MM, par exemple 17:00."
          error={errors.end}
          control={(a) => <input {...a} type="time" value={values.end} />}
        />
        <FieldGroup
          id="slotMinutes"
          label={LABELS.slotMinutes}
          error={errors.slotMinutes}
          select
          control={(a) => (
            <select {...a}>
              {SLOT_LENGTHS.map((n) => (
                <option value={String(n)} selected={values.slotMinutes === String(n)}>
                  {n} minutes
                </option>
              ))}
            </select>
          )}
        />
        <ul class="fr-btns-group fr-btns-group--inline-md">
          <li>
            <button class="fr-btn" type="submit">
              Déclarer cette journée
            </button>
          </li>
          <li>
            <a class="fr-btn fr-btn--secondary" href="/medecin">
              Revenir à mes journées
            </a>
          </li>
        </ul>
      </form>
    </>
  );
}

export function CancelView(props: { mission: MissionRow; toTell: number; now: Date; csrf: string; refusal?: string }) {
  const { mission: m } = props;
  const day = frenchLocalDate(m.local_date, m.time_zone, props.now);
  if (props.refusal) {
    return (
      <>
        <h1>Annuler la journée du {day}</h1>
        <NoticeBox notice={{ kind: 'error', title: 'Annulation impossible', text: props.refusal }} />
        <p>
          <a class="fr-link fr-icon-arrow-left-line fr-link--icon-left" href="/medecin">
            Revenir à mes journées
          </a>
        </p>
      </>
    );
  }
  return (
    <>
      <h1>Annuler la journée du {day}</h1>
      <p>
        {hours(m)}, {m.site_name}.
      </p>
      <div class="fr-callout fr-mb-4w">
        <p class="fr-callout__text" id="patients-prevenus">
          {patientsTold(props.toTell)}
        </p>
      </div>
      <p>Les créneaux de cette journée ne pourront plus être réservés. L’annulation est définitive.</p>
      <form method="post" action={`/medecin/journees/${m.id}/annuler`}>
        <input type="hidden" name={CSRF_FIELD} value={props.csrf} />
        <ul class="fr-btns-group fr-btns-group--inline-md">
          <li>
            <button class="fr-btn" type="submit">
              Confirmer l’annulation
            </button>
          </li>
          <li>
            <a class="fr-btn fr-btn--secondary" href="/medecin">
              Garder cette journée
            </a>
          </li>
        </ul>
      </form>
    </>
  );
}
