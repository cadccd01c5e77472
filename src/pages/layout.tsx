// The frame of every patient page: DSFR header with the République française block and the
// service name, skip links, one <main>, and the footer with the ways into the professionals'
// spaces, the mandatory links and the honest accessibility mention. No inline script or style: the
// CSP allows only this origin's files.
import { useContext, type Child } from 'hono/jsx';
import { CSRF_FIELD } from './sign-in/csrf';
import { readablePhone } from '../domain/phone';
import { PageFrameContext } from './page-frame';
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
  /** A staff space's frame in the header, instead of the patient's shortcuts. */
  staff?: StaffFrame;
}

/**
 * What a staff space puts in the header (staff-layout.tsx): its name under the service's, the
 * person's sign-out in the tools links and its menu in DSFR's navigation from 992 px; below that
 * width, where DSFR would hide both behind a scripted menu button, one compact row that works
 * without JavaScript.
 */
export interface StaffFrame {
  spaceName: string;
  tools: Child;
  menu: Child;
  compact: Child;
}

/**
 * The patient's shortcuts: the call centre (for those who would rather call), "Mes rendez-vous",
 * and signing out when signed in. DSFR's header shows its tools links from 992 px and moves them
 * into a scripted menu below: on phones the same links stand as a row under the header instead,
 * so that they work without the menu's script.
 */
function QuickAccess({ where }: { where: 'header' | 'below' }) {
  const { patient, callCentre } = useContext(PageFrameContext);
  const button = where === 'header' ? 'fr-btn' : 'fr-btn fr-btn--tertiary-no-outline';
  return (
    <ul class={where === 'header' ? 'fr-btns-group' : 'fr-btns-group fr-btns-group--inline'}>
      {callCentre ? (
        <li>
          <a class={button} href={`tel:${callCentre}`}>
            Par téléphone : {readablePhone(callCentre)}
          </a>
        </li>
      ) : null}
      <li>
        <a class={button} href="/mes-rendez-vous">
          Mes rendez-vous
        </a>
      </li>
      {patient ? (
        <li>
          <form method="post" action="/deconnexion">
            <input type="hidden" name={CSRF_FIELD} value={patient.csrf} />
            <button type="submit" class={button}>
              Se déconnecter
            </button>
          </form>
        </li>
      ) : null}
    </ul>
  );
}

export function Header({ staff }: { staff?: StaffFrame }) {
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
                <p class="fr-header__service-tagline">
                  {staff ? staff.spaceName : 'Des médecins généralistes volontaires consultent là où il en manque'}
                </p>
              </div>
            </div>
            <div class="fr-header__tools">
              <div class="fr-header__tools-links">{staff ? staff.tools : <QuickAccess where="header" />}</div>
            </div>
          </div>
        </div>
      </div>
      {staff ? <div class="fr-header__menu fr-hidden fr-unhidden-lg">{staff.menu}</div> : null}
      <div class="fr-container fr-hidden-lg">{staff ? staff.compact : <QuickAccess where="below" />}</div>
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
              {SERVICE_NAME} est un service du ministère chargé de la Santé. Les consultations sont au tarif de la
              Sécurité sociale, sans dépassement d’honoraires.
            </p>
            <ul class="fr-footer__content-list">
              <li class="fr-footer__content-item">
                <a class="fr-footer__content-link" href="https://www.info.gouv.fr">
                  info.gouv.fr
                </a>
              </li>
              <li class="fr-footer__content-item">
                <a class="fr-footer__content-link" href="https://www.service-public.fr">
                  service-public.fr
                </a>
              </li>
              <li class="fr-footer__content-item">
                <a class="fr-footer__content-link" href="https://www.legifrance.gouv.fr">
                  legifrance.gouv.fr
                </a>
              </li>
              <li class="fr-footer__content-item">
                <a class="fr-footer__content-link" href="https://www.data.gouv.fr">
                  data.gouv.fr
                </a>
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

export function Layout({ title, children, scripts = [], styles = [], staff }: LayoutProps) {
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
        <Header staff={staff} />
        <main role="main" id="contenu" tabindex={-1} class="fr-container fr-py-6w">
          {children}
        </main>
        <Footer />
      </body>
    </html>
  );
}
