// Demo identities of the local identity providers. Invented people: any resemblance is chance.
// Each provider profile (oidc-provider.ts) lists its own: FranceConnect patients, ProConnect public
// agents (call centre, ARS), Pro Santé Connect health professionals (with an RPPS).

export interface DemoIdentity {
  /** The provider's own account id; the sub the client sees is derived from it (pairwise). */
  accountId: string;
  /** What the choice page shows. */
  label: string;
  /** Claims by name, as the provider's userinfo and ID token carry them. */
  claims: Record<string, unknown>;
}

/** FranceConnect's "identité pivot" (given_name holds all given names, space-separated). */
export const FRANCECONNECT_PATIENTS: DemoIdentity[] = [
  {
    accountId: 'fc-demo-1',
    label: 'Angela Claire Louise Dubois, née le 24 juin 1962',
    claims: {
      given_name: 'Angela Claire Louise',
      family_name: 'Dubois',
      birthdate: '1962-06-24',
      gender: 'female',
      birthplace: '75107',
      birthcountry: '99100',
      email: 'angela.dubois@example.fr',
    },
  },
  {
    accountId: 'fc-demo-2',
    label: 'Jean-Émile N’Diaye, né le 3 mars 1948',
    claims: {
      given_name: 'Jean-Émile',
      family_name: 'N’Diaye',
      birthdate: '1948-03-03',
      gender: 'male',
      birthplace: '40220',
      birthcountry: '99100',
      email: 'jean-emile.ndiaye@example.fr',
    },
  },
  {
    accountId: 'fc-demo-3',
    label: 'Zoé Marie de La Fontaine, née le 15 novembre 1990',
    claims: {
      given_name: 'Zoé Marie',
      family_name: 'de La Fontaine',
      birthdate: '1990-11-15',
      gender: 'female',
      birthplace: '97411',
      birthcountry: '99100',
    },
  },
  // Accounts that one test file each has to itself: an account may hold 4 upcoming bookings and
  // one slot at a time, and the shared ones above fill up with other files' bookings and holds
  // when files run at once.
  {
    accountId: 'fc-demo-4',
    label: 'Lucien Marcel Peyrot, né le 2 février 1939',
    claims: {
      given_name: 'Lucien Marcel',
      family_name: 'Peyrot',
      birthdate: '1939-02-02',
      gender: 'male',
      birthplace: '23096',
      birthcountry: '99100',
      email: 'lucien.peyrot@example.fr',
    },
  },
  {
    accountId: 'fc-demo-5',
    label: 'Odette Rose Lagarde, née le 9 août 1946',
    claims: {
      given_name: 'Odette Rose',
      family_name: 'Lagarde',
      birthdate: '1946-08-09',
      gender: 'female',
      birthplace: '48095',
      birthcountry: '99100',
      email: 'odette.lagarde@example.fr',
    },
  },
  {
    accountId: 'fc-demo-6',
    label: 'Gaston Yves Ferrand, né le 21 mai 1957',
    claims: {
      given_name: 'Gaston Yves',
      family_name: 'Ferrand',
      birthdate: '1957-05-21',
      gender: 'male',
      birthplace: '63113',
      birthcountry: '99100',
      email: 'gaston.ferrand@example.fr',
    },
  },
];

/**
 * ProConnect's claims (given_name, usual_name, email, uid, siret). Who may do what is not the
 * provider's to say: the service's AGENT_ACCOUNTS and ARS_ACCOUNTS settings list the addresses.
 */
