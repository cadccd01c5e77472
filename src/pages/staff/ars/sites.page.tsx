// Consultation sites: those of a zone (GET /ars/sites?zone=…), adding one (/ars/sites/nouveau) and
// editing one (/ars/sites/{id}), through the core queries the API's /v1/sites operations use.
import type { Context } from 'hono';
import { communesOfCode, insertSite, siteById, sitesOfZone, toSite, updateSite } from '../../../core/sites/sites.queries';
import { priorityZoneNames } from '../../../core/zones/zones.queries';
import { readablePhone } from '../../../domain/phone';
import type { SiteKind } from '../../../domain/site-kinds';
import { Uuid } from '../../../lib/openapi';
import type { AppEnv } from '../../../lib/types';
import { TableFrame } from './ars.components';
import { Notice } from '../../components';
import { arsPage, arsRefusal } from './ars.frame';
import { KIND_LABELS, SiteForm, emptySite, readSiteForm, siteErrors, storedPhone, type SiteValues } from './site-form';

const SIREN = /^\d{9}$/;
const MAX_SITES = 100;

export async function sitesPage(c: Context<AppEnv>) {
  const db = c.var.db.db;
  const zoneParam = c.req.query('zone')?.trim();
  const zones = await priorityZoneNames(db);
  const chosen = zoneParam && SIREN.test(zoneParam) ? zones.find((z) => z.siren === zoneParam) : undefined;
  const refused = zoneParam !== undefined && zoneParam !== '' && !chosen;
  const sites = chosen ? (await sitesOfZone(db, chosen.siren, undefined, MAX_SITES)).map(toSite) : [];
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
      {refused ? <Notice kind="error">Cette zone n’est pas une zone prioritaire. Choisissez-en une dans la liste.</Notice> : null}
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
        <TableFrame>
          <table>
            <caption>Lieux de {chosen!.name}</caption>
            <thead>
              <tr>
                <th scope="col">Lieu</th>
                <th scope="col">Adresse</th>
                <th scope="col">Type</th>
                <th scope="col">Téléphone</th>
                <th scope="col">Action</th>
              </tr>
            </thead>
            <tbody>
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
            </tbody>
          </table>
        </TableFrame>
      ) : null}
    </>,
    refused ? 400 : 200,
  );
}

function newSiteView(c: Context<AppEnv>, values: SiteValues, errors: Record<string, string>, status: 200 | 400 | 422 = 200) {
  return arsPage(
    c,
    `${Object.keys(errors).length ? 'Erreur – ' : ''}Ajouter un lieu`,
    undefined,
    <>
      <h1>Ajouter un lieu de consultation</h1>
      <p>Le lieu doit se trouver dans une commune d’une zone prioritaire. Les champs marqués « obligatoire » sont à remplir.</p>
      <SiteForm c={c} action="/ars/sites/nouveau" values={values} errors={errors} submit="Ajouter ce lieu" />
    </>,
    status,
  );
}

/**
 * Why no site could be added in the commune typed, in words. A postcode typed instead of the INSEE
 * code is said to be one, with the INSEE codes of its communes: read as an INSEE code, it often
 * names another commune, out of the zone, and the message blamed the zone.
 */
function communeRefusal(code: string, { byInsee, byPostcode }: Awaited<ReturnType<typeof communesOfCode>>): string {
  if (byPostcode.length > 0) {
    const names = byPostcode.map((commune) => `${commune.name} (code INSEE ${commune.insee})`).join(', ');
    return `${code} est le code postal de ${names}. Indiquez le code INSEE de la commune, pas son code postal.`;
  }
  if (byInsee) return `${byInsee.name} (code INSEE ${code}) n’est pas dans une zone prioritaire : désignez d’abord sa zone.`;
  return `Aucune commune n’a le code INSEE ${code}. Vérifiez-le : c’est le code de la commune à l’Insee, pas son code postal.`;
}

export const newSitePage = (c: Context<AppEnv>) => newSiteView(c, emptySite, {});

export async function createSitePage(c: Context<AppEnv>) {
  const values = await readSiteForm(c);
  const errors = siteErrors(values, true);
  if (Object.keys(errors).length) return newSiteView(c, values, errors, 400);
  const db = c.var.db.db;
  const id = crypto.randomUUID();
  const site = {
    name: values.name, address: values.address, communeInsee: values.communeInsee, kind: values.kind as SiteKind, phone: storedPhone(values.phone),
    finess: values.finess || undefined, accessibility: values.accessibility || undefined,
  };
  if (!(await insertSite(db, id, site, c.var.now))) {
    return newSiteView(c, values, { communeInsee: communeRefusal(values.communeInsee, await communesOfCode(db, values.communeInsee)) }, 422);
  }
  const [created] = await siteById(db, id);
  return c.redirect(`/ars/sites?zone=${created.epciSiren}&ajoute=${id}`, 303);
}

async function siteOf(c: Context<AppEnv>) {
  const id = Uuid.safeParse(c.req.param('id'));
  if (!id.success) return undefined;
  const [site] = await siteById(c.var.db.db, id.data);
  return site ? toSite(site) : undefined;
}

type Site = NonNullable<Awaited<ReturnType<typeof siteOf>>>;

function editView(c: Context<AppEnv>, site: Site, values: SiteValues, errors: Record<string, string>, status: 200 | 400 = 200) {
  return arsPage(
    c,
    `${Object.keys(errors).length ? 'Erreur – ' : ''}Modifier ${site.name}`,
    undefined,
    <>
      <h1>Modifier {site.name}</h1>
      <SiteForm c={c} action={`/ars/sites/${site.id}`} values={values} errors={errors} commune={`${site.commune.name} (${site.commune.insee}), zone ${site.epci.name}`} submit="Enregistrer les modifications" />
      <p>
        <a class="fr-link" href={`/ars/sites?zone=${site.epci.siren}`}>
          Revenir aux lieux de {site.epci.name} sans rien changer
        </a>
      </p>
    </>,
    status,
  );
}

const notFound = (c: Context<AppEnv>) => arsRefusal(c, 404, 'Lieu introuvable', 'Ce lieu de consultation n’existe pas.', { href: '/ars/sites', label: 'Revenir aux lieux de consultation' });

export async function editSitePage(c: Context<AppEnv>) {
  const site = await siteOf(c);
  if (!site) return notFound(c);
  const values: SiteValues = {
    name: site.name, address: site.address, communeInsee: site.commune.insee, kind: site.kind, phone: site.phone, finess: site.finess ?? '', accessibility: site.accessibility ?? '',
  };
  return editView(c, site, values, {});
}

export async function updateSitePage(c: Context<AppEnv>) {
  const site = await siteOf(c);
  if (!site) return notFound(c);
  const values = { ...(await readSiteForm(c)), communeInsee: site.commune.insee };
  const errors = siteErrors(values, false);
  if (Object.keys(errors).length) return editView(c, site, values, errors, 400);
  await updateSite(c.var.db.db, site.id, {
    name: values.name, address: values.address, kind: values.kind as SiteKind, phone: storedPhone(values.phone), finess: values.finess || null, accessibility: values.accessibility || null,
  });
  return c.redirect(`/ars/sites?zone=${site.epci.siren}&modifie=${site.id}`, 303);
}

