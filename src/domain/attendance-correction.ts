// What an ARS correction of a mission's attendance may say: times of the mission's own day, at the
// site, the check-out not before the check-in. The reason is the database's CHECK and the route's.
import { RuleViolation } from './errors';
import { isoWithOffset, localDate } from './time';

export interface CorrectedAttendance {
  checkedInAt: Date;
  checkedOutAt: Date;
}

export function assertAttendanceOfDay(day: { date: string; timeZone: string }, attendance: CorrectedAttendance): void {
  const { checkedInAt, checkedOutAt } = attendance;
  if (checkedOutAt.getTime() < checkedInAt.getTime()) {
    throw new RuleViolation('invalid_attendance', 'checkedOutAt comes before checkedInAt.');
  }
  for (const [field, instant] of [['checkedInAt', checkedInAt], ['checkedOutAt', checkedOutAt]] as const) {
    if (localDate(instant, day.timeZone) !== day.date) {
      throw new RuleViolation('invalid_attendance', `${field} ${isoWithOffset(instant, day.timeZone)} is not on the mission’s date, ${day.date} (${day.timeZone}).`);
    }
  }
}
