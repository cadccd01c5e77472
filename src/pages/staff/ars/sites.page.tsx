// Consultation sites: those of a zone of the officer's regions (GET /ars/sites?zone=…), adding one
// (/ars/sites/nouveau: the zone, then the commune picked among the zone's) and editing one
// (/ars/sites/{id}), through the core queries the API's /v1/sites operations use.
import { scopeOf } from '../../../domain/caller';
import type { Context } from 'hono';
import {
  communesOfZone,
  insertSite,
  siteOfRegions,
  sitesOfZone,
  toSite,
  updateSite,
} from '../../../core/sites/sites.queries';
import { priorityZoneNames } from '../../../core/zones/zones.queries';
import { readablePhone } from '../../../domain/phone';
import type { SiteKind } from '../../../domain/site-kinds';
import { Uuid } from '../../../lib/openapi';
import type { AppEnv } from '../../../app-env';
import { DataTable } from './ars.components';
import { Notice } from '../../components';
import { arsPage, arsRefusal, formText } from './ars.frame';
import { KIND_LABELS, SiteForm, emptySite, readSiteForm, siteErrors, storedPhone, type SiteValues } from './site-form';
import { callerOf } from '../../../middleware/require-role';

const SIREN = /^\d{9}$/;
const MAX_SITES = 100;

export async function sitesPage(c: Context<AppEnv>) {
  const db = c.var.db;
  const zoneParam = c.req.query('zone')?.trim();
  const zones = await priorityZoneNames(db, scopeOf(callerOf(c)));
  // The list opens on the first zone of the officer's regions, by name.
  const chosen =
    zoneParam && SIREN.test(zoneParam) ? zones.find((z) => z.siren === zoneParam) : zoneParam ? undefined : zones[0];
  const refused = zoneParam !== undefined && zoneParam !== '' && !chosen;
  const sites = chosen
    ? (await sitesOfZone(db, chosen.siren, undefined, MAX_SITES))
        .map(toSite)
        .sort((a, b) => a.name.localeCompare(b.name, 'fr'))
    : [];
  const added = c.req.query('ajoute');
  const edited = c.req.query('modifie');
  return arsPage(
    c,
    `${refused ? 'Erreur – ' : ''}Lieux de consultation${chosen ? ` – ${chosen.name}` : ''}`,
    '/ars/sites',
    <>
      <h1>Lieux de consultation{chosen ? ` – ${chosen.name}` : ''}</h1>
      {added ? <Notice kind="success">Le lieu est ajouté.</Notice> : null}
      {edited ? <Notice kind="success">Le lieu est modifié.</Notice> : null}
      {refused ? (
        <Notice kind="error">
          Cette zone n’est pas une zone prioritaire de vos régions. Choisissez-en une dans la liste.
        </Notice>
      ) : null}
      {zones.length === 0 ? <p>Vos régions n’ont encore aucune zone prioritaire : désignez-en une d’abord.</p> : null}
      <form method="get" action="/ars/sites" class="fr-mb-4w">
        <div class="fr-select-group">
          <label class="fr-label" for="zone">
            Zone prioritaire
          </label>
          <select class="fr-select" id="zone" name="zone">
            {zones.map((z) => (
              <option value={z.siren} selected={chosen?.siren === z.siren}>
                {z.name} ({z.siren})
              </option>
            ))}
          </select>
        </div>
        <button class="fr-btn fr-btn--secondary" type="submit">
          Afficher les lieux de cette zone
        </button>
      </form>
      <p>
        <a class="fr-btn" href={`/ars/sites/nouveau${chosen ? `?zone=${chosen.siren}` : ''}`}>
          Ajouter un lieu
        </a>
      </p>
      {chosen && sites.length === 0 ? <p>Cette zone n’a encore aucun lieu de consultation.</p> : null}
      {sites.length ? (
        <DataTable caption={<>Lieux de {chosen!.name}</>} columns={['Lieu', 'Adresse', 'Type', 'Téléphone', 'Action']}>
          {sites.map((s) => (
            <tr>
              <th scope="row">{s.name}</th>
              <td>
                {s.address}, {s.commune.name}
              </td>
              <td>{KIND_LABELS[s.kind as SiteKind]}</td>
              <td>{readablePhone(s.phone)}</td>
              <td>
                <a class="fr-link" href={`/ars/sites/${s.id}`} aria-label={`Modifier ${s.name}`}>
                  Modifier
                </a>
              </td>
            </tr>
          ))}
        </DataTable>
      ) : null}
    </>,
    refused ? 400 : 200,
  );
}

