// Priority zones of the officer's regions: the list by name with each zone's source, designating one
// (found by its name and confirmed: designate.page.tsx; POST /ars/zones) and withdrawing one without sites (GET /ars/zones/{siren}/retirer says what it does and asks to
// confirm; the POST withdraws), through the core operations the API's POST/DELETE
// /v1/zones/{siren}/priority run.
import { scopeOf } from '../../../domain/caller';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { withdrawPriorityZone } from '../../../core/zones/zones.operations';
import { priorityZonesWithSources, zoneOfRegions, zoneSiteCount } from '../../../core/zones/zones.queries';
import { localDate } from '../../../domain/time';
import type { AppEnv } from '../../../app-env';
import { DataTable } from './ars.components';
import { Notice } from '../../components';
import { CsrfField, arsPage, arsRefusal } from './ars.frame';
import { ZoneSearchForm } from './designate.page';
import { frenchDate } from './ars.format';
import { callerOf } from '../../../middleware/require-role';

const PAGE_SIZE = 50;
const SIREN = /^\d{9}$/;

interface FormState {
  notice?: { kind: 'success' | 'error'; text: string };
}

async function render(c: Context<AppEnv>, state: FormState, status: ContentfulStatusCode = 200) {
  const after = c.req.query('apres');
  const rows = await priorityZonesWithSources(
    c.var.db,
    scopeOf(callerOf(c)),
    after && SIREN.test(after) ? after : undefined,
    PAGE_SIZE + 1,
  );
  const zones = rows.slice(0, PAGE_SIZE);
  const designatedSiren = c.req.query('designee');
  const designated =
    designatedSiren && SIREN.test(designatedSiren)
      ? await zoneOfRegions(c.var.db, designatedSiren, scopeOf(callerOf(c)))
      : undefined;
  const withdrawn = c.req.query('retiree');
  const imported = c.req.query('importees');
  return arsPage(
    c,
    'Zones prioritaires',
    '/ars/zones',
    <>
      <h1>Zones prioritaires</h1>
      {designated ? (
        <Notice kind="success">
          {designated.name} est désormais une zone prioritaire.{' '}
          <a href={`/ars/zones/${designated.siren}`}>Voir ses chiffres</a>
        </Notice>
      ) : null}
      {withdrawn && SIREN.test(withdrawn) ? (
        <Notice kind="success">L’intercommunalité {withdrawn} n’est plus une zone prioritaire.</Notice>
      ) : null}
      {imported && /^\d{1,3}$/.test(imported) ? (
        <Notice kind="success">
          {imported === '1' ? '1 zone est désormais prioritaire.' : `${imported} zones sont désormais prioritaires.`}
        </Notice>
      ) : null}
      {state.notice ? <Notice kind={state.notice.kind}>{state.notice.text}</Notice> : null}
      <h2>Désigner une zone</h2>
      <ZoneSearchForm />
      <p>
        <a class="fr-link fr-icon-upload-line fr-link--icon-left" href="/ars/zones/import">
          Importer plusieurs zones depuis un fichier CSV
        </a>
      </p>
      <h2>Les zones désignées</h2>
      {zones.length === 0 ? <p>Vos régions n’ont aucune zone prioritaire.</p> : null}
      {zones.length ? (
        <DataTable
          caption="Zones prioritaires de vos régions, par nom"
          columns={['Zone', 'SIREN', 'Région', 'Source, date', 'Lieux', 'Actions']}
        >
          {zones.map((z) => (
            <tr>
              <th scope="row">{z.name}</th>
              <td>{z.siren}</td>
              <td>{z.region}</td>
              <td>
                {z.source}, le {frenchDate(localDate(z.designatedAt, 'Europe/Paris'))}
              </td>
              <td>{z.sites}</td>
              <td>
                <ul class="fr-links-group">
                  <li>
                    <a class="fr-link" href={`/ars/zones/${z.siren}`} aria-label={`Chiffres de ${z.name}`}>
                      Chiffres
                    </a>
                  </li>
                  <li>
                    <a class="fr-link" href={`/ars/sites?zone=${z.siren}`} aria-label={`Lieux de ${z.name}`}>
                      Lieux
                    </a>
                  </li>
                </ul>
                {z.sites === 0 ? (
                  <a
                    class="fr-btn fr-btn--tertiary fr-btn--sm"
                    href={`/ars/zones/${z.siren}/retirer`}
                    aria-label={`Retirer ${z.name} des zones prioritaires`}
                  >
                    Retirer
                  </a>
                ) : null}
              </td>
            </tr>
          ))}
        </DataTable>
      ) : null}
      {rows.length > PAGE_SIZE ? (
        <p>
          <a class="fr-link" href={`/ars/zones?apres=${zones[zones.length - 1].siren}`}>
            Zones suivantes
          </a>
        </p>
      ) : null}
      <p class="fr-text--sm">Une zone qui a des lieux de consultation ne peut pas être retirée.</p>
    </>,
    status,
  );
}

