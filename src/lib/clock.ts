// The one module that reads the wall clock. Every rule takes "now" as a parameter; the entry points
// (the Worker's fetch, queue and scheduled handlers) read it here once and pass it down, so that
// tests and replays inject their own time and no result depends on the day the code runs.
// tests/wall-clock.test.ts fails on any other wall-clock read in src/.

export type Clock = () => Date;

/** The real time: for production entry points, and for JWT checks (tokens are signed with it). */
export const systemClock: Clock = () => new Date();

/**
 * Where the Queue consumer takes "now" from. `wall` in every deployment. `event` (tests, replays of
 * recorded events) dates each event's work at the event's own time, so that the messages and
 * webhooks of a request made under an injected clock are planned under that same clock.
 */
export type QueueClockMode = 'wall' | 'event';

/** The consumer's instant for one event, and for the batch's own bookkeeping (its latest event). */
export function queueTime(mode: QueueClockMode, occurredAt: readonly string[], wall: Clock = systemClock): Date {
  if (mode === 'wall' || !occurredAt.length) return wall();
  return new Date(Math.max(...occurredAt.map((t) => Date.parse(t))));
}
