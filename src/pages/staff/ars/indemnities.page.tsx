// The monthly indemnity export: the month's paid doctor-days summed on the page, and the CSV the
// ARS pays from (the same lines and columns as GET /v1/indemnities?format=csv).
import type { Context } from 'hono';
import { exportCsv, indemnityLines, presenceThresholds } from '../../../core/indemnities/indemnities.operations';
import { isMonth } from '../../../domain/public-holidays';
import { localDate } from '../../../domain/time';
import type { AppEnv } from '../../../lib/types';
import { euros } from '../../format';
import { MonthForm } from './ars.components';
import { arsPage } from './ars.frame';
import { frenchMonth, shiftMonth } from './ars.format';

const BAD_MONTH = 'Indiquez un mois au format AAAA-MM, par exemple 2026-12.';

/** 6 → "6 h", 3.5 → "3,5 h". */
const hours = (h: number) => `${new Intl.NumberFormat('fr-FR').format(h)} h`;

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
  const { items, totalCents } = await indemnityLines(c.var.db.db, month, thresholds);
  const doctors = new Set(items.map((i) => i.rpps)).size;
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
        de {hours(thresholds.fullDayHours)}, une demi-journée à partir de {hours(thresholds.halfDayHours)}, jamais plus que
        la journée prévue. Une présence corrigée par l’ARS porte le motif de la correction.
      </p>
      <p>
        <a class="fr-btn fr-btn--secondary" href={`/ars/indemnites/export?mois=${month}`} download={`indemnites-${month}.csv`}>
          Télécharger le fichier des indemnités de {frenchMonth(month)} (CSV)
        </a>
      </p>
      <p class="fr-text--sm">Colonnes : RPPS du médecin, date, lieu (FINESS ou identifiant), SIREN de la zone, type de journée prévu, heures de présence, montant en centimes, motif de la correction de présence.</p>
    </>,
  );
}

export async function indemnityCsvPage(c: Context<AppEnv>) {
  const month = c.req.query('mois')?.trim() ?? '';
  if (!isMonth(month)) return indemnitiesPage(c);
  const { items } = await indemnityLines(c.var.db.db, month, presenceThresholds(c.var.config()));
  return c.body(exportCsv(items), 200, {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': `attachment; filename="indemnites-${month}.csv"`,
    'cache-control': 'private, no-store',
  });
}