export const zonesPage = (c: Context<AppEnv>) => render(c, {});

const notAZone = (c: Context<AppEnv>) =>
  arsRefusal(c, 404, 'Zone introuvable', 'Cette adresse ne désigne aucune zone prioritaire.', {
    href: '/ars/zones',
    label: 'Revenir aux zones prioritaires',
  });

/** Before withdrawing a zone: what it changes, and a button to confirm (a slip of the finger withdrew it at once). */
export async function withdrawConfirmPage(c: Context<AppEnv>) {
  const siren = c.req.param('siren') ?? '';
  const zone = SIREN.test(siren) ? await zoneOfRegions(c.var.db, siren, scopeOf(callerOf(c))) : undefined;
  if (!zone?.priority) return notAZone(c);
  if ((await zoneSiteCount(c.var.db, siren)) > 0) {
    return arsRefusal(
      c,
      409,
      'Retrait impossible',
      `La zone ${zone.name} a des lieux de consultation : elle reste une zone prioritaire.`,
      { href: '/ars/zones', label: 'Revenir aux zones prioritaires' },
    );
  }
  return arsPage(
    c,
    `Retirer ${zone.name} des zones prioritaires`,
    '/ars/zones',
    <>
      <h1>Retirer {zone.name} des zones prioritaires ?</h1>
      <p>
        L’intercommunalité {zone.name} (SIREN {zone.siren}) ne sera plus une zone prioritaire : aucun lieu de
        consultation ne pourra plus y être ajouté, et elle ne comptera plus dans la couverture de sa région.
      </p>
      <p>Vous pourrez la désigner à nouveau, avec sa source.</p>
      <form method="post" action={`/ars/zones/${zone.siren}/retirer`}>
        <CsrfField c={c} />
        <ul class="fr-btns-group fr-btns-group--inline-md">
          <li>
            <button class="fr-btn" type="submit">
              Confirmer le retrait
            </button>
          </li>
          <li>
            <a class="fr-btn fr-btn--secondary" href="/ars/zones">
              Garder cette zone
            </a>
          </li>
        </ul>
      </form>
    </>,
  );
}

export async function withdrawPage(c: Context<AppEnv>) {
  const siren = c.req.param('siren') ?? '';
  if (!SIREN.test(siren)) return notAZone(c);
  const outcome = await withdrawPriorityZone(c.var.db, siren, scopeOf(callerOf(c)), c.var.now, callerOf(c).sub);
  if (outcome === 'withdrawn') return c.redirect(`/ars/zones?retiree=${siren}`, 303);
  if (outcome === 'has_sites')
    return render(
      c,
      {
        notice: {
          kind: 'error',
          text: `La zone ${siren} a des lieux de consultation : elle reste une zone prioritaire.`,
        },
      },
      409,
    );
  return render(
    c,
    {
      notice: { kind: 'error', text: `L’intercommunalité ${siren} n’est pas une zone prioritaire : rien n’a changé.` },
    },
    404,
  );
}
