// GET /agent: the start of a call. Without a reference, the agent types it (validated); with one
// (`?appel=`), the call's page: find slots for the caller, find the caller's bookings, the call list.
import type { Context } from 'hono';
import { CSRF_FIELD, csrfToken } from '../../sign-in/csrf';
import type { AppEnv } from '../../../app-env';
import { COMMUNE_FIELD_HINT, ErrorSummary } from '../../components';
import { agentPage, CallBanner, TextField } from './agent.view';
import { CALL_FIELD, CALL_REFERENCE_HINT, inCall, validCallReference } from './call';
import { FindForms, type FindErrors, type FindValues } from './find.view';

const BAD_REFERENCE =
  'Cette référence d’appel n’est pas valable. Recopiez-la depuis votre logiciel de téléphonie, sans espace ni accent.';

export function startPage(c: Context<AppEnv>, error?: string, status: 200 | 400 = 200, typed = '') {
  return agentPage(
    c,
    `${error ? 'Erreur : ' : ''}Nouvel appel`,
    <>
      <h1>Nouvel appel</h1>
      <ErrorSummary
        title="La référence de l’appel est à corriger"
        fields={error ? [{ id: CALL_FIELD, label: 'Référence de l’appel', message: error }] : []}
      />
      <p>
        Indiquez la référence de l’appel une seule fois : elle accompagne chaque action de cet appel et figure dans le
        journal.
      </p>
      <form method="get" action="/agent">
        <TextField
          id={CALL_FIELD}
          label="Référence de l’appel"
          hint={CALL_REFERENCE_HINT}
          value={typed}
          error={error}
          maxlength={64}
          autocomplete="off"
        />
        <button class="fr-btn" type="submit">
          Commencer l’appel
        </button>
      </form>
    </>,
    status,
  );
}

/** The page of one call: what the agent can do for the caller. */
export interface CallPageState {
  /** The booking search's fields and what is wrong with them. */
  values?: FindValues;
  errors?: FindErrors;
  refusal?: string;
  /** The slot search's field, when what was typed found no place. */
  place?: { value: string; error: string };
}

export function callPage(c: Context<AppEnv>, call: string, find: CallPageState = {}, status: 200 | 400 | 422 = 200) {
  const hasErrors = Boolean(find.refusal || find.place || (find.errors && Object.keys(find.errors).length));
  return agentPage(
    c,
    `${hasErrors ? 'Erreur : ' : ''}Appel ${call}`,
    <>
      <h1>Appel {call}</h1>
      <CallBanner call={call} />
      <section class="fr-mb-6w" aria-labelledby="creneaux-titre">
        <h2 id="creneaux-titre">Trouver un créneau pour la personne qui appelle</h2>
        <ErrorSummary
          title="La recherche de créneaux n’a pas pu être faite"
          fields={find.place ? [{ id: 'q', label: 'Commune ou code postal', message: find.place.error }] : []}
        />
        <form method="get" action="/agent/creneaux" role="search" aria-labelledby="creneaux-titre">
          <input type="hidden" name={CALL_FIELD} value={call} />
          <TextField
            id="q"
            label="Commune ou code postal de la personne"
            hint={COMMUNE_FIELD_HINT}
            value={find.place?.value}
            error={find.place?.error}
            maxlength={60}
            autocomplete="off"
          />
          <button class="fr-btn" type="submit">
            Chercher les créneaux libres
          </button>
        </form>
      </section>
      <FindForms
        call={call}
        csrf={csrfToken(c)!}
        csrfField={CSRF_FIELD}
        values={find.values}
        errors={find.errors ?? {}}
        refusal={find.refusal}
      />
      <section class="fr-mb-6w" aria-labelledby="rappels-titre">
        <h2 id="rappels-titre">Patients à rappeler</h2>
        <p>
          <a class="fr-link" href={inCall('/agent/appels', call)}>
            Voir les patients à rappeler
          </a>
        </p>
        <p>
          <a class="fr-link" href={inCall('/agent/attente', call)}>
            Voir la liste d’attente d’une zone
          </a>
        </p>
      </section>
      <p>
        <a class="fr-btn fr-btn--secondary" href="/agent">
          Terminer l’appel
        </a>
      </p>
    </>,
    status,
  );
}

export function agentHome(c: Context<AppEnv>) {
  const typed = c.req.query(CALL_FIELD);
  if (typed === undefined) return startPage(c);
  const call = validCallReference(typed);
  return call ? callPage(c, call) : startPage(c, BAD_REFERENCE, 400, typed.slice(0, 64));
}

/** Any page of a call reached without a valid reference: back to the start, saying why. */
export const withoutCall = (c: Context<AppEnv>) =>
  startPage(c, 'Indiquez d’abord la référence de l’appel en cours.', 400);
