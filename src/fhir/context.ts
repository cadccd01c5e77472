// What every mapping needs besides its row: where this FHIR base lives, where patients book, and
// the call centre's number. The base is configured (PUBLIC_URL: one worker serves the pages, the
// API and /fhir), never read from the request's host: canonical URLs (extensions, code systems,
// identifiers) and file URLs must not change with whichever name a client used.
import type { Context } from 'hono';
import type { AppEnv } from '../app-env';

export interface FhirContext {
  /** Absolute URL of this FHIR base, PUBLIC_URL + /fhir (no trailing slash). */
  base: string;
  /** The patient pages' origin (PUBLIC_URL). */
  publicUrl: string;
  /** CALL_CENTRE_PHONE, E.164. */
  callCentre: string;
}

export function fhirContext(c: Context<AppEnv>): FhirContext {
  const config = c.var.config();
  return { base: `${config.PUBLIC_URL}/fhir`, publicUrl: config.PUBLIC_URL, callCentre: config.CALL_CENTRE_PHONE };
}

/** The configured origin for an error's code system; none (a relative /problems) when the configuration itself is what failed. */
export function configuredOrigin(c: Context<AppEnv>): string {
  try {
    return c.var.config().PUBLIC_URL;
  } catch {
    return '';
  }
}

export type Resource = { resourceType: string; id?: string; [field: string]: unknown };
