// "Ma journée": check in (the position offered by /pages/geolocation.js, never required), the
// day's patients with arrival, no-show and consultation, and check out. Rendered from plain data.
import type { Child } from 'hono/jsx';
import { CSRF_FIELD } from '../../sign-in/csrf';
import type { DayPatientRow } from '../../../core/missions/doctor-day.queries';
import type { MissionRow } from '../../../core/missions/missions.queries';
import { localDate } from '../../../domain/time';
import { euros, frenchTime } from '../../format';
import { frenchDuration, frenchLocalDate } from './doctor.format';
import { BOOKING_STATES, DataTable, NoticeBox, missionState, type Notice } from './doctor.components';
import { hours } from './missions.view';

export interface Consultation {
  acts: string[];
  amountCents: number;
}
export type DayPatient = DayPatientRow & { consultation?: Consultation };

/** What each act of the tarif opposable is, in words. */
export const ACT_LABELS: Record<string, string> = {
  G: 'Consultation de médecine générale',
  MEG: 'Majoration pour un enfant de moins de 6 ans',
};

const fullName = (p: Pick<DayPatientRow, 'first_name' | 'last_name'>) => `${p.first_name} ${p.last_name}`;

function CheckIn({ mission: m, csrf, opensAt, now }: { mission: MissionRow; csrf: string; opensAt: Date; now: Date }) {
  if (m.status === 'cancelled') return <p>Cette journée est annulée.</p>;
  if (m.checked_out_at) {
    return (
      <p id="pointage">
        Arrivée pointée à {frenchTime(new Date(m.checked_in_at!), m.time_zone)}, départ à{' '}
        {frenchTime(new Date(m.checked_out_at), m.time_zone)}.
      </p>
    );
  }
  if (m.checked_in_at) {
    const startsAt = new Date(m.starts_at);
    return (
      <>
        <p id="pointage">Arrivée pointée à {frenchTime(new Date(m.checked_in_at), m.time_zone)}.</p>
        {now.getTime() < startsAt.getTime() ? (
          <p class="fr-hint-text" id="depart-ouvre">
            Vous pourrez pointer votre départ à partir de {frenchTime(startsAt, m.time_zone)}, l’heure du début de la
            journée.
          </p>
        ) : (
          <>
            <p class="fr-hint-text">
              Pointez votre départ à la fin de la journée : la journée n’est indemnisée qu’avec l’arrivée et le départ.
            </p>
            <a class="fr-btn fr-btn--secondary" href={`/medecin/journees/${m.id}/depart`}>
              Pointer mon départ
            </a>
          </>
        )}
      </>
    );
  }
  return (
    <form method="post" action={`/medecin/journees/${m.id}/arrivee`} id="pointer-arrivee" data-geolocation="">
      <input type="hidden" name={CSRF_FIELD} value={csrf} />
      <input type="hidden" name="latitude" value="" />
      <input type="hidden" name="longitude" value="" />
      <p class="fr-hint-text">
        Le pointage ouvre à {frenchTime(opensAt, m.time_zone)}, une heure avant le début. Votre position n’est pas
        obligatoire : si votre navigateur la propose, elle sert seulement à vérifier que vous êtes à moins d’un
        kilomètre du lieu.
      </p>
      <div id="position" class="fr-mb-2w"></div>
      <button class="fr-btn" type="submit">
        Pointer mon arrivée
      </button>
    </form>
  );
}

