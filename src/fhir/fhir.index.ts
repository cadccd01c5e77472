// The FHIR R4 door (/fhir): the SMART Scheduling Links publication, the CapabilityStatement, reads,
// the SAS slot search and booking. Not in openapi.yaml: its contract is the CapabilityStatement.
import { Hono } from 'hono';
import type { AppEnv } from '../lib/types';
import { bulkRouter } from './bulk/bulk.routes';

export const fhirRouter = new Hono<AppEnv>();
fhirRouter.route('/', bulkRouter);
