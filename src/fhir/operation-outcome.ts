// The FHIR door's errors: an OperationOutcome carrying the problem catalogue's code (the same codes
// as the REST door's problem+json), never problem+json itself.
import type { ProblemError } from '../domain/problem';
import { problemBody } from '../lib/problem';
import type { Language } from '../lib/language';

const ISSUE_TYPE: Record<number, string> = {
  400: 'invalid',
  401: 'login',
  403: 'forbidden',
  404: 'not-found',
  405: 'not-supported',
  409: 'conflict',
  412: 'conflict',
  413: 'too-long',
  422: 'business-rule',
  429: 'throttled',
  503: 'transient',
};

export const FHIR_JSON = 'application/fhir+json; charset=utf-8';

/** The catalogue's code system: this API's /problems, where /problems/{code} explains each code. */
export const problemCodeSystem = (origin: string) => `${origin}/problems`;

/** What a validation refusal lists (validationFailed): each offending field or parameter. */
type FieldError = { field: string; message: string };
const fieldErrors = (error: ProblemError): FieldError[] =>
  Array.isArray(error.extensions.errors) ? (error.extensions.errors as FieldError[]) : [];

/**
 * One issue per offending field or parameter, each with its `expression` (a FHIRPath into the
 * resource sent, or http.<parameter> for a search, as FHIR names HTTP parameters), so that a
 * client sees every problem at once; one issue otherwise.
 */
export function operationOutcome(error: ProblemError, origin: string, language: Language = 'en') {
  const body = problemBody(error, undefined, language);
  const base = {
    severity: 'error',
    code: ISSUE_TYPE[error.status] ?? (error.status >= 500 ? 'exception' : 'processing'),
    details: {
      coding: [{ system: problemCodeSystem(origin), code: error.code, display: body.title }],
      text: body.title,
    },
  };
  const fields = fieldErrors(error);
  return {
    resourceType: 'OperationOutcome' as const,
    issue: fields.length
      ? fields.map((f) => ({ ...base, diagnostics: f.message, expression: [f.field] }))
      : [{ ...base, diagnostics: body.detail }],
  };
}

export function operationOutcomeResponse(error: ProblemError, origin: string, language: Language = 'en'): Response {
  return new Response(JSON.stringify(operationOutcome(error, origin, language)), {
    status: error.status,
    headers: { 'content-type': FHIR_JSON, 'content-language': language, 'cache-control': 'no-store', ...error.headers },
  });
}

export const isFhirPath = (path: string) => path === '/fhir' || path.startsWith('/fhir/');
