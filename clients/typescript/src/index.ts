// A typed client of the booking API: schema.d.ts is generated from openapi.yaml (`npm run sdk`) and
// openapi-fetch runs it, so every path, parameter, body and answer is checked by the compiler. The
// bearer token is set on each call; an Idempotency-Key stays the caller's to choose, because a
// retry must send the same one.
import createClient, { type Middleware } from 'openapi-fetch';
import type { components, paths } from './schema';

export type { components, paths };
export type Booking = components['schemas']['Booking'];
export type NewBooking = components['schemas']['NewBooking'];
export type Problem = components['schemas']['Problem'];

export interface ClientOptions {
  /** The API's origin, e.g. https://medecin-pres-de-chez-vous.sante.gouv.fr or http://127.0.0.1:8787. */
  baseUrl: string;
  /** The access token, or a function giving a fresh one before each call. */
  token: string | (() => string | Promise<string>);
  fetch?: typeof globalThis.fetch;
}

export function createMedecinClient(options: ClientOptions) {
  const client = createClient<paths>({ baseUrl: options.baseUrl, fetch: options.fetch });
  const auth: Middleware = {
    async onRequest({ request }) {
      request.headers.set(
        'authorization',
        `Bearer ${typeof options.token === 'function' ? await options.token() : options.token}`,
      );
      return request;
    },
  };
  client.use(auth);
  return client;
}
