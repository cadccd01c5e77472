// Coverage of a month (GET /ars/couverture?mois=…[&region=…]): region by region, then a region's
// zones with the working days left without a doctor, so that the ARS can look for volunteers.
// The same operations as GET /v1/coverage/regions and GET /v1/coverage, one query each.
import { scopeOf } from '../../../domain/caller';
import type { Context } from 'hono';
import { coverageByRegion, coverageByZone, type CoverageTotals } from '../../../core/zone-stats/coverage';
import { isMonth } from '../../../domain/public-holidays';
import { regionName } from '../../../domain/regions';
import { NATIONAL } from '../../../domain/region-scope';
import { localDate } from '../../../domain/time';
import type { AppEnv } from '../../../app-env';
import { MonthForm, DataTable } from './ars.components';
import { Notice } from '../../components';
import { arsPage } from './ars.frame';
import { frenchDate, frenchMonth, percent, shiftMonth } from './ars.format';
import { callerOf } from '../../../middleware/require-role';

const days = (n: number) => `${n} jour${n > 1 ? 's' : ''}`;

function Totals({ totals, what }: { totals: CoverageTotals; what: string }) {
  return (
    <p class="fr-text--lead">
      {what} : {totals.coveredDays} jours couverts sur {totals.workingDays} jours ouvrés de zone ({percent(totals.rate)}
      ) ; {totals.fullyCoveredZones} zone
      {totals.fullyCoveredZones > 1 ? 's' : ''} sur {totals.zones} couverte{totals.fullyCoveredZones > 1 ? 's' : ''}{' '}
      chaque jour ouvré.
    </p>
  );
}

function MonthLinks({ month, region }: { month: string; region?: string }) {
  const href = (m: string) => `/ars/couverture?mois=${m}${region ? `&region=${region}` : ''}`;
  return (
    <ul class="fr-links-group fr-mb-4w">
      <li>
        <a class="fr-link" href={href(shiftMonth(month, -1))}>
          Mois précédent ({frenchMonth(shiftMonth(month, -1))})
        </a>
      </li>
      <li>
        <a class="fr-link" href={href(shiftMonth(month, 1))}>
          Mois suivant ({frenchMonth(shiftMonth(month, 1))})
        </a>
      </li>
    </ul>
  );
}

async function regionsView(c: Context<AppEnv>, month: string) {
  const { regions, totals } = await coverageByRegion(c.var.db, month, c.var.now, scopeOf(callerOf(c)));
  return (
    <>
      <Totals totals={totals} what={scopeOf(callerOf(c)) === NATIONAL ? 'France entière' : 'Vos régions'} />
      <DataTable
        caption={<>Couverture par région, {frenchMonth(month)}</>}
        columns={[
          'Région',
          'Zones',
          'Jours ouvrés de zone',
          'Jours couverts',
          'Taux',
          'Zones couvertes chaque jour',
          'Jours avec au moins une zone sans médecin',
        ]}
      >
        {regions.map((r) => (
          <tr>
            <th scope="row">
              {r.region.code ? (
                <a href={`/ars/couverture?mois=${month}&region=${r.region.code}`}>{r.region.name}</a>
              ) : (
                r.region.name
              )}
            </th>
            <td>{r.zones}</td>
            <td>{r.workingDays}</td>
            <td>{r.coveredDays}</td>
            <td>{percent(r.rate)}</td>
            <td>{r.fullyCoveredZones}</td>
            <td>
              {r.uncoveredDays.length === 0 ? (
                'Aucun'
              ) : (
                <details>
                  <summary>{days(r.uncoveredDays.length)}</summary>
                  <ul>
                    {r.uncoveredDays.map((d) => (
                      <li>
                        {frenchDate(d.date, false)} : {d.zones} zone{d.zones > 1 ? 's' : ''} sans médecin
                      </li>
                    ))}
                  </ul>
                </details>
              )}
            </td>
          </tr>
        ))}
      </DataTable>
    </>
  );
}

