// RFC 9457 problem details. Every error leaves the API in this shape, with a stable `code` that
// integrators can switch on. The error and its catalogue are the domain's (src/domain/problem.ts,
// src/domain/problems.ts); this renders one as problem+json, in the caller's language.
import type { ProblemError } from '../domain/problem';
import { PROBLEMS } from '../domain/problems';
import type { Language } from './language';

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  instance?: string;
  [extension: string]: unknown;
}

/**
 * A relative reference (RFC 3986 §4.2), resolved against the response's URL: the page explaining
 * the code is served by whichever deployment answered (production, staging, a developer's laptop),
 * with no host name to keep in sync.
 */
export const problemTypeUri = (code: string) => `/problems/${code}`;

export function problemBody(error: ProblemError, instance?: string, language: Language = 'en'): ProblemBody {
  const text = PROBLEMS[error.code][language];
  // Extensions first: an extension can never replace a member every client relies on.
  return {
    ...error.extensions,
    type: problemTypeUri(error.code),
    title: text.title,
    status: error.status,
    detail: language === 'fr' ? text.description : error.detail,
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
