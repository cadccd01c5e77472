// `/`: find a slot near home, by commune name or postcode. Suggestions while typing come from
// /pages/suggest.js (GET /v1/communes?q=); without JavaScript the results page offers the choice.
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { NearCommune } from '../core/communes/nearest-names';
import type { AppEnv } from '../app-env';
import { SearchForm } from './components';
import { Layout } from './layout';
import { renderPage } from './render';

export const SUGGEST_SCRIPT = '/pages/suggest.js';

interface HomeProps {
  value?: string;
  error?: string;
  /** Communes whose names are close to a misspelt one, each a link to its slots. */
  nearNames?: NearCommune[];
}

export function HomeView({ value, error, nearNames = [] }: HomeProps) {
  return (
    <Layout
      title={error ? 'Erreur : chercher un créneau' : 'Trouver un médecin près de chez vous'}
      scripts={[SUGGEST_SCRIPT]}
    >
      <h1>Trouver un médecin près de chez vous</h1>
      <p class="fr-text--lead">
        Dans les communes où il manque des médecins, des médecins généralistes volontaires viennent consulter quelques
        jours par mois. Cherchez un créneau libre près de chez vous.
      </p>
      {error ? (
        <div class="fr-alert fr-alert--error fr-mb-4w" role="alert">
          <h2 class="fr-alert__title">Il y a une erreur dans le formulaire</h2>
          <ul>
            <li>
              <a href="#q">{error}</a>
            </li>
          </ul>
        </div>
      ) : null}
      {nearNames.length > 0 ? (
        <nav class="fr-mb-4w" aria-labelledby="noms-proches">
          <h2 id="noms-proches" class="fr-h4">
            Vouliez-vous dire :
          </h2>
          <ul>
            {nearNames.map((commune) => (
              <li>
                <a class="fr-link fr-link--lg" href={`/recherche?commune=${commune.insee}`}>
                  {commune.name} ({commune.postcodes.join(', ') || `département ${commune.departement}`})
                </a>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      <SearchForm value={value} error={error} />
      <h2 class="fr-mt-6w">Comment ça se passe ?</h2>
      <ul>
        <li>Vous choisissez un créneau. Nous le gardons pour vous pendant 5 minutes.</li>
        <li>Vous vous identifiez avec FranceConnect, puis vous indiquez votre numéro de téléphone.</li>
        <li>Vous recevez un rappel la veille du rendez-vous.</li>
        <li>Consultation au tarif de la Sécurité sociale, sans dépassement d’honoraires.</li>
      </ul>
    </Layout>
  );
}

export const homePage = (c: Context<AppEnv>, props: HomeProps = {}, status: ContentfulStatusCode = 200) =>
  renderPage(c, <HomeView {...props} />, status);
