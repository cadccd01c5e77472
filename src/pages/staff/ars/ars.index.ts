// The ARS space's pages, mounted at /ars behind the staff guard (c.var.caller is set: ARS staff).
import { Hono } from 'hono';
import type { AppEnv } from '../../../lib/types';
import { coveragePage } from './coverage.page';
import { erasePage, erasureFormPage } from './erasure.page';
import { figuresPage } from './figures.page';
import { arsHome } from './home.page';
import { indemnitiesPage, indemnityCsvPage } from './indemnities.page';
import { createSitePage, editSitePage, newSitePage, sitesPage, updateSitePage } from './sites.page';
import { designatePage, withdrawConfirmPage, withdrawPage, zonesPage } from './zones.page';

export const arsPages = new Hono<AppEnv>();
arsPages.get('/', arsHome);
arsPages.get('/zones', zonesPage);
arsPages.post('/zones', designatePage);
arsPages.get('/zones/:siren', figuresPage);
arsPages.get('/zones/:siren/retirer', withdrawConfirmPage);
arsPages.post('/zones/:siren/retirer', withdrawPage);
arsPages.get('/sites', sitesPage);
arsPages.get('/sites/nouveau', newSitePage);
arsPages.post('/sites/nouveau', createSitePage);
arsPages.get('/sites/:id', editSitePage);
arsPages.post('/sites/:id', updateSitePage);
arsPages.get('/couverture', coveragePage);
arsPages.get('/indemnites', indemnitiesPage);
arsPages.get('/indemnites/export', indemnityCsvPage);
arsPages.get('/effacement', erasureFormPage);
arsPages.post('/effacement', erasePage);
