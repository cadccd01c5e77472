import { describe, expect, it } from 'vitest';
import { retryAfterSeconds } from './retry-after';

const now = new Date('2026-12-01T08:00:00Z');

describe('Retry-After', () => {
  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(retryAfterSeconds('120', now)).toBe(120);
    expect(retryAfterSeconds('Tue, 01 Dec 2026 08:10:00 GMT', now)).toBe(600);
    expect(retryAfterSeconds('soon', now)).toBeUndefined();
    expect(retryAfterSeconds(null, now)).toBeUndefined();
  });
});
