// The reference of the call an agent is on: typed once at the start of the call, then carried by
// every page of the call (`appel` in links and hidden fields) and given to every core operation,
// so that each action lands in the audit trail with it. The same format as the API's header.
import type { Context } from 'hono';
import { CALL_REFERENCE } from '../../../domain/call-reference';
import type { AppEnv } from '../../../app-env';

export const CALL_FIELD = 'appel';

export const validCallReference = (text: string | undefined): string | undefined => {
  const trimmed = text?.trim();
  return trimmed && CALL_REFERENCE.test(trimmed) ? trimmed : undefined;
};

/** The call's reference from the query string (GET) or the form (POST), when well formed. */
export async function callOf(c: Context<AppEnv>): Promise<string | undefined> {
  if (c.req.method === 'GET') return validCallReference(c.req.query(CALL_FIELD));
  const form = await c.req.parseBody();
  const value = form[CALL_FIELD];
  return typeof value === 'string' ? validCallReference(value) : undefined;
}

/** A path of the agents' space within the call: `/agent/…?appel=…` (plus other parameters). */
export function inCall(path: string, call: string, params: Record<string, string> = {}): string {
  const query = new URLSearchParams({ [CALL_FIELD]: call, ...params });
  return `${path}?${query.toString()}`;
}

export const CALL_REFERENCE_HINT =
  'La référence donnée par votre logiciel de téléphonie : 1 à 64 lettres sans accent, chiffres, points, tirets ou deux-points, sans espace. Par exemple : APL-2026-0042';
