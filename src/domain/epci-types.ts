// EPCI legal forms, as @etalab/decoupage-administratif names them: communauté de communes,
// d'agglomération, urbaine, métropole, and the Métropole de Lyon (a collectivity of its own).
export const EPCI_TYPES = ['CC', 'CA', 'CU', 'METRO', 'MET69'] as const;
export type EpciType = (typeof EPCI_TYPES)[number];
