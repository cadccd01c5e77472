// Designating a priority zone by its name, never by a code typed: GET /ars/zones/designer?nom=…
// lists the intercommunalités of the officer's regions whose name has the words typed; choosing one
// (?siren=…) shows its name, départements and region with the source to cite, and only the POST
// /ars/zones of that confirmation designates it, through the operation POST /v1/zones/{siren}/priority runs.
import { scopeOf } from '../../../domain/caller';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { designatePriorityZone } from '../../../core/zones/zones.operations';
import { epciByName, zoneOfRegions } from '../../../core/zones/zones.queries';
import type { AppEnv } from '../../../app-env';
import { ErrorSummary, Field, type FieldErrors } from './ars.components';
import { CsrfField, arsPage, arsRefusal, formText, hasNul } from './ars.frame';
import { callerOf } from '../../../middleware/require-role';

const SIREN = /^\d{9}$/;
const MAX_RESULTS = 20;
const LABELS = { nom: 'Nom de l’intercommunalité', source: 'Source de la désignation' };
const back = { href: '/ars/zones', label: 'Revenir aux zones prioritaires' };

/** The search that starts a designation: a GET form, so that it works without JavaScript. */
export function ZoneSearchForm({ value = '', error }: { value?: string; error?: string }) {
  return (
    <form method="get" action="/ars/zones/designer" class="fr-mb-6w" role="search">
      <Field
        id="nom"
        label={LABELS.nom}
        hint="Un ou plusieurs mots de son nom, par exemple : Cœur de Lozère"
        value={value}
        error={error}
        required
        maxlength={100}
      />
      <button class="fr-btn fr-btn--secondary" type="submit">
        Chercher l’intercommunalité
      </button>
    </form>
  );
}

async function searchView(c: Context<AppEnv>, words: string) {
  const error =
    words.length < 2 || words.length > 100 || hasNul(words)
      ? 'Tapez au moins deux lettres du nom (100 caractères au plus).'
      : undefined;
  const found = error ? [] : await epciByName(c.var.db, words, scopeOf(callerOf(c)), MAX_RESULTS);
  return arsPage(
    c,
    `${error ? 'Erreur – ' : ''}Désigner une zone – recherche`,
    '/ars/zones',
    <>
      <h1>Désigner une zone prioritaire</h1>
      <ErrorSummary errors={error ? { nom: error } : {}} labels={LABELS} />
      <ZoneSearchForm value={words} error={error} />
      {error ? null : (
        <>
          <h2 aria-live="polite">
            {found.length === 0
              ? `Aucune intercommunalité de vos régions ne porte « ${words} » dans son nom`
              : `Intercommunalités de vos régions dont le nom contient « ${words} »`}
          </h2>
          {found.length === MAX_RESULTS ? (
            <p>Seules les {MAX_RESULTS} premières sont montrées : précisez le nom.</p>
          ) : null}
          <ul>
            {found.map((e) => (
              <li>
                {e.priority ? (
                  <>
                    {e.name} ({e.departements.join(', ')}) : déjà une zone prioritaire
                  </>
                ) : (
                  <a href={`/ars/zones/designer?siren=${e.siren}`}>
                    {e.name} ({e.departements.join(', ')})
                  </a>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      <p>
        <a class="fr-link" href={back.href}>
          {back.label}
        </a>
      </p>
    </>,
    error ? 400 : 200,
  );
}

async function confirmView(
  c: Context<AppEnv>,
  siren: string,
  source: string,
  errors: FieldErrors,
  status: ContentfulStatusCode = 200,
) {
  const zone = SIREN.test(siren) ? await zoneOfRegions(c.var.db, siren, scopeOf(callerOf(c))) : undefined;
  if (!zone)
    return arsRefusal(
      c,
      404,
      'Intercommunalité introuvable',
      'Aucune intercommunalité de vos régions ne correspond : cherchez-la par son nom.',
      back,
    );
  if (zone.priority) {
    return arsRefusal(c, 409, `${zone.name} est déjà une zone prioritaire`, 'Rien n’a changé.', {
      href: `/ars/zones/${zone.siren}`,
      label: `Voir les chiffres de ${zone.name}`,
    });
  }
  return arsPage(
    c,
    `${Object.keys(errors).length ? 'Erreur – ' : ''}Désigner ${zone.name}`,
    '/ars/zones',
    <>
      <h1>Désigner {zone.name} comme zone prioritaire ?</h1>
      <p>
        {zone.name}, {zone.departements.length > 1 ? 'départements' : 'département'} {zone.departements.join(', ')},
        région {zone.region} (SIREN {zone.siren}). Une fois désignée, des lieux de consultation pourront y être ajoutés,
        et elle comptera dans la couverture de sa région.
      </p>
      <ErrorSummary errors={errors} labels={LABELS} />
      <form method="post" action="/ars/zones">
        <CsrfField c={c} />
        <input type="hidden" name="siren" value={zone.siren} />
        <Field
          id="source"
          label={LABELS.source}
          hint="Le texte qui la désigne, par exemple : Arrêté ARS Occitanie du 30 juin 2025"
          value={source}
          error={errors.source}
          required
          maxlength={500}
        />
        <ul class="fr-btns-group fr-btns-group--inline-md">
          <li>
            <button class="fr-btn" type="submit">
              Confirmer la désignation de {zone.name}
            </button>
          </li>
          <li>
            <a class="fr-btn fr-btn--secondary" href="/ars/zones">
              Ne rien désigner
            </a>
          </li>
        </ul>
      </form>
    </>,
    status,
  );
}

export function designateSearchPage(c: Context<AppEnv>) {
  const siren = c.req.query('siren')?.trim();
  if (siren !== undefined) return confirmView(c, siren, '', {});
  return searchView(c, c.req.query('nom')?.trim().replace(/\s+/g, ' ') ?? '');
}

export async function designatePage(c: Context<AppEnv>) {
  const form = await c.req.parseBody();
  const siren = formText(form, 'siren');
  const source = formText(form, 'source');
  if (source.length < 3 || source.length > 500 || hasNul(source)) {
    return confirmView(
      c,
      siren,
      source,
      { source: 'Indiquez le texte qui désigne la zone (de 3 à 500 caractères, sans caractère de contrôle).' },
      400,
    );
  }
  const result = SIREN.test(siren)
    ? await designatePriorityZone(c.var.db, siren, source, c.var.now, scopeOf(callerOf(c)), callerOf(c).sub)
    : { outcome: 'unknown_epci' as const };
  // An unknown or already designated zone: the confirmation page says which.
  if (result.outcome !== 'designated')
    return confirmView(c, siren, source, {}, result.outcome === 'unknown_epci' ? 404 : 409);
  return c.redirect(`/ars/zones?designee=${siren}`, 303);
}
