// The three legal pages a public service must have, linked from every page's footer.
import { Accessibilite } from './accessibilite';
import { DonneesPersonnelles } from './donnees-personnelles';
import { MentionsLegales } from './mentions-legales';

const PAGES = {
  '/mentions-legales': MentionsLegales,
  '/donnees-personnelles': DonneesPersonnelles,
  '/accessibilite': Accessibilite,
};

export const legalPage = (path: keyof typeof PAGES) => {
  const Page = PAGES[path];
  return <Page />;
};
