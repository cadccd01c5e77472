// Webhook operations shared by every door: create (the URL guard, a sealed secret), rotate and the
// manual retry, which sends at once through the same path as the Queue and the cron.
import type { Db } from '../../db/client';
import { problem } from '../../lib/problem';
import { checkWebhookUrl } from '../../domain/webhook-url';
import type { EnvVars } from '../../env';
import { claimForRetry } from '../../events/webhooks/webhook-attempts.queries';
import { sendClaimed } from '../../events/webhooks/send';
import type { Caller } from '../../domain/caller';
import { deliveryById } from './delivery-log.queries';
import { endpointById, endpointVisibleTo, insertEndpoint, rotateSecret } from './endpoints.queries';
import { newSecret, sealSecret } from '../../lib/webhook-secrets';

export async function createEndpoint(db: Db, config: EnvVars, caller: Caller, input: { url: string; eventTypes: string[] }, now: Date) {
  const url = checkWebhookUrl(input.url, config.ENVIRONMENT === 'production' ? 'production' : 'development');
  const secret = newSecret();
  const row = await insertEndpoint(db, {
    id: crypto.randomUUID(), clientId: caller.clientId!, url, eventTypes: [...new Set(input.eventTypes)], sealedSecret: await sealSecret(secret, config), now,
  });
  return { row, secret };
}

export async function rotateEndpointSecret(db: Db, config: EnvVars, caller: Caller, id: string, now: Date) {
  const secret = newSecret();
  const row = await rotateSecret(db, caller, id, await sealSecret(secret, config), now);
  return row && { row, secret };
}

/** undefined when the delivery is not visible; a 409 when its endpoint is disabled. */
export async function retryDelivery(db: Db, config: EnvVars, caller: Caller, endpointId: string, deliveryId: string, now: Date) {
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
