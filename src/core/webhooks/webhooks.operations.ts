// Webhook operations shared by every door: create (the URL guard, a sealed secret), rotate and the
// manual retry, which sends at once through the same path as the Queue and the cron.
import type { Db } from '../../db/client';
import { problem } from '../../domain/problem';
import { checkWebhookUrl } from '../../domain/webhook-url';
import type { EnvVars } from '../../env';
import type { Caller, IntegratorCaller } from '../../domain/caller';
import { attempt } from '../../events/webhooks/attempt';
import { liveSecrets, sendClaimed } from '../../events/webhooks/send';
import { claimForRetry } from '../../events/webhooks/webhook-attempts.queries';
import { callerKey } from '../../lib/callers';
import { requestHash } from '../../lib/idempotency';
import { newSecret, openSecret, sealSecret } from '../../lib/webhook-secrets';
import { changeOrReplay } from '../idempotency/idempotency.queries';
import { deliveryById } from './delivery-log.queries';
import {
  endpointById,
  endpointVisibleTo,
  endpointWithSecrets,
  insertEndpoint,
  rotateSecret,
  updateEndpoint,
} from './endpoints.queries';

const checkedUrl = (url: string, config: EnvVars) =>
  checkWebhookUrl(url, config.ENVIRONMENT === 'production' ? 'production' : 'development');

/**
 * Registers an endpoint with a new secret; with an Idempotency-Key already used for this request,
 * returns the endpoint it made, with its secret (a client that lost the answer needs it).
 */
export async function createEndpoint(
  db: Db,
  config: EnvVars,
  caller: IntegratorCaller,
  input: { url: string; eventTypes: string[] },
  now: Date,
  idempotencyKey?: string,
) {
  const url = checkedUrl(input.url, config);
  const secret = newSecret();
  const owner = callerKey(caller);
  const idempotency =
    idempotencyKey === undefined
      ? undefined
      : { owner, key: idempotencyKey, hash: await requestHash({ webhook: input }) };
  const outcome = await changeOrReplay(
    db,
    idempotency,
    'webhook_endpoint_id',
    async () =>
      insertEndpoint(db, {
        id: crypto.randomUUID(),
        clientId: caller.clientId,
        url,
        eventTypes: [...new Set(input.eventTypes)],
        sealedSecret: await sealSecret(secret, config),
        now,
        idempotency,
      }),
    (id) => endpointWithSecrets(db, caller, id),
  );
  if (!outcome) throw new Error('an endpoint insert returned no row');
  if (!outcome.replayed) return { row: outcome.row, secret, replayed: false };
  return { row: outcome.row, secret: await openSecret(outcome.row.secret, config), replayed: true };
}

export async function changeEndpoint(
  db: Db,
  config: EnvVars,
  caller: Caller,
  id: string,
  change: { url?: string; eventTypes?: string[] },
) {
  return updateEndpoint(db, caller, id, {
    url: change.url === undefined ? undefined : checkedUrl(change.url, config),
    eventTypes: change.eventTypes && [...new Set(change.eventTypes)],
  });
}

/**
 * Sends a signed `webhook.test` to the endpoint now, enabled or not, and says what it answered. It
 * is not an event: nothing is recorded, retried or listed in the feed.
 */
export async function sendTestEvent(db: Db, config: EnvVars, caller: Caller, id: string, now: Date) {
  const endpoint = await endpointWithSecrets(db, caller, id);
  if (!endpoint) return undefined;
  const eventId = crypto.randomUUID();
  const payload = {
    id: eventId,
    type: 'webhook.test',
    timestamp: now.toISOString(),
    ...(config.SANDBOX === '1' ? { sandbox: true } : {}),
    data: { endpointId: endpoint.id },
  };
  const outcome = await attempt(
    { id: eventId, eventId, endpointId: endpoint.id, url: endpoint.url, payload, attempts: 1 },
    await liveSecrets(endpoint, config, now),
    { now },
  );
  return {
    eventId,
    delivered: outcome.result === 'succeeded',
    responseStatus: outcome.httpStatus,
    error: outcome.error,
  };
}

export async function rotateEndpointSecret(db: Db, config: EnvVars, caller: Caller, id: string, now: Date) {
  const secret = newSecret();
  const row = await rotateSecret(db, caller, id, await sealSecret(secret, config), now);
  return row && { row, secret };
}

/** undefined when the delivery is not visible; a 409 when its endpoint is disabled. */
export async function retryDelivery(
  db: Db,
  config: EnvVars,
  caller: Caller,
  endpointId: string,
  deliveryId: string,
  now: Date,
) {
  const claimed = await claimForRetry(db, endpointVisibleTo(caller), endpointId, deliveryId, now);
  if (!claimed.length) {
    const endpoint = await endpointById(db, caller, endpointId);
    if (endpoint?.status === 'disabled' && (await deliveryById(db, caller, endpointId, deliveryId))) {
      throw problem('webhook_disabled', 'This webhook endpoint is disabled; enable it first.');
    }
    return undefined;
  }
  await sendClaimed(db, config, claimed, { now });
  return deliveryById(db, caller, endpointId, deliveryId);
}
