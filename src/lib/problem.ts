// RFC 9457 problem details. Every error leaves the API in this shape, with a stable `code` that
// integrators can switch on.
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
    readonly title: string,
    readonly detail: string,
    readonly extensions: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
  }
}

export const problemTypeUri = (code: string) => `https://api.medecin-pres-de-chez-vous.fr/problems/${code.replace(/_/g, '-')}`;

export function problemBody(error: ProblemError, instance?: string): ProblemBody {
  return {
    type: problemTypeUri(error.code),
    title: error.title,
    status: error.status,
    detail: error.detail,
    code: error.code,
    ...(instance ? { instance } : {}),
    ...error.extensions,
  };
}

export function problemResponse(error: ProblemError, instance?: string): Response {
  return new Response(JSON.stringify(problemBody(error, instance)), {
    status: error.status,
    headers: { 'content-type': 'application/problem+json', ...error.headers },
  });
}

export const notFound = (what: string) => new ProblemError(404, 'not_found', 'Not found', `${what} was not found.`);
