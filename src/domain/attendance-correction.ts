// What an ARS correction of a mission's attendance may say: times of the mission's own day, at the
// site, already past, the check-out not before the check-in. The reason is the route's and the
// database's CHECK.
import { problem } from './problem';
import { isoWithOffset, localDate } from './time';

export interface CorrectedAttendance {
  checkedInAt: Date;
  checkedOutAt: Date;
}

export function assertAttendanceOfDay(
  day: { date: string; timeZone: string },
  attendance: CorrectedAttendance,
  now: Date,
): void {
  const { checkedInAt, checkedOutAt } = attendance;
  if (checkedOutAt.getTime() < checkedInAt.getTime()) {
    throw problem('invalid_attendance', 'checkedOutAt comes before checkedInAt.');
  }
  if (checkedOutAt.getTime() > now.getTime()) {
    throw problem(
      'invalid_attendance',
      'checkedOutAt is in the future: a correction records a presence that took place.',
    );
  }
  for (const [field, instant] of [
    ['checkedInAt', checkedInAt],
    ['checkedOutAt', checkedOutAt],
  ] as const) {
    if (localDate(instant, day.timeZone) !== day.date) {
      throw problem(
        'invalid_attendance',
        `${field} ${isoWithOffset(instant, day.timeZone)} is not on the mission’s date, ${day.date} (${day.timeZone}).`,
      );
    }
  }
}
