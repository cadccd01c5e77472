// Erasure on request (/ars/effacement): the page of the operation POST /v1/erasures runs, for the
// ARS accounts ARS_DPO_ACCOUNTS names (the data protection officers). A person is found by one
// booking's identifier or by phone; the reason is kept in the audit trail.
import { callerAs } from '../../../middleware/require-role';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { eraseBookings, type ErasureTarget } from '../../../core/retention/erasure';
import { RETENTION, frenchMonths } from '../../../domain/retention';
import { listAdmits } from '../../../domain/staff-access';
import { ProblemError } from '../../../domain/problem';
import type { AppEnv } from '../../../app-env';
import { Notice } from '../../components';
import { ErrorSummary, Field, type FieldErrors } from './ars.components';
import { CsrfField, arsPage, arsRefusal, formText, hasNul } from './ars.frame';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const LABELS = { cible: 'Téléphone de la personne, ou identifiant du rendez-vous', motif: 'Motif' };

interface FormState {
  values?: { cible: string; motif: string };
  errors?: FieldErrors;
  notice?: string;
}

const isDpo = (c: Context<AppEnv>) => listAdmits(c.var.config().ARS_DPO_ACCOUNTS, c.var.session?.email ?? '');

const refusal = (c: Context<AppEnv>) =>
  arsRefusal(
    c,
    403,
    'Réservé au délégué à la protection des données',
    'L’effacement des données d’une personne est fait par le délégué à la protection des données de l’ARS.',
  );

function render(c: Context<AppEnv>, state: FormState, status: ContentfulStatusCode = 200) {
  const errors = state.errors ?? {};
  const erased = c.req.query('effaces');
  return arsPage(
    c,
    Object.keys(errors).length || state.notice
      ? 'Erreur – Effacer les données d’une personne'
      : 'Effacer les données d’une personne',
    undefined,
    <>
      <h1>Effacer les données d’une personne</h1>
      {erased !== undefined && /^\d+$/.test(erased) ? (
        <Notice kind="success">
          {erased === '0'
            ? 'Aucune donnée à effacer : rien n’a changé.'
            : `Données effacées pour ${erased} rendez-vous.`}
        </Notice>
      ) : null}
      {state.notice ? <Notice kind="error">{state.notice}</Notice> : null}
      <p>
        Le nom, la date de naissance, le téléphone et l’adresse électronique sont effacés de chaque rendez-vous trouvé ;
        le rendez-vous reste compté dans les chiffres. Sans demande, ils le sont{' '}
        {frenchMonths(RETENTION.bookingPatientMonths)} après le rendez-vous. Un rendez-vous à venir n’est pas effacé :
        faites-le d’abord annuler.
      </p>
      <ErrorSummary errors={errors} labels={LABELS} />
      <form method="post" action="/ars/effacement">
        <CsrfField c={c} />
        <Field
          id="cible"
          label={LABELS.cible}
          hint="Par exemple 06 12 34 56 78, ou l’identifiant d’un rendez-vous"
          value={state.values?.cible}
          error={errors.cible}
          required
          maxlength={40}
        />
        <Field
          id="motif"
          label={LABELS.motif}
          hint="La référence de la demande et sa base (article 17 du RGPD), sans nom ni numéro ; de 10 à 500 caractères"
          value={state.values?.motif}
          error={errors.motif}
          required
          maxlength={500}
        />
        <button class="fr-btn" type="submit">
          Effacer ces données
        </button>
      </form>
    </>,
    status,
  );
}

export const erasureFormPage = (c: Context<AppEnv>) => (isDpo(c) ? render(c, {}) : refusal(c));

export async function erasePage(c: Context<AppEnv>) {
  if (!isDpo(c)) return refusal(c);
  const form = await c.req.parseBody();
  const values = { cible: formText(form, 'cible'), motif: formText(form, 'motif') };
  const errors: FieldErrors = {};
  if (!values.cible || hasNul(values.cible))
    errors.cible = 'Indiquez le téléphone de la personne ou l’identifiant d’un de ses rendez-vous.';
  if (values.motif.length < 10 || values.motif.length > 500 || hasNul(values.motif))
    errors.motif = 'Indiquez le motif, de 10 à 500 caractères : la référence de la demande, sans nom ni numéro.';
  if (Object.keys(errors).length) return render(c, { values, errors }, 400);
  const target: ErasureTarget = UUID.test(values.cible) ? { bookingId: values.cible } : { phone: values.cible };
  try {
    const erasure = await eraseBookings(
      c.var.db,
      { ...callerAs(c, 'admin'), dpo: true },
      target,
      values.motif,
      c.var.now,
    );
    return c.redirect(`/ars/effacement?effaces=${erasure.bookingIds.length}`, 303);
  } catch (error) {
    if (!(error instanceof ProblemError)) throw error;
    if (error.code === 'invalid_phone')
      return render(
        c,
        {
          values,
          errors: {
            cible: 'Ce n’est ni un numéro de téléphone français, ni un identifiant de rendez-vous. Vérifiez-le.',
          },
        },
        422,
      );
    if (error.code === 'not_found')
      return render(
        c,
        { values, notice: 'Aucun rendez-vous n’a cet identifiant dans votre région : rien n’a changé.' },
        404,
      );
    if (error.code === 'booking_upcoming') {
      return render(
        c,
        {
          values,
          notice:
            'Un rendez-vous de cette personne est à venir : faites-le annuler d’abord, puis recommencez. Rien n’a été effacé.',
        },
        409,
      );
    }
    throw error;
  }
}
