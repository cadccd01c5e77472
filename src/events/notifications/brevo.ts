// Brevo's transactional API (https://developers.brevo.com): POST /transactionalSMS/sms and POST
// /smtp/email under the base URL, authenticated by the `api-key` header; 201 with a messageId on
// success, a JSON {code, message} otherwise. Every call has a timeout; its outcome is a code.
import { retryAfterSeconds } from '../../domain/retry-after';
import type { EnvVars } from '../../env';
import type { MessageProvider, SendError, SendOutcome } from './provider';

const SENDER_NAME = 'Un médecin près de chez vous';

function failure(status: number, headers: Headers, now: Date): SendOutcome {
  const retryAfter = retryAfterSeconds(headers.get('retry-after'), now);
  const error: SendError =
    status === 429
      ? 'rate_limited'
      : status === 401 || status === 403
        ? 'unauthorized'
        : status >= 500
          ? 'provider_5xx'
          : 'rejected';
  // A 400 is about this message (a number the network refuses, a bad address): never better later.
  // 401/403 (a key to fix) and 402 (credits to buy) are the operators' to solve: retried.
  return { ok: false, error, permanent: status === 400, retryAfterSeconds: retryAfter };
}

async function post(url: string, apiKey: string, body: unknown, timeoutMs: number, now: Date): Promise<SendOutcome> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'api-key': apiKey, 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    const name = error instanceof Error ? error.name : '';
    return {
      ok: false,
      error: name === 'TimeoutError' || name === 'AbortError' ? 'timeout' : 'network',
      permanent: false,
    };
  }
  if (!response.ok) {
    await response.body?.cancel();
    return failure(response.status, response.headers, now);
  }
  const answer = (await response.json().catch(() => undefined)) as { messageId?: unknown } | undefined;
  const id = answer?.messageId;
  // Taken, but unreadable: it may well be sent, so not retried (a duplicate is worse than a missing id).
  if (typeof id !== 'string' && typeof id !== 'number') return { ok: true, messageId: 'unknown' };
  return { ok: true, messageId: String(id) };
}

export type ProviderSetup = { provider: MessageProvider; missing: [] } | { provider?: undefined; missing: string[] };

/** The sandbox's provider: nothing leaves; each message is recorded as sent, with an id that says so. */
const sandboxProvider: MessageProvider = {
  sendSms: async () => ({ ok: true, messageId: `sandbox-${crypto.randomUUID()}` }),
  sendEmail: async () => ({ ok: true, messageId: `sandbox-${crypto.randomUUID()}` }),
};

/**
 * The provider for sends made at `now`: Brevo, or the settings it lacks (nothing is sent without
 * all of them); on the sandbox (SANDBOX=1), one that sends nothing to anyone.
 */
export function messageProvider(config: EnvVars, now: Date): ProviderSetup {
  if (config.SANDBOX === '1') return { provider: sandboxProvider, missing: [] };
  return brevoProvider(config, now);
}

/** The Brevo adapter for sends made at `now`, or the settings it lacks: nothing is sent without all of them. */
export function brevoProvider(config: EnvVars, now: Date): ProviderSetup {
  const { MESSAGES_API_URL: base, MESSAGES_API_KEY: key, SMS_SENDER: smsSender, EMAIL_SENDER: emailSender } = config;
  const missing = Object.entries({
    MESSAGES_API_URL: base,
    MESSAGES_API_KEY: key,
    SMS_SENDER: smsSender,
    EMAIL_SENDER: emailSender,
  })
    .filter(([, v]) => !v)
    .map(([k]) => k);
  if (!base || !key || !smsSender || !emailSender) return { missing };
  const timeout = config.MESSAGES_TIMEOUT_MS;
  return {
    missing: [],
    provider: {
      sendSms: (m) =>
        post(
          `${base}/transactionalSMS/sms`,
          key,
          {
            sender: smsSender,
            // Brevo wants the international number without its '+'.
            recipient: m.to.replace(/^\+/, ''),
            content: m.text,
            type: 'transactional',
            tag: m.tag,
            unicodeEnabled: false,
          },
          timeout,
          now,
        ),
      sendEmail: (m) =>
        post(
          `${base}/smtp/email`,
          key,
          {
            sender: { name: SENDER_NAME, email: emailSender },
            to: [{ email: m.to }],
            subject: m.subject,
            textContent: m.text,
            htmlContent: m.html,
            tags: [m.tag],
          },
          timeout,
          now,
        ),
    },
  };
}
