import type { Context } from 'hono';
import type { AppEnv } from '../app-env';
import { FHIR_JSON } from './operation-outcome';

/** A FHIR resource as application/fhir+json. */
export function fhirJson(
  c: Context<AppEnv>,
  resource: unknown,
  status: 200 | 201 = 200,
  headers: Record<string, string> = {},
) {
  return c.body(JSON.stringify(resource), status, { 'content-type': FHIR_JSON, ...headers });
}