type Zone = { siren: string; name: string };

/** The first step: which zone the new site is in (a GET form, so that its communes can be listed). */
function zoneChoiceView(c: Context<AppEnv>, zones: Zone[], refused: boolean) {
  return arsPage(
    c,
    `${refused ? 'Erreur – ' : ''}Ajouter un lieu – choisir la zone`,
    undefined,
    <>
      <h1>Ajouter un lieu de consultation</h1>
      {refused ? (
        <Notice kind="error">
          Cette zone n’est pas une zone prioritaire de vos régions. Choisissez-en une dans la liste.
        </Notice>
      ) : null}
      {zones.length === 0 ? (
        <p>Vos régions n’ont encore aucune zone prioritaire : désignez-en une d’abord.</p>
      ) : (
        <form method="get" action="/ars/sites/nouveau">
          <div class="fr-select-group">
            <label class="fr-label" for="zone">
              Zone prioritaire du lieu
              <span class="fr-hint-text">Vous choisirez ensuite la commune parmi celles de cette zone.</span>
            </label>
            <select class="fr-select" id="zone" name="zone">
              {zones.map((z) => (
                <option value={z.siren}>{z.name}</option>
              ))}
            </select>
          </div>
          <button class="fr-btn" type="submit">
            Continuer avec cette zone
          </button>
        </form>
      )}
    </>,
    refused ? 400 : 200,
  );
}

async function newSiteView(
  c: Context<AppEnv>,
  zone: Zone,
  values: SiteValues,
  errors: Record<string, string>,
  status: 200 | 400 | 422 = 200,
) {
  const communes = await communesOfZone(c.var.db, zone.siren);
  return arsPage(
    c,
    `${Object.keys(errors).length ? 'Erreur – ' : ''}Ajouter un lieu – ${zone.name}`,
    undefined,
    <>
      <h1>Ajouter un lieu de consultation à {zone.name}</h1>
      <p>Les champs marqués « obligatoire » sont à remplir.</p>
      <SiteForm
        c={c}
        action="/ars/sites/nouveau"
        values={values}
        errors={errors}
        zone={zone}
        communes={communes}
        submit="Ajouter ce lieu"
      />
      <p>
        <a class="fr-link" href="/ars/sites/nouveau">
          Choisir une autre zone
        </a>
      </p>
    </>,
    status,
  );
}

/** The zone named by `siren`, if it is a priority zone of the officer's regions. */
async function zoneOf(c: Context<AppEnv>, siren: string | undefined): Promise<{ zones: Zone[]; zone?: Zone }> {
  const zones = await priorityZoneNames(c.var.db, scopeOf(callerOf(c)));
  return { zones, zone: siren && SIREN.test(siren) ? zones.find((z) => z.siren === siren) : undefined };
}

export async function newSitePage(c: Context<AppEnv>) {
  const siren = c.req.query('zone')?.trim();
  const { zones, zone } = await zoneOf(c, siren);
  return zone ? newSiteView(c, zone, emptySite, {}) : zoneChoiceView(c, zones, !!siren);
}

