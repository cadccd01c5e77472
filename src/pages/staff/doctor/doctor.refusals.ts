// What a core refusal means to the doctor, in French, with what to do next. The operations throw
// ProblemError; the database's own refusals (monthly cap, one day per date)
// arrive as Postgres errors, read through the same mapping as the API's.
import { mapDatabaseError } from '../../../db/errors';
import { ProblemError } from '../../../domain/problem';
import type { ProblemCode, RefusalTexts } from '../../../domain/problems';

export interface Refusal {
  code: ProblemCode;
  status: 404 | 409 | 422;
  extensions: Record<string, unknown>;
}

/** A refusal the doctor can act on, or undefined for a failure that is not theirs (rethrow it). */
export function refusalOf(error: unknown): Refusal | undefined {
  if (error instanceof ProblemError) {
    if (error.status >= 500) return undefined;
    return {
      code: error.code,
      status: error.status === 404 ? 404 : error.status === 422 ? 422 : 409,
      extensions: error.extensions,
    };
  }
  const failure = mapDatabaseError(error);
  if (!failure || failure.status >= 500 || failure.retryAfterSeconds) return undefined;
  return { code: failure.code, status: failure.status === 422 ? 422 : 409, extensions: {} };
}

/** Refusals on the day's page (check-in, check-out, arrival, no-show, consultation). */
export const DAY_REFUSALS: RefusalTexts = {
  too_early_for_arrival: 'Les arrivées s’enregistrent à partir d’une heure avant le début de la journée.',
  too_early_for_no_show: 'Un patient ne peut être déclaré absent qu’une fois l’heure de son rendez-vous passée.',
  invalid_transition:
    'Ce rendez-vous a déjà changé d’état (arrivée, absence ou consultation déjà enregistrée). Voici la liste à jour.',
  not_checked_in: 'Pointez d’abord votre arrivée : les consultations et le départ s’enregistrent après.',
  mission_cancelled: 'Cette journée est annulée : il n’y a plus rien à pointer.',
  undo_day_over:
    'Une arrivée ou une absence ne s’annule que le jour même. Pour corriger une journée passée, prévenez votre ARS.',
  concurrent_update: 'Un autre changement a été enregistré au même moment. Voici la liste à jour.',
  overbilling_not_allowed:
    'Seul le tarif opposable peut être facturé. Voici le montant à jour ; enregistrez à nouveau.',
  tariff_unavailable:
    'Aucun tarif opposable n’est en vigueur à cette date dans ce territoire : la consultation ne peut pas être enregistrée. Prévenez votre ARS.',
};

/** Refusals of a cancellation. */
export const CANCEL_REFUSALS: RefusalTexts = {
  mission_already_cancelled: 'Cette journée est déjà annulée.',
  mission_checked_in: 'Vous avez pointé votre arrivée à cette journée : elle ne peut plus être annulée.',
  mission_started: 'Cette journée a commencé : elle ne peut plus être annulée.',
};
