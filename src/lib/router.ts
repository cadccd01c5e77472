import { OpenAPIHono } from '@hono/zod-openapi';
import { ProblemError } from './problem';
import type { AppEnv } from './types';

/** The 400 problem listing each offending field. */
export const validationFailed = (errors: { field: string; message: string }[]) =>
  new ProblemError(400, 'validation_failed', 'Invalid request', `${errors.length} field(s) are invalid.`, { errors });

/** A router whose validation failures become 400 problems listing each offending field. */
export function createRouter() {
  return new OpenAPIHono<AppEnv>({
    strict: false,
    defaultHook: (result) => {
      if (result.success) return;
      const errors = result.error.issues.map((issue) => ({
        field: [result.target, ...issue.path].join('.'),
        message: issue.message,
      }));
      throw validationFailed(errors);
    },
  });
}