function Actions({
  missionId,
  patient: p,
  csrf,
  undoable,
}: {
  missionId: string;
  patient: DayPatient;
  csrf: string;
  undoable: boolean;
}) {
  // The visible word first, then whose (WCAG 2.5.3): "Arrivée de Jeanne Martin". Not a visually hidden
  // span: positioned out of the table's scrolling frame, it would widen the page at 320 px.
  const named = (label: string) => `${label} de ${fullName(p)}`;
  const post = (action: string, label: string, secondary = false, name = named(label)) => (
    <form method="post" action={`/medecin/journees/${missionId}/patients/${p.id}/${action}`}>
      <input type="hidden" name={CSRF_FIELD} value={csrf} />
      <button class={`fr-btn fr-btn--sm${secondary ? ' fr-btn--tertiary' : ''}`} type="submit" aria-label={name}>
        {label}
      </button>
    </form>
  );
  // A mistaken tap is undone until the end of the mission's day; the patient is expected again.
  const undo = (label: string, what: string) =>
    undoable ? <li>{post('annuler', label, true, `${label} de ${fullName(p)} (${what})`)}</li> : null;
  if (p.status === 'booked') {
    return (
      <ul class="fr-btns-group fr-btns-group--sm fr-btns-group--inline">
        <li>{post('arrivee', 'Arrivée')}</li>
        <li>{post('absent', 'Absent', true)}</li>
      </ul>
    );
  }
  if (p.status === 'arrived') {
    return (
      <ul class="fr-btns-group fr-btns-group--sm fr-btns-group--inline">
        <li>
          <a
            class="fr-btn fr-btn--sm"
            href={`/medecin/journees/${missionId}/patients/${p.id}/consultation`}
            aria-label={named('Consultation')}
          >
            Consultation
          </a>
        </li>
        {undo('Annuler l’arrivée', 'de nouveau attendu')}
      </ul>
    );
  }
  if (p.status === 'noshow' && undoable)
    return (
      <ul class="fr-btns-group fr-btns-group--sm fr-btns-group--inline">
        {undo('Annuler l’absence', 'de nouveau attendu')}
      </ul>
    );
  if (p.status === 'fulfilled' && p.billed_acts)
    return <span>{`${p.billed_acts.join(' + ')} : ${euros(p.billed_cents ?? 0)}`}</span>;
  return null;
}

