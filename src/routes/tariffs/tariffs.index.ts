import { createRouter } from '../router';
import { referenceRead } from '../../middleware/reference-read';
import { listTariffsHandler } from './tariffs.handlers';
import { listTariffs } from './tariffs.routes';

export const tariffsRouter = createRouter();
// Rows change with a convention, by migration: an hour in caches, then revalidated.
tariffsRouter.on('GET', '/v1/tariffs', referenceRead({ cacheControl: 'public, max-age=3600' }));
tariffsRouter.openapi(listTariffs, listTariffsHandler);
