import { describe, expect, it } from 'vitest';
import { assertAttendanceOfDay } from './attendance-correction';
import { violationOf } from './violation.test-support';

const day = { date: '2026-12-15', timeZone: 'Indian/Reunion' };
const now = new Date('2026-12-20T08:00:00Z');

describe('assertAttendanceOfDay', () => {
  it('accepts times of the mission’s local day, check-out not before check-in', () => {
    expect(() =>
      assertAttendanceOfDay(
        day,
        { checkedInAt: new Date('2026-12-14T20:00:00Z'), checkedOutAt: new Date('2026-12-15T19:59:59Z') },
        now,
      ),
    ).not.toThrow();
  });

  it('refuses a check-out before the check-in, and a time on another local day', () => {
    const backwards = violationOf(() =>
      assertAttendanceOfDay(
        day,
        { checkedInAt: new Date('2026-12-15T08:00:00Z'), checkedOutAt: new Date('2026-12-15T07:00:00Z') },
        now,
      ),
    );
    expect(backwards).toMatchObject({ code: 'invalid_attendance', status: 422 });
    const nextDay = violationOf(() =>
      assertAttendanceOfDay(
        day,
        { checkedInAt: new Date('2026-12-15T05:00:00Z'), checkedOutAt: new Date('2026-12-15T20:00:00Z') },
        now,
      ),
    );
    expect(nextDay.detail).toBe(
      'checkedOutAt 2026-12-16T00:00:00+04:00 is not on the mission’s date, 2026-12-15 (Indian/Reunion).',
    );
  });

  it('refuses a check-out still to come', () => {
    const attendance = {
      checkedInAt: new Date('2026-12-15T05:00:00Z'),
      checkedOutAt: new Date('2026-12-15T12:00:00Z'),
    };
    expect(violationOf(() => assertAttendanceOfDay(day, attendance, new Date('2026-12-15T11:59:59Z'))).code).toBe(
      'invalid_attendance',
    );
    expect(() => assertAttendanceOfDay(day, attendance, new Date('2026-12-15T12:00:00Z'))).not.toThrow();
  });
});