export async function createSitePage(c: Context<AppEnv>) {
  const values = await readSiteForm(c);
  const { zones, zone } = await zoneOf(c, formText(await c.req.parseBody(), 'zone'));
  if (!zone) return zoneChoiceView(c, zones, true);
  const errors = siteErrors(values, true);
  if (Object.keys(errors).length) return newSiteView(c, zone, values, errors, 400);
  const db = c.var.db;
  const id = crypto.randomUUID();
  const site = {
    name: values.name,
    address: values.address,
    communeInsee: values.communeInsee,
    kind: values.kind as SiteKind,
    phone: storedPhone(values.phone),
    finess: values.finess || undefined,
    accessibility: values.accessibility || undefined,
  };
  // The commune comes from the zone's list; one from elsewhere (an altered form) is refused as not in it.
  const inZone = (await communesOfZone(db, zone.siren)).some((commune) => commune.insee === values.communeInsee);
  if (!inZone || !(await insertSite(db, id, site, c.var.now, scopeOf(callerOf(c))))) {
    return newSiteView(
      c,
      zone,
      values,
      { communeInsee: `Choisissez la commune dans la liste : elle doit être une commune de ${zone.name}.` },
      422,
    );
  }
  return c.redirect(`/ars/sites?zone=${zone.siren}&ajoute=${id}`, 303);
}

async function siteOf(c: Context<AppEnv>) {
  const id = Uuid.safeParse(c.req.param('id'));
  if (!id.success) return undefined;
  const [site] = await siteOfRegions(c.var.db, id.data, scopeOf(callerOf(c)));
  return site ? toSite(site) : undefined;
}

type Site = NonNullable<Awaited<ReturnType<typeof siteOf>>>;

function editView(
  c: Context<AppEnv>,
  site: Site,
  values: SiteValues,
  errors: Record<string, string>,
  status: 200 | 400 = 200,
) {
  return arsPage(
    c,
    `${Object.keys(errors).length ? 'Erreur – ' : ''}Modifier ${site.name}`,
    undefined,
    <>
      <h1>Modifier {site.name}</h1>
      <SiteForm
        c={c}
        action={`/ars/sites/${site.id}`}
        values={values}
        errors={errors}
        commune={`${site.commune.name} (${site.commune.insee}), zone ${site.epci.name}`}
        submit="Enregistrer les modifications"
      />
      <p>
        <a class="fr-link" href={`/ars/sites?zone=${site.epci.siren}`}>
          Revenir aux lieux de {site.epci.name} sans rien changer
        </a>
      </p>
    </>,
    status,
  );
}

const notFound = (c: Context<AppEnv>) =>
  arsRefusal(c, 404, 'Lieu introuvable', 'Ce lieu de consultation n’existe pas.', {
    href: '/ars/sites',
    label: 'Revenir aux lieux de consultation',
  });

export async function editSitePage(c: Context<AppEnv>) {
  const site = await siteOf(c);
  if (!site) return notFound(c);
  const values: SiteValues = {
    name: site.name,
    address: site.address,
    communeInsee: site.commune.insee,
    kind: site.kind,
    phone: site.phone,
    finess: site.finess ?? '',
    accessibility: site.accessibility ?? '',
  };
  return editView(c, site, values, {});
}

export async function updateSitePage(c: Context<AppEnv>) {
  const site = await siteOf(c);
  if (!site) return notFound(c);
  const values = { ...(await readSiteForm(c)), communeInsee: site.commune.insee };
  const errors = siteErrors(values, false);
  if (Object.keys(errors).length) return editView(c, site, values, errors, 400);
  const changes = {
    name: values.name,
    address: values.address,
    kind: values.kind as SiteKind,
    phone: storedPhone(values.phone),
    finess: values.finess || null,
    accessibility: values.accessibility || null,
  };
  if (!(await updateSite(c.var.db, site.id, changes, scopeOf(callerOf(c))))) return notFound(c);
  return c.redirect(`/ars/sites?zone=${site.epci.siren}&modifie=${site.id}`, 303);
}
