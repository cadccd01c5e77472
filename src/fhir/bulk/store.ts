// Where the SMART Scheduling Links files live in the BULK bucket: written by generate.ts, served by
// bulk.routes.ts. A file's key is its path under /fhir/bulk/.
import type { BulkType } from './sources';

export const MANIFEST_KEY = 'manifest.json';
export const fileKey = (type: BulkType, regionCode: string) => `${type}/${regionCode}.ndjson`;
