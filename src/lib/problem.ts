// RFC 9457 problem details. Every error leaves the API in this shape, with a stable `code` that
// integrators can switch on. Titles and French texts come from the catalogue (problems.ts) when
// the response is rendered, so a call site only names its code and, in English, the case's figures.
import type { Language } from './language';
import { problemEntry } from './problems';

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  instance?: string;
  [extension: string]: unknown;
}

export class ProblemError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    /** Used only for a code the catalogue lacks (a test keeps that from reaching production). */
    readonly title: string,
    /** English; a French response uses the catalogue's description instead. */
    readonly detail: string,
    readonly extensions: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
  }
}

/**
 * A relative reference (RFC 3986 §4.2), resolved against the response's URL: the page explaining
 * the code is served by whichever deployment answered (production, staging, a developer's laptop),
 * with no host name to keep in sync.
 */
export const problemTypeUri = (code: string) => `/problems/${code}`;

export function problemBody(error: ProblemError, instance?: string, language: Language = 'en'): ProblemBody {
  const text = problemEntry(error.code)?.[language];
  // Extensions first: an extension can never replace a member every client relies on.
  return {
    ...error.extensions,
    type: problemTypeUri(error.code),
    title: text?.title ?? error.title,
    status: error.status,
    detail: language === 'fr' && text ? text.description : error.detail,
    code: error.code,
    ...(instance ? { instance } : {}),
  };
}

export function problemResponse(error: ProblemError, instance?: string, language: Language = 'en'): Response {
  return new Response(JSON.stringify(problemBody(error, instance, language)), {
    status: error.status,
    headers: {
      'content-type': 'application/problem+json',
      'content-language': language,
      // A refusal is about this caller at this instant: never reuse it from a cache.
      'cache-control': 'no-store',
      ...error.headers,
    },
  });
}

export const notFound = (what: string) => new ProblemError(404, 'not_found', 'Not found', `${what} was not found.`);

/** The 400 problem listing each offending field. */
export const validationFailed = (errors: { field: string; message: string }[]) =>
  new ProblemError(400, 'validation_failed', 'Invalid request', `${errors.length} field(s) are invalid.`, { errors });
