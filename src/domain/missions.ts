// What a declared mission day becomes: its instants, its kind, and its bookable slots.
import { problem } from './problem';
import { daysBetween, localDate, zonedInstant } from './time';

export const FULL_DAY_MINUTES = 6 * 60;
/** How far ahead a doctor may declare (the scheme plans months ahead, not years). */
export const MAX_DAYS_AHEAD = 366;

export interface MissionRequest {
  date: string;
  start: string;
  end: string;
  slotMinutes: number;
  timeZone: string;
}

export interface MissionPlan {
  startsAt: Date;
  endsAt: Date;
  minutes: number;
  dayKind: 'full' | 'half';
  slots: Array<{ startsAt: Date; endsAt: Date }>;
}

/**
 * Slots run back to back from the start, in elapsed time, and only whole slots are offered. On a
 * DST change day a mission spanning the change therefore has one slot-hour more or fewer.
 */
export function planMission(request: MissionRequest, now: Date): MissionPlan {
  const startsAt = zonedInstant(request.date, request.start, request.timeZone);
  const endsAt = zonedInstant(request.date, request.end, request.timeZone);
  const minutes = Math.round((endsAt.getTime() - startsAt.getTime()) / 60_000);
  if (minutes < request.slotMinutes) {
    throw problem(
      'mission_too_short',
      `The mission must last at least one slot (${request.slotMinutes} min); it lasts ${Math.max(minutes, 0)} min.`,
    );
  }
  if (startsAt.getTime() <= now.getTime()) {
    throw problem('mission_in_past', 'A mission can only be declared for a time that has not started yet.');
  }
  const today = localDate(now, request.timeZone);
  if (daysBetween(today, request.date) > MAX_DAYS_AHEAD) {
    throw problem('mission_too_far', `Missions are declared at most ${MAX_DAYS_AHEAD} days ahead.`);
  }
  const step = request.slotMinutes * 60_000;
  const slots: MissionPlan['slots'] = [];
  for (let t = startsAt.getTime(); t + step <= endsAt.getTime(); t += step) {
    slots.push({ startsAt: new Date(t), endsAt: new Date(t + step) });
  }
  return { startsAt, endsAt, minutes, dayKind: minutes >= FULL_DAY_MINUTES ? 'full' : 'half', slots };
}
