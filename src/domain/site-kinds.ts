// The kinds of place where a volunteer doctor consults.
export const SITE_KINDS = [
  'maison_de_sante',
  'centre_de_sante',
  'cabinet',
  'local_communal',
  'hopital_de_proximite',
] as const;
export type SiteKind = (typeof SITE_KINDS)[number];
