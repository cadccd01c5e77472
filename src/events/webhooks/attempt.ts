// One HTTP attempt of one delivery, signed the Standard Webhooks way: webhook-id (the event id,
// the same on every attempt), webhook-timestamp and webhook-signature (`v1,<base64 HMAC-SHA256 of
// id.timestamp.body>`, one per live secret, space-separated, while a rotated secret still signs).
// It never throws: whatever the endpoint does is an outcome to record.
import { Webhook } from 'standardwebhooks';
import { systemClock } from '../../lib/clock';
import { retryAfterSeconds } from '../../domain/retry-after';
import { nextAttemptAt } from '../../domain/webhook-schedule';

export const ATTEMPT_TIMEOUT_MS = 15_000;

export interface Sendable {
  id: string;
  eventId: string;
  endpointId: string;
  url: string;
  payload: unknown;
  /** Counting this one. */
  attempts: number;
}

export interface Outcome {
  id: string;
  endpointId: string;
  result: 'succeeded' | 'retry' | 'failed';
  httpStatus: number | null;
  /** A short code (http_500, timeout, network), never a response body. */
  error: string | null;
  nextAttemptAt: Date | null;
  /** The endpoint answered 410 Gone: it is disabled at once. */
  gone: boolean;
}

export interface AttemptOptions {
  now: Date;
  /** In [0, 1): the retry schedule's jitter. */
  random?: () => number;
  timeoutMs?: number;
}

export function signedHeaders(eventId: string, body: string, secrets: string[], now: Date): Record<string, string> {
  return {
    'content-type': 'application/json',
    'user-agent': 'medecin-pres-de-chez-vous-webhooks/1',
    'webhook-id': eventId,
    'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
    'webhook-signature': secrets.map((s) => new Webhook(s).sign(eventId, now, body)).join(' '),
  };
}

export async function attempt(delivery: Sendable, secrets: string[], options: AttemptOptions): Promise<Outcome> {
  const { now } = options;
  const body = JSON.stringify(delivery.payload);
  let httpStatus: number | null = null;
  let error: string;
  let retryAfter: number | undefined;
  try {
    const response = await fetch(delivery.url, {
      method: 'POST',
      body,
      // Receivers check webhook-timestamp against their own clock (replay protection): the real time,
      // whatever clock dates the attempt.
      headers: signedHeaders(delivery.eventId, body, secrets, systemClock()),
      // A redirect is the endpoint's answer, not an invitation to post elsewhere.
      redirect: 'manual',
      signal: AbortSignal.timeout(options.timeoutMs ?? ATTEMPT_TIMEOUT_MS),
    });
    await response.body?.cancel();
    httpStatus = response.status;
    if (response.status >= 200 && response.status < 300) {
      return {
        id: delivery.id,
        endpointId: delivery.endpointId,
        result: 'succeeded',
        httpStatus,
        error: null,
        nextAttemptAt: null,
        gone: false,
      };
    }
    error = `http_${response.status}`;
    if (response.status === 429 || response.status === 503)
      retryAfter = retryAfterSeconds(response.headers.get('retry-after'), now);
  } catch (e) {
    error = e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError') ? 'timeout' : 'network';
  }
  return failure(delivery, options, error, httpStatus, retryAfter);
}

/** A failed attempt: retried on the schedule, unless it is over or the endpoint is gone. */
export function failure(
  delivery: Sendable,
  options: AttemptOptions,
  error: string,
  httpStatus: number | null = null,
  retryAfter?: number,
): Outcome {
  const gone = httpStatus === 410;
  const next = gone
    ? null
    : nextAttemptAt(delivery.attempts, options.now, (options.random ?? Math.random)(), retryAfter);
  return {
    id: delivery.id,
    endpointId: delivery.endpointId,
    result: next ? 'retry' : 'failed',
    httpStatus,
    error,
    nextAttemptAt: next,
    gone,
  };
}
