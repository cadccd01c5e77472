import { OpenAPIHono } from '@hono/zod-openapi';
import { ProblemError } from './problem';
import type { AppEnv } from './types';

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
      throw new ProblemError(400, 'validation_failed', 'Invalid request', `${errors.length} field(s) are invalid.`, { errors });
    },
  });
}
