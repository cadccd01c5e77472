import { OpenAPIHono } from '@hono/zod-openapi';
import { validationFailed } from '../domain/problem';
import type { AppEnv } from '../app-env';

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
