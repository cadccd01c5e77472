// GET /medecin/indemnites?mois=YYYY-MM: the doctor's month, day by day, with what each day earns
// (core doctorIndemnities, the API's figures). GET /medecin/indemnites.csv?mois=…: the same as CSV.
import { callerAs } from '../../../middleware/require-role';
import type { Context } from 'hono';
import { doctorCsv, doctorIndemnities, presenceThresholds } from '../../../core/indemnities/indemnities.operations';
import { localDate } from '../../../domain/time';
import type { AppEnv } from '../../../app-env';
import { renderPage } from '../../render';
import { StaffLayout } from '../staff-layout';
import { IndemnitiesView } from './indemnities.view';
import { PAGE_ZONE } from './missions.page';

/** YYYY-MM, as the API's month query (Postgres has no year 0000). */
const MONTH = /^(?!0000)\d{4}-(0[1-9]|1[0-2])$/;

/** The month asked for (YYYY-MM), this month when none; undefined when what was typed is not a month. */
function monthOf(c: Context<AppEnv>): { month?: string; value: string } {
  const asked = (c.req.query('mois') ?? '').trim().slice(0, 20);
  if (asked === '') return { month: localDate(c.var.now, PAGE_ZONE).slice(0, 7), value: '' };
  return { month: MONTH.test(asked) ? asked : undefined, value: asked };
}

export async function indemnitiesPage(c: Context<AppEnv>) {
  const { month, value } = monthOf(c);
  const today = localDate(c.var.now, PAGE_ZONE);
  const shown = month ?? today.slice(0, 7);
  const { days, totalCents } = await doctorIndemnities(
    c.var.db,
    callerAs(c, 'doctor').rpps,
    shown,
    presenceThresholds(c.var.config()),
  );
  const error = month ? undefined : 'Indiquez un mois au format AAAA-MM, par exemple 2027-03. Voici le mois en cours.';
  return renderPage(
    c,
    <StaffLayout
      title={`${error ? 'Erreur : ' : ''}Mes indemnités`}
      space="medecin"
      session={c.var.session!}
      current="/medecin/indemnites"
    >
      <IndemnitiesView
        month={shown}
        days={days}
        totalCents={totalCents}
        today={today}
        value={month ? shown : value}
        error={error}
      />
    </StaffLayout>,
    error ? 400 : 200,
  );
}

export async function indemnitiesCsv(c: Context<AppEnv>) {
  const { month } = monthOf(c);
  if (!month) return indemnitiesPage(c);
  const { days } = await doctorIndemnities(
    c.var.db,
    callerAs(c, 'doctor').rpps,
    month,
    presenceThresholds(c.var.config()),
  );
  return c.body(doctorCsv(days), 200, {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': `attachment; filename="indemnites-${month}.csv"`,
    'cache-control': 'private, no-store',
  });
}
