// The error every refusal is: a code of the catalogue (problems.ts), its status and title from
// there, and in English the figures of the case. A rule of the domain refuses with it; the doors
// render it (problem+json in src/lib/problem.ts, an OperationOutcome, a French page).
import { PROBLEMS, type ProblemCode } from './problems';

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
 * The one way to make an error: status and title come from the catalogue (src/domain/problems.ts); the
 * detail, in English, gives the figures of the case (the catalogue's description when omitted).
 */
export const problem = (code: ProblemCode, detail?: string, options?: ProblemOptions): ProblemError =>
  new ProblemError(code, detail ?? PROBLEMS[code].en.description, options);

export const notFound = (what: string) => problem('not_found', `${what} was not found.`);

/** The 400 problem listing each offending field. */
export const validationFailed = (errors: { field: string; message: string }[]) =>
  problem('validation_failed', `${errors.length} field(s) are invalid.`, { extensions: { errors } });
