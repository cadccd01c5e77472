// What every mapping needs besides its row: where this FHIR base lives, where patients book, and
// the call centre's number.
import type { Context } from 'hono';
import type { AppEnv } from '../lib/types';

export interface FhirContext {
  /** Absolute URL of this FHIR base, e.g. https://api.example.fr/fhir (no trailing slash). */
  base: string;
  /** The patient pages' origin (PUBLIC_URL). */
  publicUrl: string;
  /** CALL_CENTRE_PHONE, E.164. */
  callCentre: string;
}

export function fhirContext(c: Context<AppEnv>): FhirContext {
  const config = c.var.config();
  return { base: `${new URL(c.req.url).origin}/fhir`, publicUrl: config.PUBLIC_URL, callCentre: config.CALL_CENTRE_PHONE };
}

export type Resource = { resourceType: string; id?: string; [field: string]: unknown };
