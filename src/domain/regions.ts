// INSEE codes of the regions (and overseas collectivities) as the reference data names them
// (@etalab/decoupage-administratif data/regions.json, millésime 2026): the communes table keeps the
// name; the SMART Scheduling Links manifest's `extension.state` carries the code.
const REGIONS: Record<string, string> = {
  Guadeloupe: '01', Martinique: '02', Guyane: '03', 'La Réunion': '04', Mayotte: '06', 'Île-de-France': '11',
  'Centre-Val de Loire': '24', 'Bourgogne-Franche-Comté': '27', Normandie: '28', 'Hauts-de-France': '32', 'Grand Est': '44',
  'Pays de la Loire': '52', Bretagne: '53', 'Nouvelle-Aquitaine': '75', Occitanie: '76', 'Auvergne-Rhône-Alpes': '84',
  "Provence-Alpes-Côte d'Azur": '93', Corse: '94', 'Saint-Pierre-et-Miquelon': '975', 'Saint-Barthélemy': '977', 'Saint-Martin': '978',
  'Terres australes et antarctiques françaises': '984', 'Wallis et Futuna': '986', 'Polynésie française': '987', 'Nouvelle-Calédonie': '988',
  'Île de Clipperton': '989',
};

const NAMES = Object.fromEntries(Object.entries(REGIONS).map(([name, code]) => [code, name]));

export const regionCode = (name: string): string | undefined => REGIONS[name];
export const regionName = (code: string): string | undefined => NAMES[code];