async function zonesView(c: Context<AppEnv>, month: string, code: string, name: string) {
  const { zones, totals } = await coverageByZone(c.var.db, month, c.var.now, scopeOf(callerOf(c)), name);
  return (
    <>
      <Totals totals={totals} what={name} />
      <p>
        <a class="fr-link" href={`/ars/couverture?mois=${month}`}>
          Toutes les régions
        </a>
      </p>
      {zones.length === 0 ? <p>Cette région n’a aucune zone prioritaire ce mois-ci.</p> : null}
      {zones.length ? (
        <DataTable
          caption={
            <>
              Couverture des zones de {name}, {frenchMonth(month)}
            </>
          }
          columns={['Zone', 'Jours ouvrés', 'Jours couverts', 'Taux', 'Jours sans médecin']}
        >
          {zones.map((z) => (
            <tr>
              <th scope="row">
                <a href={`/ars/zones/${z.siren}`}>{z.name}</a>
              </th>
              <td>
                {z.workingDays}
                {z.holidays.length ? (
                  <span class="fr-hint-text">
                    Jours fériés exclus : {z.holidays.map((h) => `${frenchDate(h.date, false)} (${h.name})`).join(', ')}
                  </span>
                ) : null}
                {z.designatedOn > `${month}-01` ? (
                  <span class="fr-hint-text">Zone désignée le {frenchDate(z.designatedOn)}</span>
                ) : null}
              </td>
              <td>{z.coveredDays}</td>
              <td>{percent(z.rate)}</td>
              <td>
                {z.uncoveredDays.length === 0 ? (
                  'Aucun'
                ) : (
                  <details>
                    <summary>{days(z.uncoveredDays.length)}</summary>
                    <ul>
                      {z.uncoveredDays.map((d) => (
                        <li>{frenchDate(d, false)}</li>
                      ))}
                    </ul>
                  </details>
                )}
              </td>
            </tr>
          ))}
        </DataTable>
      ) : null}
      <p class="fr-text--sm">Code région INSEE : {code}.</p>
    </>
  );
}

export async function coveragePage(c: Context<AppEnv>) {
  const asked = c.req.query('mois')?.trim();
  const scope = scopeOf(callerOf(c));
  // An officer of one region lands on its zones; of several, or national, on their regions.
  const region = c.req.query('region')?.trim() || (scope !== NATIONAL && scope?.length === 1 ? scope[0] : undefined);
  const current = localDate(c.var.now, 'Europe/Paris').slice(0, 7);
  const month = asked || current;
  const name = region === undefined ? undefined : regionName(region);
  const badMonth = !isMonth(month);
  const badRegion = region !== undefined && name === undefined;
  const hidden: Record<string, string> = region && name ? { region } : {};
  const title = `${badMonth || badRegion ? 'Erreur – ' : ''}Couverture${name ? ` – ${name}` : ''}`;
  return arsPage(
    c,
    title,
    '/ars/couverture',
    <>
      <h1>
        Couverture{name ? ` – ${name}` : ''}
        {badMonth ? '' : `, ${frenchMonth(month)}`}
      </h1>
      <p>
        Les jours ouvrés (du lundi au vendredi, jours fériés du territoire exclus) où au moins une journée de mission
        est tenue ou prévue, sur ceux du mois. Un jour dont le médecin n’est jamais arrivé ne compte pas.
      </p>
      {badRegion ? (
        <Notice kind="error">La région demandée n’existe pas. Choisissez-en une dans le tableau des régions.</Notice>
      ) : null}
      <MonthForm
        action="/ars/couverture"
        month={badMonth ? month.slice(0, 20) : month}
        error={badMonth ? 'Indiquez un mois au format AAAA-MM, par exemple 2026-12.' : undefined}
        hidden={hidden}
        submit="Afficher la couverture"
      />
      {badMonth || badRegion ? null : (
        <>
          <MonthLinks month={month} region={name ? region : undefined} />
          {name ? await zonesView(c, month, region!, name) : await regionsView(c, month)}
        </>
      )}
    </>,
    badMonth || badRegion ? 400 : 200,
  );
}
