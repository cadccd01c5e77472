// Déclaration d'accessibilité, in the structure RGAA 4.1 prescribes. The mention is the honest
// one: no independent audit has been done yet, so the service declares itself "non conforme" and
// says what the automated and manual checks found.
import { CONFORMANCE, Layout, SERVICE_NAME } from '../layout';

export function Accessibilite() {
  return (
    <Layout title="Déclaration d’accessibilité">
      <h1>Déclaration d’accessibilité</h1>
      <p>
        Le ministère chargé de la Santé s’engage à rendre ses sites internet accessibles, conformément à l’article 47 de
        la loi n° 2005-102 du 11 février 2005. Cette déclaration s’applique au site {SERVICE_NAME}.
      </p>
      <h2>État de conformité</h2>
      <p>
        {SERVICE_NAME} est <strong>{CONFORMANCE}</strong> avec le référentiel général d’amélioration de l’accessibilité
        (RGAA), version 4.1, car il n’a pas encore été audité.
      </p>
      <h2>Résultats des tests</h2>
      <p>
        Aucun audit de conformité n’a encore été réalisé. En attendant, chaque page et chaque état (erreurs comprises)
        est vérifié à chaque modification par l’outil axe-core (critères WCAG 2.1 niveaux A et AA) : aucune erreur n’est
        relevée. Nous vérifions aussi la navigation au clavier seul, l’affichage sur un écran de 320 pixels de large et
        le fonctionnement sans JavaScript.
      </p>
      <h2>Contenus non accessibles</h2>
      <h3>Non-conformités</h3>
      <p>Aucune non-conformité n’est connue à ce jour. Un audit complet dira ce qu’il reste à corriger.</p>
      <h3>Dérogations pour charge disproportionnée</h3>
      <p>Aucune.</p>
      <h3>Contenus non soumis à l’obligation d’accessibilité</h3>
      <p>Aucun.</p>
      <h2>Établissement de cette déclaration d’accessibilité</h2>
      <p>Cette déclaration a été établie le 29 novembre 2026.</p>
      <h3>Technologies utilisées pour la réalisation du site</h3>
      <ul>
        <li>HTML5</li>
        <li>CSS (Système de Design de l’État)</li>
        <li>JavaScript (facultatif : chaque étape fonctionne sans)</li>
      </ul>
      <h3>Environnement de test</h3>
      <ul>
        <li>Chromium, avec et sans JavaScript, sur écran large et sur écran de 320 pixels</li>
      </ul>
      <h3>Outils pour évaluer l’accessibilité</h3>
      <ul>
        <li>axe-core (par @axe-core/playwright)</li>
      </ul>
      <h3>Pages du site ayant fait l’objet de la vérification de conformité</h3>
      <ul>
        <li>
          <a href="/">Accueil</a>
        </li>
        <li>Résultats de recherche, choix de la commune, détail d’un créneau</li>
        <li>
          <a href="/mentions-legales">Mentions légales</a>, <a href="/donnees-personnelles">Données personnelles</a>,
          cette déclaration
        </li>
        <li>Pages d’erreur</li>
      </ul>
      <h2>Retour d’information et contact</h2>
      <p>
        Si vous n’arrivez pas à accéder à un contenu ou à un service, écrivez-nous à
        accessibilite@medecin-pres-de-chez-vous.sante.gouv.fr pour être orienté vers une autre solution ou obtenir le
        contenu sous une autre forme.
      </p>
      <h2>Voies de recours</h2>
      <p>
        Si vous nous avez signalé un défaut d’accessibilité qui vous empêche d’accéder à un contenu ou à un service et
        que vous n’avez pas obtenu de réponse satisfaisante, vous pouvez :
      </p>
      <ul>
        <li>écrire un message au Défenseur des droits (formulaire en ligne sur www.defenseurdesdroits.fr) ;</li>
        <li>contacter le délégué du Défenseur des droits dans votre région ;</li>
        <li>
          envoyer un courrier par la poste (gratuit, ne pas mettre de timbre) : Défenseur des droits, Libre réponse
          71120, 75342 Paris CEDEX 07.
        </li>
      </ul>
    </Layout>
  );
}
