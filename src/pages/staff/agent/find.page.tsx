// POST /agent/rendez-vous/recherche: the caller's bookings, by phone, by reference, or by name and birth date
// (core searchBookings: audited with the call's reference, whatever it finds). Answered on the
// POST itself: redirecting to a GET would put the phone or the name in the URL.
import type { Context } from 'hono';
import { toBooking } from '../../../core/bookings/bookings.presenters';
import { searchBookings, type BookingSearch } from '../../../core/bookings/search.operations';
import { PatientSchema } from '../../../core/bookings/patient-input';
import { normaliseReference } from '../../../domain/booking-reference';
import { LocalDate } from '../../../lib/openapi';
import { ProblemError } from '../../../domain/problem';
import type { AppEnv } from '../../../app-env';
import { agentPage, BackToCall, CallBanner } from './agent.view';
import { callOf } from './call';
import { fromFrenchDate } from '../../format';
import { FoundList, type FindErrors, type FindValues } from './find.view';
import { callPage, withoutCall } from './start.page';
import { limitedAction, searchLimit } from '../../limited-action';
import { callerOf } from '../../../middleware/require-role';

function criteria(form: Record<string, unknown>, values: FindValues): { search?: BookingSearch; errors: FindErrors } {
  const errors: FindErrors = {};
  if (form.par === 'telephone') {
    if (!PatientSchema.shape.phone.safeParse(values.telephone.trim()).success || values.telephone.trim() === '')
      errors.telephone = 'Indiquez un numéro de téléphone, par exemple 06 12 34 56 78.';
    return Object.keys(errors).length ? { errors } : { search: { phone: values.telephone.trim() }, errors };
  }
  if (form.par === 'reference') {
    const reference = normaliseReference(values.reference);
    if (!reference) errors.reference = 'Indiquez les 8 caractères de la référence, par exemple K7M4 PXQ2.';
    return reference ? { search: { reference }, errors } : { errors };
  }
  if (!PatientSchema.shape.lastName.safeParse(values.nom).success) errors.nom = 'Indiquez le nom, en lettres.';
  if (values.prenom.trim() && !PatientSchema.shape.firstName.safeParse(values.prenom).success)
    errors.prenom = 'Indiquez le prénom en lettres, ou laissez vide.';
  const birthDate = fromFrenchDate(values.naissance);
  if (!birthDate || !LocalDate.safeParse(birthDate).success)
    errors.naissance =
      'Indiquez la date de naissance au format JJ/MM/AAAA, par exemple 15/06/1950, ou en 8 chiffres : 15061950.';
  if (Object.keys(errors).length) return { errors };
  return {
    search: {
      lastName: values.nom.trim(),
      birthDate: birthDate!,
      ...(values.prenom.trim() ? { firstName: values.prenom.trim() } : {}),
    },
    errors,
  };
}

export async function findPage(c: Context<AppEnv>) {
  const call = await callOf(c);
  if (!call) return withoutCall(c);
  const form = await c.req.parseBody();
  const text = (name: string) => (typeof form[name] === 'string' ? (form[name] as string).slice(0, 100) : '');
  const values: FindValues = {
    telephone: text('telephone'),
    reference: text('reference'),
    nom: text('nom'),
    prenom: text('prenom'),
    naissance: text('naissance'),
  };
  const { search, errors } = criteria(form, values);
  if (!search) return callPage(c, call, { values, errors }, 400);
  const find = async (cc: Context<AppEnv>) => {
    try {
      const { rows, more } = await searchBookings(cc.var.db, callerOf(cc), search, cc.var.now, call);
      return agentPage(
        cc,
        'Rendez-vous trouvés',
        <>
          <h1>Rendez-vous de la personne</h1>
          <CallBanner call={call} />
          <FoundList rows={rows.map(toBooking)} more={more} call={call} now={cc.var.now} />
          <BackToCall call={call} />
        </>,
      );
    } catch (error) {
      if (!(error instanceof ProblemError) || error.status >= 500) throw error;
      if (error.code === 'invalid_phone')
        return callPage(
          cc,
          call,
          { values, errors: { telephone: 'Ce numéro n’est pas un numéro français valide. Exemple : 06 12 34 56 78.' } },
          422,
        );
      throw error;
    }
  };
  return limitedAction(c, searchLimit(undefined), find);
}
