// /rdv for a patient who lost the message: the booking's reference and their birth date, sent in
// a form's body (never in a URL), open the booking's page on a new personal link. A wrong pair
// says what an unknown reference says. Tries are limited per address (BOOKING_LOOKUP_LIMITER) and
// per reference (a daily cap of failed tries, in the lookup's statement).
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { CSRF_FIELD, csrfToken } from '../sign-in/csrf';
import { issueLink } from '../../core/bookings/links.operations';
import { findByReference } from '../../core/bookings/lookup.operations';
import { birthDateRefusal } from '../../domain/birth-date';
import { normaliseReference } from '../../domain/booking-reference';
import { readablePhone } from '../../domain/phone';
import type { AppEnv } from '../../app-env';
import { mayLookUp } from '../../middleware/booking-lookup-limit';
import { ErrorSummary } from '../components';
import { Layout } from '../layout';
import { renderPage } from '../render';
import { fromFrenchDate } from '../format';
import { TextField } from '../staff/agent/agent.view';

interface LookupState {
  reference?: string;
  birthDate?: string;
  errors?: { reference?: string; naissance?: string };
  refusal?: string;
}

const NOT_FOUND =
  'Nous n’avons trouvé aucun rendez-vous à venir avec cette référence et cette date de naissance. Vérifiez-les sur votre SMS ou votre courriel de confirmation, ou appelez le centre d’appels.';

function LookupForm({ c, state }: { c: Context<AppEnv>; state: LookupState }) {
  const errors = state.errors ?? {};
  const fields = [
    ...(errors.reference ? [{ id: 'reference', label: 'Référence du rendez-vous', message: errors.reference }] : []),
    ...(errors.naissance ? [{ id: 'naissance', label: 'Date de naissance', message: errors.naissance }] : []),
  ];
  const csrf = csrfToken(c);
  return (
    <Layout title={`${fields.length || state.refusal ? 'Erreur : ' : ''}Retrouver mon rendez-vous`}>
      <h1>Retrouver mon rendez-vous</h1>
      <ErrorSummary title="Nous n’avons pas pu retrouver le rendez-vous" refusal={state.refusal} fields={fields} />
      <p>
        Vous n’avez plus le lien reçu par SMS ou par courriel ? Indiquez la référence du rendez-vous et la date de
        naissance du patient.
      </p>
      <form method="post" action="/rdv">
        {csrf ? <input type="hidden" name={CSRF_FIELD} value={csrf} /> : null}
        <TextField
          id="reference"
          label="Référence du rendez-vous"
          hint="8 caractères, sur votre confirmation. Par exemple : K7M4 PXQ2"
          value={state.reference}
          error={errors.reference}
          autocomplete="off"
          maxlength={20}
        />
        <TextField
          id="naissance"
          label="Date de naissance du patient"
          hint="Format attendu : JJ/MM/AAAA, par exemple 15/06/1950"
          value={state.birthDate}
          error={errors.naissance}
          autocomplete="bday"
          maxlength={10}
        />
        <button class="fr-btn" type="submit">
          Retrouver mon rendez-vous
        </button>
      </form>
      <p class="fr-mt-4w">
        Vous pouvez aussi appeler le centre d’appels au {readablePhone(c.var.config().CALL_CENTRE_PHONE)}. Vous avez
        pris rendez-vous avec FranceConnect ? <a href="/mes-rendez-vous">Voir mes rendez-vous</a>.
      </p>
    </Layout>
  );
}

const answer = (c: Context<AppEnv>, state: LookupState, status: ContentfulStatusCode) =>
  renderPage(c, <LookupForm c={c} state={state} />, status);

export const lookupForm = (c: Context<AppEnv>) => answer(c, {}, 200);

export async function lookupBooking(c: Context<AppEnv>) {
  const form = await c.req.parseBody();
  const typed = {
    reference: typeof form.reference === 'string' ? form.reference.slice(0, 20) : '',
    birthDate: typeof form.naissance === 'string' ? form.naissance.slice(0, 10) : '',
  };
  const reference = normaliseReference(typed.reference);
  const birthDate = fromFrenchDate(typed.birthDate);
  const errors = {
    ...(reference ? {} : { reference: 'Indiquez les 8 caractères de la référence, par exemple K7M4 PXQ2.' }),
    ...(birthDate && !birthDateRefusal(birthDate, c.var.now)
      ? {}
      : { naissance: 'Indiquez la date de naissance au format JJ/MM/AAAA, par exemple 15/06/1950.' }),
  };
  if (errors.reference || errors.naissance) return answer(c, { ...typed, errors }, 400);
  if (!(await mayLookUp(c))) {
    return answer(
      c,
      {
        ...typed,
        refusal: 'Trop d’essais depuis cette connexion. Réessayez dans une minute, ou appelez le centre d’appels.',
      },
      429,
    );
  }
  const outcome = await findByReference(c.var.db, reference!, birthDate!, c.var.now);
  if (outcome.found === null) {
    const refusal = outcome.capped
      ? 'Trop d’essais aujourd’hui pour cette référence. Utilisez le lien reçu par SMS ou par courriel, réessayez demain, ou appelez le centre d’appels.'
      : NOT_FOUND;
    return answer(c, { ...typed, refusal }, outcome.capped ? 429 : 404);
  }
  const token = await issueLink(c.var.db, outcome.found, c.var.now);
  return token ? c.redirect(`/rdv/${token}`, 303) : answer(c, { ...typed, refusal: NOT_FOUND }, 404);
}
