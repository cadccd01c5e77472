import { createRouter } from '../router';
import { indemnityExportHandler, myIndemnitiesHandler } from './indemnities.handlers';
import { indemnityExport, myIndemnities } from './indemnities.routes';

export const indemnitiesRouter = createRouter()
  .openapi(myIndemnities, myIndemnitiesHandler)
  .openapi(indemnityExport, indemnityExportHandler);
