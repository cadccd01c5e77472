// The frame of every patient page: DSFR header with the République française block and the
// service name, skip links, one <main>, and the footer with the ways into the professionals'
// spaces, the mandatory links and the honest accessibility mention. No inline script or style: the
// CSP allows only this origin's files.
import type { Child } from 'hono/jsx';
import { SPACES } from './staff/spaces';

export const SERVICE_NAME = 'Un médecin près de chez vous';
/** The conformance mention, as the footer and the declaration state it (RGAA: no audit yet → "non conforme"). */
export const CONFORMANCE = 'non conforme';

export interface LayoutProps {
  /** The page's own title, first, then the service: "Choisir un créneau – étape 1 sur 4". */
  title: string;
  children: Child;
  /** Our small enhancement scripts under /pages/ (progressive: the page works without them). */
  scripts?: string[];
  /** Our own stylesheets under /pages/, after DSFR's. */
  styles?: string[];
  /** What the staff spaces show under the header: their name, the person, the sign-out, their menu. */
  banner?: Child;
}

export function Header() {
  return (
    <header role="banner" class="fr-header">
      <div class="fr-header__body">
        <div class="fr-container">
          <div class="fr-header__body-row">
            <div class="fr-header__brand fr-enlarge-link">
              <div class="fr-header__brand-top">
                <div class="fr-header__logo">
                  <p class="fr-logo">
                    République
                    <br />
                    Française
                  </p>
                </div>
              </div>
              <div class="fr-header__service">
                <a href="/" title={`Accueil - ${SERVICE_NAME}`}>
                  <p class="fr-header__service-title">{SERVICE_NAME}</p>
                </a>
                <p class="fr-header__service-tagline">Des médecins généralistes volontaires consultent là où il en manque</p>
              </div>
            </div>
          </div>
        </div>
      </div>
    </header>
  );
}

function Footer() {
  return (
    <footer class="fr-footer" role="contentinfo" id="pied-de-page">
      <div class="fr-footer__top">
        <div class="fr-container">
          <div class="fr-grid-row fr-grid-row--start fr-grid-row--gutters">
            <div class="fr-col-12">
              <h2 class="fr-footer__top-cat">Espace professionnels</h2>
              <ul class="fr-footer__top-list">
                {Object.values(SPACES).map((space) => (
                  <li>
                    <a class="fr-footer__top-link" href={space.path}>
                      {space.name}
                    </a>
                  </li>
                ))}
              </ul>
            </div>
          </div>
        </div>
      </div>
      <div class="fr-container">
        <div class="fr-footer__body">
          <div class="fr-footer__brand fr-enlarge-link">
            <a href="/" title={`Retour à l’accueil - ${SERVICE_NAME} - République Française`}>
              <p class="fr-logo">
                République
                <br />
                Française
              </p>
            </a>
          </div>
          <div class="fr-footer__content">
            <p class="fr-footer__content-desc">
              {SERVICE_NAME} est un service du ministère chargé de la Santé. Les consultations sont au tarif de la Sécurité sociale, sans
              dépassement d’honoraires.
            </p>
            <ul class="fr-footer__content-list">
              <li class="fr-footer__content-item">
                <a class="fr-footer__content-link" href="https://www.info.gouv.fr">info.gouv.fr</a>
              </li>
              <li class="fr-footer__content-item">
                <a class="fr-footer__content-link" href="https://www.service-public.fr">service-public.fr</a>
              </li>
              <li class="fr-footer__content-item">
                <a class="fr-footer__content-link" href="https://www.legifrance.gouv.fr">legifrance.gouv.fr</a>
              </li>
              <li class="fr-footer__content-item">
                <a class="fr-footer__content-link" href="https://www.data.gouv.fr">data.gouv.fr</a>
              </li>
            </ul>
          </div>
        </div>
        <div class="fr-footer__bottom">
          <ul class="fr-footer__bottom-list">
            <li class="fr-footer__bottom-item">
              <a class="fr-footer__bottom-link" href="/accessibilite">
                Accessibilité : {CONFORMANCE}
              </a>
            </li>
            <li class="fr-footer__bottom-item">
              <a class="fr-footer__bottom-link" href="/mentions-legales">
                Mentions légales
              </a>
            </li>
            <li class="fr-footer__bottom-item">
              <a class="fr-footer__bottom-link" href="/donnees-personnelles">
                Données personnelles
              </a>
            </li>
          </ul>
          <div class="fr-footer__bottom-copy">
            <p>
              Sauf mention contraire, les contenus de ce site sont proposés sous{' '}
              <a href="https://github.com/etalab/licence-ouverte/blob/master/LO.md">licence etalab-2.0</a>
            </p>
          </div>
        </div>
      </div>
    </footer>
  );
}

export function Layout({ title, children, scripts = [], styles = [], banner }: LayoutProps) {
  return (
    <html lang="fr" data-fr-scheme="light">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} – ${SERVICE_NAME}`}</title>
        <link rel="stylesheet" href="/dsfr/dsfr-pages.css" />
        {styles.map((href) => (
          <link rel="stylesheet" href={href} />
        ))}
        <link rel="icon" href="/dsfr/favicon/favicon.svg" type="image/svg+xml" />
        <link rel="apple-touch-icon" href="/dsfr/favicon/apple-touch-icon.png" />
        {scripts.map((src) => (
          <script type="module" src={src}></script>
        ))}
      </head>
      <body>
        <div class="fr-skiplinks">
          <nav class="fr-container" role="navigation" aria-label="Accès rapide">
            <ul class="fr-skiplinks__list">
              <li>
                <a class="fr-link" href="#contenu">
                  Contenu
                </a>
              </li>
              <li>
                <a class="fr-link" href="#pied-de-page">
                  Pied de page
                </a>
              </li>
            </ul>
          </nav>
        </div>
        <Header />
        {banner}
        <main role="main" id="contenu" tabindex={-1} class="fr-container fr-py-6w">
          {children}
        </main>
        <Footer />
      </body>
    </html>
  );
}
