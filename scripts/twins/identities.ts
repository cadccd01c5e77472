// Demo identities of the local identity providers. Invented people: any resemblance is chance.
// Each provider profile (oidc-provider.ts) lists its own; ProConnect agents and Pro Santé Connect
// doctors (with an RPPS) will be other lists beside this one.

export interface DemoIdentity {
  /** The provider's own account id; the sub the client sees is derived from it (pairwise). */
  accountId: string;
  /** What the choice page shows. */
  label: string;
  /** Claims by name, as the provider's userinfo and ID token carry them. */
  claims: Record<string, string>;
}

/** FranceConnect's "identité pivot" (given_name holds all given names, space-separated). */
export const FRANCECONNECT_PATIENTS: DemoIdentity[] = [
  {
    accountId: 'fc-demo-1',
    label: 'Angela Claire Louise Dubois, née le 24 juin 1962',
    claims: { given_name: 'Angela Claire Louise', family_name: 'Dubois', birthdate: '1962-06-24', gender: 'female', birthplace: '75107', birthcountry: '99100', email: 'angela.dubois@example.fr' },
  },
  {
    accountId: 'fc-demo-2',
    label: 'Jean-Émile N’Diaye, né le 3 mars 1948',
    claims: { given_name: 'Jean-Émile', family_name: 'N’Diaye', birthdate: '1948-03-03', gender: 'male', birthplace: '40220', birthcountry: '99100', email: 'jean-emile.ndiaye@example.fr' },
  },
  {
    accountId: 'fc-demo-3',
    label: 'Zoé Marie de La Fontaine, née le 15 novembre 1990',
    claims: { given_name: 'Zoé Marie', family_name: 'de La Fontaine', birthdate: '1990-11-15', gender: 'female', birthplace: '97411', birthcountry: '99100' },
  },
];
