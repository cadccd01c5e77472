// Mentions légales (loi n° 2004-575 pour la confiance dans l'économie numérique, art. 6).
import { Layout, SERVICE_NAME } from '../layout';

export function MentionsLegales() {
  return (
    <Layout title="Mentions légales">
      <h1>Mentions légales</h1>
      <h2>Éditeur</h2>
      <p>
        {SERVICE_NAME} est édité par le ministère chargé de la Santé, Direction générale de l’offre de soins (DGOS), 14
        avenue Duquesne, 75350 Paris 07 SP.
      </p>
      <h2>Directeur de la publication</h2>
      <p>Le directeur général de l’offre de soins.</p>
      <h2>Hébergement</h2>
      <p>
        Le service web est hébergé par Cloudflare, Inc., 101 Townsend Street, San Francisco, CA 94107, États-Unis ; la
        base de données par Neon, Inc.
      </p>
      <h2>Accessibilité</h2>
      <p>
        Notre engagement et l’état de conformité sont décrits dans la{' '}
        <a href="/accessibilite">déclaration d’accessibilité</a>.
      </p>
      <h2>Données personnelles</h2>
      <p>
        Ce que nous faisons de vos données est expliqué sur la page{' '}
        <a href="/donnees-personnelles">données personnelles</a>.
      </p>
      <h2>Réutilisation des contenus</h2>
      <p>
        Sauf mention contraire, les contenus de ce site sont sous licence etalab-2.0. Le Système de Design de l’État et
        la police Marianne sont réservés aux services de l’État.
      </p>
    </Layout>
  );
}
