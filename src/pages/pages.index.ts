// The patient's pages, same origin as the API: French HTML rendered on the server, each step a
// link or a form. Every failure on these routes becomes a French page (errors.tsx).
import { Hono } from 'hono';
import type { AppEnv } from '../lib/types';
import { errorPage } from './errors';
import { homePage } from './home.page';
import { legalPage } from './legal/legal.page';
import { renderPage } from './render';
import { reservePage } from './reserve.page';
import { searchPage } from './search.page';

export const pagesRouter = new Hono<AppEnv>();
pagesRouter.onError(errorPage);
pagesRouter.get('/', (c) => homePage(c));
pagesRouter.get('/recherche', searchPage);
pagesRouter.get('/reserver/:slotId', reservePage);
for (const path of ['/mentions-legales', '/donnees-personnelles', '/accessibilite'] as const) {
  pagesRouter.get(path, (c) => renderPage(c, legalPage(path)));
}
