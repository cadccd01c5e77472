// The monthly indemnity export: the month's paid doctor-days summed on the page, doctor by doctor,
// and the file the ARS pays from, made for a French spreadsheet (core/indemnities/indemnities.sheet.ts;
// programs use GET /v1/indemnities?format=csv).
import { scopeOf } from '../../../domain/caller';
import type { Context } from 'hono';
import {
  indemnitySheetLines,
  presenceThresholds,
  type IndemnitySheetLine,
} from '../../../core/indemnities/indemnities.operations';
import { indemnitySheet } from '../../../core/indemnities/indemnities.sheet';
import { isMonth } from '../../../domain/public-holidays';
import { localDate } from '../../../domain/time';
import type { AppEnv } from '../../../app-env';
import { euros } from '../../format';
import { MonthForm, DataTable } from './ars.components';
import { arsPage } from './ars.frame';
import { frenchMonth, shiftMonth } from './ars.format';
import { callerOf } from '../../../middleware/require-role';

const BAD_MONTH = 'Indiquez un mois au format AAAA-MM, par exemple 2026-12.';

/** 6 → "6 h", 3.5 → "3,5 h". */
const hours = (h: number) => `${new Intl.NumberFormat('fr-FR').format(h)} h`;

/** Each doctor's days and amount of the month, by name (a doctor without one last). */
function byDoctor(lines: IndemnitySheetLine[]) {
  const doctors = new Map<string, { name: string; days: number; cents: number }>();
  for (const l of lines) {
    const d = doctors.get(l.rpps) ?? { name: l.doctorName, days: 0, cents: 0 };
    doctors.set(l.rpps, { ...d, days: d.days + 1, cents: d.cents + l.amountCents });
  }
  return [...doctors.entries()]
    .map(([rpps, d]) => ({ rpps, ...d }))
    .sort((a, b) =>
      (a.name === '') !== (b.name === '')
        ? a.name === ''
          ? 1
          : -1
        : a.name.localeCompare(b.name, 'fr') || a.rpps.localeCompare(b.rpps),
    );
}

export async function indemnitiesPage(c: Context<AppEnv>) {
  // By default the month just ended: the one to pay.
  const month = c.req.query('mois')?.trim() || shiftMonth(localDate(c.var.now, 'Europe/Paris').slice(0, 7), -1);
  if (!isMonth(month)) {
    return arsPage(
      c,
      'Erreur – Indemnités',
      '/ars/indemnites',
      <>
        <h1>Indemnités des médecins</h1>
        <MonthForm action="/ars/indemnites" month={month.slice(0, 20)} error={BAD_MONTH} submit="Afficher ce mois" />
      </>,
      400,
    );
  }
  const thresholds = presenceThresholds(c.var.config());
  const items = await indemnitySheetLines(c.var.db, month, scopeOf(callerOf(c)), thresholds);
  const totalCents = items.reduce((sum, i) => sum + i.amountCents, 0);
  const perDoctor = byDoctor(items);
  const doctors = perDoctor.length;
  return arsPage(
    c,
    `Indemnités, ${frenchMonth(month)}`,
    '/ars/indemnites',
    <>
      <h1>Indemnités des médecins, {frenchMonth(month)}</h1>
      <MonthForm action="/ars/indemnites" month={month} submit="Afficher ce mois" />
      <p class="fr-text--lead">
        {items.length === 0
          ? 'Aucune journée à payer ce mois-ci.'
          : `${items.length} journée${items.length > 1 ? 's' : ''} à payer à ${doctors} médecin${doctors > 1 ? 's' : ''}, pour ${euros(totalCents)} au total.`}
      </p>
      <p>
        Une journée est payée selon la présence du médecin, de son arrivée à son départ : une journée complète à partir
        de {hours(thresholds.fullDayHours)}, une demi-journée à partir de {hours(thresholds.halfDayHours)}, jamais plus
        que la journée prévue. Une présence corrigée par l’ARS porte le motif de la correction.
      </p>
      {perDoctor.length === 0 ? null : (
        <DataTable
          caption={<>Montants de {frenchMonth(month)} par médecin</>}
          columns={['Médecin', 'RPPS', 'Journées payées', 'Montant']}
        >
          {perDoctor.map((d) => (
            <tr>
              <td>{d.name || 'Nom inconnu'}</td>
              <td>{d.rpps}</td>
              <td>{d.days}</td>
              <td>{euros(d.cents)}</td>
            </tr>
          ))}
          <tr>
            <th scope="row" colspan={2}>
              Total
            </th>
            <td>{items.length}</td>
            <td id="total">{euros(totalCents)}</td>
          </tr>
        </DataTable>
      )}
      <p>
        <a
          class="fr-btn fr-btn--secondary fr-icon-download-line fr-btn--icon-left"
          href={`/ars/indemnites/export?mois=${month}`}
          download={`indemnites-${month}.csv`}
        >
          Télécharger le fichier des indemnités de {frenchMonth(month)} (CSV)
        </a>
      </p>
      <p class="fr-text--sm">
        Le fichier s’ouvre dans un tableur (LibreOffice, Excel) : une ligne par journée payée, avec le RPPS et le nom du
        médecin, la date, le lieu et son FINESS, le SIREN de la zone, la journée prévue, les heures de présence, le
        montant en euros et le motif d’une présence corrigée ; le total en dernière ligne.
      </p>
    </>,
  );
}

export async function indemnityCsvPage(c: Context<AppEnv>) {
  const month = c.req.query('mois')?.trim() ?? '';
  if (!isMonth(month)) return indemnitiesPage(c);
  const lines = await indemnitySheetLines(c.var.db, month, scopeOf(callerOf(c)), presenceThresholds(c.var.config()));
  return c.body(indemnitySheet(lines), 200, {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': `attachment; filename="indemnites-${month}.csv"`,
    'cache-control': 'private, no-store',
  });
}
