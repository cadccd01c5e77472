// INSEE codes of the regions (and overseas collectivities) as the reference data names them
// (@etalab/decoupage-administratif data/regions.json, millésime 2026): the communes table keeps the
// name; the SMART Scheduling Links manifest's `extension.state` carries the code.
const REGIONS: Record<string, string> = {
  Guadeloupe: '01',
  Martinique: '02',
  Guyane: '03',
  'La Réunion': '04',
  Mayotte: '06',
  'Île-de-France': '11',
  'Centre-Val de Loire': '24',
  'Bourgogne-Franche-Comté': '27',
  Normandie: '28',
  'Hauts-de-France': '32',
  'Grand Est': '44',
  'Pays de la Loire': '52',
  Bretagne: '53',
  'Nouvelle-Aquitaine': '75',
  Occitanie: '76',
  'Auvergne-Rhône-Alpes': '84',
  "Provence-Alpes-Côte d'Azur": '93',
  Corse: '94',
  'Saint-Pierre-et-Miquelon': '975',
  'Saint-Barthélemy': '977',
  'Saint-Martin': '978',
  'Terres australes et antarctiques françaises': '984',
  'Wallis et Futuna': '986',
  'Polynésie française': '987',
  'Nouvelle-Calédonie': '988',
  'Île de Clipperton': '989',
};

const NAMES = Object.fromEntries(Object.entries(REGIONS).map(([name, code]) => [code, name]));

/**
 * ISO 3166-2:FR of each region, by INSEE code: what SMART Scheduling Links clients read in
 * `extension.state` and `address.state` (FR-OCC as US publishers write MA). Corse is FR-20R; the
 * overseas regions carry their département's code, the collectivities their own.
 */
const ISO: Record<string, string> = {
  '01': 'FR-971',
  '02': 'FR-972',
  '03': 'FR-973',
  '04': 'FR-974',
  '06': 'FR-976',
  '11': 'FR-IDF',
  '24': 'FR-CVL',
  '27': 'FR-BFC',
  '28': 'FR-NOR',
  '32': 'FR-HDF',
  '44': 'FR-GES',
  '52': 'FR-PDL',
  '53': 'FR-BRE',
  '75': 'FR-NAQ',
  '76': 'FR-OCC',
  '84': 'FR-ARA',
  '93': 'FR-PAC',
  '94': 'FR-20R',
  '975': 'FR-PM',
  '977': 'FR-BL',
  '978': 'FR-MF',
  '984': 'FR-TF',
  '986': 'FR-WF',
  '987': 'FR-PF',
  '988': 'FR-NC',
  '989': 'FR-CP',
};

export const regionCode = (name: string): string | undefined => REGIONS[name];
/** The ISO 3166-2 code of a region named as the communes table names it. */
export const regionIso = (name: string): string | undefined => ISO[REGIONS[name] ?? ''];
export const regionName = (code: string): string | undefined => NAMES[code];