export const PROCONNECT_AGENTS: DemoIdentity[] = [
  {
    accountId: 'pc-agent-1',
    label: 'Nadia Benali, agente du centre d’appels',
    claims: {
      given_name: 'Nadia',
      usual_name: 'Benali',
      email: 'nadia.benali@appel.sante.gouv.fr',
      uid: 'pc-agent-1',
      siret: '11000201100044',
    },
  },
  {
    accountId: 'pc-agent-2',
    label: 'Paul Girard, agent du centre d’appels',
    claims: {
      given_name: 'Paul',
      usual_name: 'Girard',
      email: 'paul.girard@appel.sante.gouv.fr',
      uid: 'pc-agent-2',
      siret: '11000201100044',
    },
  },
  {
    accountId: 'pc-ars-1',
    label: 'Claire Lefèvre, ARS Occitanie',
    claims: {
      given_name: 'Claire',
      usual_name: 'Lefèvre',
      email: 'claire.lefevre@ars.sante.fr',
      uid: 'pc-ars-1',
      siret: '13000549100010',
    },
  },
  {
    accountId: 'pc-ars-2',
    label: 'Hugo Lambert, ARS Nouvelle-Aquitaine',
    claims: {
      given_name: 'Hugo',
      usual_name: 'Lambert',
      email: 'hugo.lambert@ars.sante.fr',
      uid: 'pc-ars-2',
      siret: '13000549100010',
    },
  },
  {
    accountId: 'pc-ars-national',
    label: 'Sophie Blanc, pilotage national du dispositif',
    claims: {
      given_name: 'Sophie',
      usual_name: 'Blanc',
      email: 'sophie.blanc@sante.gouv.fr',
      uid: 'pc-ars-national',
      siret: '11000101300017',
    },
  },
  {
    accountId: 'pc-ars-noregion',
    label: 'Léa Marchal, ARS, sans région attribuée',
    claims: {
      given_name: 'Léa',
      usual_name: 'Marchal',
      email: 'lea.marchal@ars.sante.fr',
      uid: 'pc-ars-noregion',
      siret: '13000549100010',
    },
  },
  {
    accountId: 'pc-stranger-1',
    label: 'Marc Roux, agent public sans accès à ce service',
    claims: {
      given_name: 'Marc',
      usual_name: 'Roux',
      email: 'marc.roux@finances.gouv.fr',
      uid: 'pc-stranger-1',
      siret: '11000101300017',
    },
  },
];

/** One professional activity as Pro Santé Connect's SubjectRefPro lists it (10 médecin, 21 pharmacien). */
const practice = (codeProfession: string, nomDexercice: string) => ({
  codeCivilite: 'DR',
  exercices: [
    {
      codeProfession,
      codeCategorieProfessionnelle: 'C',
      codeSavoirFaire: codeProfession === '10' ? 'SM54' : '',
      nomDexercice,
      activities: [],
    },
  ],
});

/** A Pro Santé Connect identity: the national id is 8 followed by the RPPS. */
export function proSanteConnectIdentity(
  rpps: string,
  givenName: string,
  familyName: string,
  codeProfession: string,
  label: string,
): DemoIdentity {
  return {
    accountId: `rpps-${rpps}`,
    label,
    claims: {
      SubjectNameID: `8${rpps}`,
      preferred_username: `8${rpps}`,
      given_name: givenName,
      family_name: familyName,
      SubjectRefPro: practice(codeProfession, familyName),
    },
  };
}

export const PRO_SANTE_CONNECT_PROFESSIONALS: DemoIdentity[] = [
  {
    ...proSanteConnectIdentity(
      '10101234567',
      'Hélène',
      'Marchand',
      '10',
      'Dr Hélène Marchand, médecin généraliste (RPPS 10101234567)',
    ),
    accountId: 'psc-doctor-1',
  },
  {
    ...proSanteConnectIdentity(
      '10107654321',
      'Youssef',
      'Haddad',
      '10',
      'Dr Youssef Haddad, médecin généraliste (RPPS 10107654321)',
    ),
    accountId: 'psc-doctor-2',
  },
  {
    ...proSanteConnectIdentity('10109999999', 'Julie', 'Perrin', '21', 'Julie Perrin, pharmacienne (RPPS 10109999999)'),
    accountId: 'psc-pharmacist-1',
  },
];

/** Any `rpps-<11 digits>` account: a fresh doctor, so that each test can have its own. */
export function anyDoctor(accountId: string): DemoIdentity | undefined {
  const rpps = /^rpps-(\d{11})$/.exec(accountId)?.[1];
  return rpps ? proSanteConnectIdentity(rpps, 'Docteur', 'Test', '10', `Docteur Test (RPPS ${rpps})`) : undefined;
}
