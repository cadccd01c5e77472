// Pieces the doctor's pages share: their outcome and error summary (worded here, drawn by the
// shared ones in src/pages/components.tsx), a form field in DSFR markup with its hint and error,
// and a mission day's state in words.
import type { Child } from 'hono/jsx';
import { ErrorSummary as FormErrors, Notice as SharedNotice } from '../../components';
import type { MissionRow } from '../../../core/missions/missions.queries';

export interface Notice {
  kind: 'success' | 'info' | 'error';
  title: string;
  text?: string;
}

/** An outcome (role=status) or a refusal (role=alert), announced when the page loads. */
export function NoticeBox({ notice }: { notice?: Notice }) {
  if (!notice) return null;
  return (
    <SharedNotice kind={notice.kind} title={notice.title} id="message">
      {notice.text}
    </SharedNotice>
  );
}

/** The error summary of a form: each fault linked to its field. */
export function ErrorSummary({ faults }: { faults: Array<{ id: string; label: string; text: string }> }) {
  const title =
    faults.length > 1 ? `Le formulaire contient ${faults.length} erreurs` : 'Le formulaire contient une erreur';
  return <FormErrors title={title} fields={faults.map((f) => ({ id: f.id, label: f.label, message: f.text }))} />;
}

/** A labelled field with its hint and error; `control` receives the attributes it must carry. */
export function FieldGroup(props: {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  select?: boolean;
  control: (a: {
    id: string;
    name: string;
    class: string;
    'aria-describedby'?: string;
    'aria-invalid'?: 'true';
  }) => Child;
}) {
  const { id, label, hint, error, select } = props;
  const kind = select ? 'select' : 'input';
  return (
    <div class={`fr-${kind}-group${error ? ` fr-${kind}-group--error` : ''}`}>
      <label class="fr-label" for={id}>
        {label}
        {hint ? <span class="fr-hint-text">{hint}</span> : null}
      </label>
      {props.control({
        id,
        name: id,
        class: `fr-${kind}${error ? ` fr-${kind}--error` : ''}`,
        ...(error ? { 'aria-describedby': `${id}-erreur`, 'aria-invalid': 'true' as const } : {}),
      })}
      {error ? (
        <p class="fr-error-text" id={`${id}-erreur`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** A mission day's state as the doctor says it; the badge's words carry it, not its colour. */
export function missionState(m: Pick<MissionRow, 'status' | 'checked_in_at' | 'checked_out_at'>): {
  label: string;
  badge: string;
} {
  if (m.status === 'cancelled') return { label: 'Annulée', badge: 'fr-badge--error' };
  if (m.checked_out_at) return { label: 'Terminée', badge: 'fr-badge--success' };
  if (m.checked_in_at) return { label: 'En cours', badge: 'fr-badge--info' };
  if (m.status === 'missed') return { label: 'Non assurée', badge: 'fr-badge--warning' };
  return { label: 'Prévue', badge: 'fr-badge--new' };
}

export const BOOKING_STATES = {
  booked: 'Attendu',
  arrived: 'Arrivé',
  fulfilled: 'Consultation faite',
  noshow: 'Absent',
  cancelled: 'Annulé',
} as const;

/** "2 patients seront prévenus", "aucun patient n’est inscrit". */
export function patientsTold(n: number): string {
  if (n === 0) return 'Aucun patient n’a encore réservé : personne n’est à prévenir.';
  return n === 1
    ? '1 patient a réservé : il sera prévenu de l’annulation.'
    : `${n} patients ont réservé : ils seront tous prévenus de l’annulation.`;
}

/**
 * A DSFR table (wrapper, container, content). On a narrow screen each row is a stacked card
 * (public/pages/staff.css): give every cell a `data-label` naming its column. The frame stays a
 * named region the keyboard can focus, should a wide cell still need to scroll.
 */
export function DataTable({
  caption,
  hideCaption,
  children,
}: {
  caption: string;
  hideCaption?: boolean;
  children: Child;
}) {
  return (
    <div class={`fr-table staff-cards${hideCaption ? ' fr-table--no-caption' : ''}`}>
      <div class="fr-table__wrapper">
        <div class="fr-table__container" tabindex={0} role="region" aria-label={caption}>
          <div class="fr-table__content">
            <table>
              <caption>{caption}</caption>
              {children}
            </table>
          </div>
        </div>
      </div>
    </div>
  );
}
