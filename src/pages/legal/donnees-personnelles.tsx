// Données personnelles: what is collected, why, for how long, and the patient's rights (RGPD art. 13).
import { RETENTION, frenchMonths } from '../../domain/retention';
import { Layout, SERVICE_NAME } from '../layout';

export function DonneesPersonnelles() {
  return (
    <Layout title="Données personnelles">
      <h1>Données personnelles</h1>
      <p class="fr-text--lead">
        {SERVICE_NAME} ne demande que ce qu’il faut pour vous donner un rendez-vous et vous le rappeler. Nous ne
        demandons jamais votre numéro de sécurité sociale.
      </p>
      <h2>Ce que nous enregistrons</h2>
      <ul>
        <li>Vos prénoms, votre nom et votre date de naissance, transmis par FranceConnect ou saisis par vous ;</li>
        <li>votre numéro de téléphone, et votre adresse électronique si vous la donnez ;</li>
        <li>vos rendez-vous : date, lieu, médecin, et s’ils ont été honorés ou annulés.</li>
      </ul>
      <p>
        Chaque message contient un lien personnel vers votre rendez-vous. Nous n’en gardons qu’une empreinte, qui ne
        permet pas de retrouver le lien ; il ne fonctionne plus quand le rendez-vous est déplacé, annulé ou passé. Ne le
        transmettez qu’à une personne de confiance : il permet d’annuler ou de déplacer le rendez-vous.
      </p>
      <h2>Pourquoi</h2>
      <p>
        Pour réserver votre consultation, vous la rappeler, prévenir le médecin, et suivre l’activité du dispositif
        (statistiques sans nom). Base légale : mission d’intérêt public (article 6.1.e du RGPD) et, pour les données de
        santé, article 9.2.h.
      </p>
      <h2>Combien de temps</h2>
      {/* Every duration comes from the retention configuration the daily purge applies. */}
      <p>
        Votre nom, votre date de naissance, votre téléphone et votre adresse électronique sont effacés{' '}
        {frenchMonths(RETENTION.bookingPatientMonths)} après la date de votre rendez-vous (ou après son annulation). Le
        rendez-vous lui-même reste compté, sans nom, pour les statistiques du dispositif.
      </p>
      <ul>
        <li>Les messages de rappel envoyés, et leur état : {RETENTION.notificationDays} jours ;</li>
        <li>
          une inscription sur liste d’attente : votre nom, votre date de naissance et vos coordonnées sont effacés{' '}
          {RETENTION.endedWaitlistDays} jours après la fin de l’inscription (rendez-vous pris, période écoulée ou
          retrait) ;
        </li>
        <li>la liste des patients à rappeler par le centre d’appel : {RETENTION.callListDays} jours après l’appel ;</li>
        <li>
          le journal des changements transmis aux applications partenaires : {RETENTION.eventDays} jours ; un créneau
          retenu pendant la réservation : {RETENTION.endedHoldDays} jour après son expiration ;
        </li>
        <li>
          la trace des consultations et des changements faits par le personnel (qui, quand, quel rendez-vous) :{' '}
          {frenchMonths(RETENTION.auditMonths)}.
        </li>
      </ul>
      <p>
        Un rendez-vous à venir n’est jamais effacé. Vous pouvez demander l’effacement plus tôt (voir « Vos droits ») :
        le délégué à la protection des données l’efface, après annulation s’il est à venir.
      </p>
      <h2>Qui les voit</h2>
      <p>Chacun voit seulement ce dont il a besoin pour son rôle :</p>
      <ul>
        <li>
          le médecin de votre rendez-vous : votre nom, votre date de naissance (pour le tarif) et votre venue, le jour
          de sa consultation ;
        </li>
        <li>
          les agents du centre d’appels, seulement pendant un appel : chaque lecture de vos données est enregistrée avec
          la référence de l’appel ;
        </li>
        <li>
          l’agence régionale de santé (ARS) : des chiffres par zone et les journées des médecins ; ses agents habilités
          peuvent consulter un rendez-vous précis, et chaque consultation est enregistrée ; son délégué à la protection
          des données efface vos données à votre demande ;
        </li>
        <li>
          notre prestataire d’envoi de SMS et de courriels, pour vos messages seulement, sans pouvoir les utiliser pour
          autre chose ;
        </li>
        <li>l’application partenaire par laquelle vous avez réservé, s’il y en a une : ce rendez-vous seulement.</li>
      </ul>
      <h2>Cookies</h2>
      <p>
        Ce site n’utilise ni mesure d’audience ni publicité. Ses cookies sont tous nécessaires et n’ont pas besoin de
        votre consentement : l’un garde votre connexion, un autre le temps de l’identification, et un dernier ce que
        vous avez saisi quand vous prolongez une réservation.
      </p>
      <h2>Vos droits</h2>
      <p>
        Vous pouvez consulter, corriger ou faire effacer vos données, et vous opposer à leur utilisation, en écrivant au
        délégué à la protection des données des ministères sociaux : DPD, 14 avenue Duquesne, 75350 Paris 07 SP. Si vous
        pensez que vos droits ne sont pas respectés, vous pouvez saisir la CNIL (www.cnil.fr).
      </p>
    </Layout>
  );
}
