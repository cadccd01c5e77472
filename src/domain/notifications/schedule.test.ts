import { describe, expect, it } from 'vitest';
import { MAX_ATTEMPTS, nextAttemptAt, reminderDueAt } from './schedule';

const booked = new Date('2026-01-01T00:00:00Z');
const due = (startsAt: string, zone: string, time = '18:00') =>
  reminderDueAt(new Date(startsAt), zone, time, booked)?.toISOString();

describe('reminder time', () => {
  it('the evening before, at the local time of the site', () => {
    expect(due('2026-12-16T08:00:00Z', 'Europe/Paris')).toBe('2026-12-15T17:00:00.000Z');
    expect(due('2026-07-16T07:00:00Z', 'Europe/Paris')).toBe('2026-07-15T16:00:00.000Z');
    expect(due('2026-12-16T12:00:00Z', 'America/Cayenne')).toBe('2026-12-15T21:00:00.000Z');
    expect(due('2026-12-16T05:00:00Z', 'Indian/Reunion')).toBe('2026-12-15T14:00:00.000Z');
    expect(due('2026-12-16T06:00:00Z', 'Indian/Mayotte', '19:30')).toBe('2026-12-15T16:30:00.000Z');
  });

  it('the day is the site’s: an early consultation overseas is on the previous UTC date', () => {
    // 07:00 in Réunion is 03:00Z on the same date; 08:00 in Guadeloupe is 12:00Z.
    expect(due('2026-12-16T03:00:00Z', 'Indian/Reunion')).toBe('2026-12-15T14:00:00.000Z');
    expect(due('2026-12-16T12:00:00Z', 'America/Guadeloupe')).toBe('2026-12-15T22:00:00.000Z');
  });

  it('across a DST change the local time is kept, not the UTC one', () => {
    // Spring forward on Sunday 2027-03-28: the eve (Saturday) is still UTC+1, the day UTC+2.
    expect(due('2027-03-28T07:00:00Z', 'Europe/Paris')).toBe('2027-03-27T17:00:00.000Z');
    expect(due('2027-03-29T07:00:00Z', 'Europe/Paris')).toBe('2027-03-28T16:00:00.000Z');
    // Fall back on Sunday 2026-10-25: the eve is UTC+2, the Monday's eve UTC+1.
    expect(due('2026-10-25T08:00:00Z', 'Europe/Paris')).toBe('2026-10-24T16:00:00.000Z');
    expect(due('2026-10-26T08:00:00Z', 'Europe/Paris')).toBe('2026-10-25T17:00:00.000Z');
  });

  it('none when the moment has passed at booking time', () => {
    const startsAt = new Date('2026-12-16T08:00:00Z');
    expect(reminderDueAt(startsAt, 'Europe/Paris', '18:00', new Date('2026-12-15T17:00:00Z'))).toBeNull();
    expect(reminderDueAt(startsAt, 'Europe/Paris', '18:00', new Date('2026-12-15T16:59:59Z'))).not.toBeNull();
  });
});

describe('retry schedule', () => {
  const now = new Date('2026-12-03T10:00:00Z');
  const wait = (attempts: number, retryAfter?: number) => {
    const next = nextAttemptAt(attempts, now, retryAfter);
    return next && (next.getTime() - now.getTime()) / 1000;
  };

  it('1 min, 5 min, 30 min, 2 h, 6 h, then final', () => {
    expect([1, 2, 3, 4, 5].map((a) => wait(a))).toEqual([60, 300, 1800, 7200, 21_600]);
    expect(MAX_ATTEMPTS).toBe(6);
    expect(wait(6)).toBeNull();
  });

  it('a longer Retry-After is honoured, capped at 6 h; a shorter one does not hurry the schedule', () => {
    expect(wait(1, 120)).toBe(120);
    expect(wait(2, 120)).toBe(300);
    expect(wait(1, 86_400)).toBe(21_600);
    expect(wait(6, 120)).toBeNull();
  });
});
