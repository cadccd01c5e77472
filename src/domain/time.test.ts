import { describe, expect, it } from 'vitest';
import { isoWithOffset, localDate, offsetAt } from './time';
import { timeZoneForDepartement } from './time-zones';

/** What ICU says, read the plain way: the reference the cached offsets must agree with. */
const formats = new Map<string, Intl.DateTimeFormat>();
function reference(instant: number, timeZone: string) {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formats.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(new Date(instant)).map((p) => [p.type, p.value]));
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}:${parts.second}` };
}

const ZONES = [
  'Europe/Paris',
  ...['971', '973', '974', '975', '976', '987', '988'].map(timeZoneForDepartement),
  'Australia/Lord_Howe',
  'Asia/Kathmandu',
];
const MINUTE = 60_000;

describe('local times', () => {
  it('agree with ICU at every minute around the transitions, and across a year', () => {
    const instants: number[] = [];
    // Minute by minute: Paris's 2027 changes (28 March, 31 October, 01:00 UTC), Lord Howe's
    // half-hour ones, and Paris leaving its mean solar time (+0:09:21) in 1911, in mid-quarter-hour.
    for (const around of [
      '2027-03-28T01:00:00Z',
      '2027-10-31T01:00:00Z',
      '2027-04-03T15:00:00Z',
      '2027-10-02T15:30:00Z',
      '1911-03-10T23:50:39Z',
    ]) {
      for (let m = -90; m <= 90; m++) instants.push(Date.parse(around) + m * MINUTE + (m % 3) * 7_001);
    }
    // Then every 3 h 7 min 11 s across 2027, so that every hour of the day and every day of the year is hit.
    for (let t = Date.parse('2027-01-01T00:00:00Z'); t < Date.parse('2028-01-01T00:00:00Z'); t += 187 * MINUTE + 11_000)
      instants.push(t);

    const wrong: string[] = [];
    for (const zone of ZONES) {
      for (const t of instants) {
        const want = reference(t, zone);
        const iso = isoWithOffset(new Date(t), zone);
        const second = Math.floor(t / 1000) * 1000;
        const offset = Date.parse(`${want.date}T${want.time}Z`) - second;
        const right =
          iso.slice(0, 19) === `${want.date}T${want.time}` &&
          localDate(new Date(t), zone) === want.date &&
          offsetAt(t, zone) === offset &&
          // The offset the string carries gets back to the instant (ISO 8601 cannot write 1911's seconds).
          (offset % MINUTE !== 0 || Date.parse(iso) === second);
        if (!right) wrong.push(`${zone} ${new Date(t).toISOString()}: ${iso}, ICU ${want.date} ${want.time}`);
      }
    }
    expect(wrong.slice(0, 5)).toEqual([]);
  });
});
