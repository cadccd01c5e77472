// Wall-clock time in a named time zone ↔ instants, with DST handled explicitly:
// a local time that does not exist (spring forward) moves forward by the gap; a local time that
// happens twice (fall back) means the first occurrence. Same rule as Temporal's "compatible".
const HOUR = 3_600_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string) {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** The wall clock read by ICU: exact, and the costliest call on a search's hot path. */
function formattedWallClock(instant: number, timeZone: string): WallClock {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(instant)))
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return {
    year: parts.year,
    month: parts.month,
    day: parts.day,
    hour: parts.hour,
    minute: parts.minute,
    second: parts.second,
  };
}

/** The offset, given the wall clock already read at that instant. */
function offsetOf(w: WallClock, instant: number): number {
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - Math.floor(instant / 1000) * 1000;
}

// Offsets per zone and quarter hour: a page of slots shares a handful of them. A quarter whose two
// ends have the same offset has it throughout (transitions are months apart); one that straddles
// a transition is not cached and is read exactly.
const QUARTER = 15 * 60_000;
const MAX_CACHED_OFFSETS = 20_000;
const offsets = new Map<string, number | null>();

function cachedOffset(instant: number, timeZone: string): number | null {
  const start = Math.floor(instant / QUARTER) * QUARTER;
  const key = `${timeZone} ${start}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    const first = offsetOf(formattedWallClock(start, timeZone), start);
    const last = offsetOf(formattedWallClock(start + QUARTER - 1000, timeZone), start + QUARTER - 1000);
    offset = first === last ? first : null;
    if (offsets.size >= MAX_CACHED_OFFSETS) offsets.clear();
    offsets.set(key, offset);
  }
  return offset;
}

function wallClock(instant: number, timeZone: string): WallClock {
  const offset = cachedOffset(instant, timeZone);
  if (offset === null) return formattedWallClock(instant, timeZone);
  const d = new Date(instant + offset);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
  };
}

/** Offset of the zone from UTC at an instant, in milliseconds (Paris in summer: +2 h). */
export function offsetAt(instant: number, timeZone: string): number {
  return offsetOf(wallClock(instant, timeZone), instant);
}

/** The instant at which the wall clock of `timeZone` shows `date` (YYYY-MM-DD) `time` (HH:MM). */
export function zonedInstant(date: string, time: string, timeZone: string): Date {
  const [y, m, d] = date.split('-').map(Number);
  const [hh, mm] = time.split(':').map(Number);
  const wall = Date.UTC(y, m - 1, d, hh, mm);
  // Offsets half a day either side bracket any transition (transitions are months apart).
  const before = offsetAt(wall - 12 * HOUR, timeZone);
  const after = offsetAt(wall + 12 * HOUR, timeZone);
  const valid = [wall - before, wall - after].filter((t) => t + offsetAt(t, timeZone) === wall);
  if (valid.length === 0) return new Date(wall - before); // in a gap: forward by the gap
  return new Date(Math.min(...valid)); // in an overlap: the first occurrence
}

const pad = (n: number, width = 2) => String(Math.abs(n)).padStart(width, '0');

/** The site's local calendar date (YYYY-MM-DD) at an instant. */
export function localDate(instant: Date, timeZone: string): string {
  const w = wallClock(instant.getTime(), timeZone);
  return `${w.year}-${pad(w.month)}-${pad(w.day)}`;
}

/** ISO 8601 with the zone's offset at that instant, e.g. 2026-03-29T09:00:00+02:00. */
export function isoWithOffset(instant: Date, timeZone: string): string {
  // One read of the wall clock serves both the local time and the offset.
  const w = wallClock(instant.getTime(), timeZone);
  const offsetMinutes = Math.round(offsetOf(w, instant.getTime()) / 60_000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  return `${w.year}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}${sign}${pad(Math.trunc(offsetMinutes / 60))}:${pad(offsetMinutes % 60)}`;
}

/** isoWithOffset of a timestamp read from the database, null staying null. */
export const inZone = (t: string | null, timeZone: string) => (t ? isoWithOffset(new Date(t), timeZone) : null);

/** Days between two calendar dates (b − a). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / (24 * HOUR));
}