export function DayView(props: {
  mission: MissionRow;
  patients: DayPatient[];
  opensAt: Date;
  now: Date;
  csrf: string;
  notice?: Notice;
}) {
  const { mission: m, patients, now, csrf } = props;
  const state = missionState(m);
  return (
    <>
      <h1>Ma journée du {frenchLocalDate(m.local_date, m.time_zone, now)}</h1>
      <NoticeBox notice={props.notice} />
      <p>
        {hours(m)}, {m.site_name}, {m.site_address}.{' '}
        <span class={`fr-badge fr-badge--sm ${state.badge}`}>{state.label}</span>
      </p>
      <h2>Pointage</h2>
      <CheckIn mission={m} csrf={csrf} opensAt={props.opensAt} now={now} />
      <h2 class="fr-mt-4w">Patients du jour</h2>
      {patients.length === 0 ? (
        <p>Aucun patient n’a réservé pour cette journée.</p>
      ) : (
        <DataTable caption="Patients du jour" hideCaption>
          <thead>
            <tr>
              <th scope="col">Heure</th>
              <th scope="col">Patient</th>
              <th scope="col">État</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {patients.map((p) => (
              <tr>
                <td data-label="Heure">{frenchTime(new Date(p.starts_at), m.time_zone)}</td>
                <td data-label="Patient">{fullName(p)}</td>
                <td data-label="État">{BOOKING_STATES[p.status]}</td>
                <td>
                  {m.status === 'cancelled' ? null : (
                    <Actions
                      missionId={m.id}
                      patient={p}
                      csrf={csrf}
                      undoable={localDate(now, m.time_zone) <= m.local_date}
                    />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
      <p class="fr-mt-4w">
        <a class="fr-link fr-icon-arrow-left-line fr-link--icon-left" href="/medecin">
          Revenir à mes journées
        </a>
      </p>
    </>
  );
}

/** What the presence declared by leaving now earns, in words (the thresholds are the settings'). */
function presenceWorth(kind: 'full' | 'half' | null, halfDayHours: number): string {
  if (kind === 'full') return 'Cette présence compte pour une journée complète.';
  if (kind === 'half') return 'Cette présence compte pour une demi-journée.';
  return `Moins de ${new Intl.NumberFormat('fr-FR').format(halfDayHours)}\u00a0h de présence : si vous partez maintenant, cette journée ne sera pas indemnisée.`;
}

/** Before the check-out: the hours it will declare, what they earn, and a button to confirm. */
export function CheckOutView(props: {
  mission: MissionRow;
  now: Date;
  paid: 'full' | 'half' | null;
  halfDayHours: number;
  csrf: string;
}) {
  const { mission: m, now } = props;
  const checkedInAt = new Date(m.checked_in_at!);
  return (
    <>
      <h1>Pointer mon départ</h1>
      <p id="heures-declarees">
        Vous allez déclarer votre présence du {frenchLocalDate(m.local_date, m.time_zone, now)} à {m.site_name} :
        arrivée à {frenchTime(checkedInAt, m.time_zone)}, départ maintenant ({frenchTime(now, m.time_zone)}), soit{' '}
        {frenchDuration(now.getTime() - checkedInAt.getTime())} de présence.
      </p>
      <div class="fr-callout fr-mb-4w">
        <p class="fr-callout__text" id="indemnisation">
          {presenceWorth(props.paid, props.halfDayHours)}
        </p>
      </div>
      <p>Une fois pointé, le départ ne peut plus être modifié par vous ; en cas d’erreur, prévenez votre ARS.</p>
      <form method="post" action={`/medecin/journees/${m.id}/depart`}>
        <input type="hidden" name={CSRF_FIELD} value={props.csrf} />
        <SubmitOrBack missionId={m.id}>Confirmer mon départ</SubmitOrBack>
      </form>
    </>
  );
}

/** The consultation as the tarif opposable prices it: the acts and their total, nothing to type. */
export function ConsultationView(props: {
  mission: MissionRow;
  patient: DayPatient;
  consultation: Consultation;
  rates: Record<string, number>;
  csrf: string;
  notice?: Notice;
}) {
  const { mission: m, patient: p, consultation } = props;
  return (
    <>
      <h1>Consultation de {fullName(p)}</h1>
      <NoticeBox notice={props.notice} />
      <p>
        Rendez-vous de {frenchTime(new Date(p.starts_at), m.time_zone)}, {m.site_name}.
      </p>
      <DataTable caption="Actes facturés" hideCaption>
        <thead>
          <tr>
            <th scope="col">Acte</th>
            <th scope="col">Montant</th>
          </tr>
        </thead>
        <tbody>
          {consultation.acts.map((code) => (
            <tr>
              <td data-label="Acte">
                {code} – {ACT_LABELS[code] ?? code}
              </td>
              <td data-label="Montant">{euros(props.rates[code] ?? 0)}</td>
            </tr>
          ))}
          <tr>
            <th scope="row">Total</th>
            <td id="montant" data-label="Montant">
              {euros(consultation.amountCents)}
            </td>
          </tr>
        </tbody>
      </DataTable>
      <p>
        Au tarif opposable de la Sécurité sociale, sans dépassement d’honoraires : le montant est calculé pour vous et
        ne peut pas être modifié.
      </p>
      <form method="post" action={`/medecin/journees/${m.id}/patients/${p.id}/consultation`}>
        <input type="hidden" name={CSRF_FIELD} value={props.csrf} />
        <SubmitOrBack missionId={m.id}>Enregistrer la consultation ({euros(consultation.amountCents)})</SubmitOrBack>
      </form>
    </>
  );
}

/** A form's one action beside the way back to the day, which changes nothing. */
function SubmitOrBack({ missionId, children }: { missionId: string; children: Child }) {
  return (
    <ul class="fr-btns-group fr-btns-group--inline-md">
      <li>
        <button class="fr-btn" type="submit">
          {children}
        </button>
      </li>
      <li>
        <a class="fr-btn fr-btn--secondary" href={`/medecin/journees/${missionId}`}>
          Revenir à ma journée
        </a>
      </li>
    </ul>
  );
}
