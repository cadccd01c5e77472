import { describe, expect, it } from 'vitest';
import { offerMinutes } from './waitlist';

const now = new Date('2026-12-01T08:00:00Z');
const inHours = (h: number) => new Date(now.getTime() + h * 3_600_000);

describe('offerMinutes', () => {
  it('offers 2 hours for a slot a day or more ahead, less when it is nearer, none within 3 hours', () => {
    expect(offerMinutes(inHours(72), now)).toBe(120);
    expect(offerMinutes(inHours(24), now)).toBe(120);
    expect(offerMinutes(inHours(23.9), now)).toBe(60);
    expect(offerMinutes(inHours(6), now)).toBe(60);
    expect(offerMinutes(inHours(5), now)).toBe(30);
    expect(offerMinutes(inHours(3.01), now)).toBe(30);
    expect(offerMinutes(inHours(3), now)).toBeNull();
    expect(offerMinutes(inHours(-1), now)).toBeNull();
  });

  it('always ends an offer at least two hours before its slot (the database checks it too)', () => {
    for (const h of [3.01, 4, 5.99, 6, 12, 23.99, 24, 100]) {
      const minutes = offerMinutes(inHours(h), now)!;
      expect(h * 60 - minutes).toBeGreaterThanOrEqual(120);
    }
  });
});
