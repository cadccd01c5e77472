// Idempotency-Key support: the same key and body from the same caller replays the first result.
import { sha256Hex } from '../domain/hash';
import { problem } from '../domain/problem';

export function idempotencyKeyFrom(header: string | undefined): string {
  if (!header) {
    throw problem(
      'idempotency_key_required',
      'Send an Idempotency-Key header (a UUID is a good choice) so that a retried request cannot book twice.',
    );
  }
  if (!/^[\x21-\x7e]{8,200}$/.test(header)) {
    throw problem('idempotency_key_invalid', 'The Idempotency-Key must be 8 to 200 printable ASCII characters.');
  }
  return header;
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

/** A digest of the request body, insensitive to key order. */
export async function requestHash(body: unknown): Promise<string> {
  return sha256Hex(JSON.stringify(canonical(body)));
}
