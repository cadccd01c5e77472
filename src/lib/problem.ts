// RFC 9457 problem details. Every error leaves the API in this shape, with a stable `code` that
// integrators can switch on. Statuses, titles and French texts come from the catalogue
// (problems.ts), so a call site only names its code and, in English, the case's figures.
import type { Language } from './language';
import { PROBLEMS, type ProblemCode } from './problems';

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  instance?: string;
  [extension: string]: unknown;
}

export interface ProblemOptions {
  /** Members beside the standard ones (`errors`, `window`…). */
  extensions?: Record<string, unknown>;
  headers?: Record<string, string>;
  /**
   * Another status than the catalogue's: one of the entry's `otherStatuses`, or the status of a
   * refusal the framework raised itself (a body that could not be read).
   */
  status?: number;
}

/** An error every door renders (problem+json, OperationOutcome, a French page); made by problem(). */
export class ProblemError extends Error {
  readonly status: number;
  readonly title: string;
  readonly extensions: Record<string, unknown>;
  readonly headers: Record<string, string>;

  constructor(
    readonly code: ProblemCode,
    /** English; a French response uses the catalogue's description instead. */
    readonly detail: string,
    options: ProblemOptions = {},
  ) {
    super(detail);
    this.status = options.status ?? PROBLEMS[code].status;
    this.title = PROBLEMS[code].en.title;
    this.extensions = options.extensions ?? {};
    this.headers = options.headers ?? {};
  }
}

/**
 * The one way to make an error: status and title come from the catalogue (src/lib/problems.ts); the
 * detail, in English, gives the figures of the case (the catalogue's description when omitted).
 */
export const problem = (code: ProblemCode, detail?: string, options?: ProblemOptions): ProblemError =>
  new ProblemError(code, detail ?? PROBLEMS[code].en.description, options);

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

export const notFound = (what: string) => problem('not_found', `${what} was not found.`);

/** The 400 problem listing each offending field. */
export const validationFailed = (errors: { field: string; message: string }[]) =>
  problem('validation_failed', `${errors.length} field(s) are invalid.`, { extensions: { errors } });
