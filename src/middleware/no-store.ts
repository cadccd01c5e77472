// Authenticated answers carry personal data (bookings, patients' phones, indemnities, the caller's
// identity): no browser or shared cache may keep them.
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../app-env';

export const noStoreWhenAuthenticated: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next();
  if (c.var.caller) c.header('Cache-Control', 'no-store');
};
