import { describe, expect, it } from 'vitest';
import { violationOf } from './violation.test-support';
import { planMission } from './missions';
import { isoWithOffset, localDate, zonedInstant } from './time';

const now = new Date('2026-01-10T08:00:00Z');

describe('zonedInstant', () => {
  it('maps Paris wall time to the right instant in winter and summer', () => {
    expect(zonedInstant('2026-01-15', '09:00', 'Europe/Paris').toISOString()).toBe('2026-01-15T08:00:00.000Z');
    expect(zonedInstant('2026-07-15', '09:00', 'Europe/Paris').toISOString()).toBe('2026-07-15T07:00:00.000Z');
  });

  it('moves a time in the spring-forward gap forward, and takes the first of a repeated time', () => {
    expect(zonedInstant('2026-03-29', '02:30', 'Europe/Paris').toISOString()).toBe('2026-03-29T01:30:00.000Z');
    expect(zonedInstant('2026-10-25', '02:30', 'Europe/Paris').toISOString()).toBe('2026-10-25T00:30:00.000Z');
  });

  it('handles zones without DST overseas', () => {
    expect(zonedInstant('2026-03-29', '08:00', 'America/Cayenne').toISOString()).toBe('2026-03-29T11:00:00.000Z');
    expect(zonedInstant('2026-03-29', '08:00', 'Indian/Reunion').toISOString()).toBe('2026-03-29T04:00:00.000Z');
    expect(isoWithOffset(new Date('2026-03-29T11:00:00Z'), 'America/Cayenne')).toBe('2026-03-29T08:00:00-03:00');
  });

  it('gives the local date of an instant', () => {
    expect(localDate(new Date('2026-01-31T23:30:00Z'), 'Europe/Paris')).toBe('2026-02-01');
    expect(localDate(new Date('2026-02-01T02:00:00Z'), 'America/Cayenne')).toBe('2026-01-31');
  });
});

describe('planMission', () => {
  const base = { date: '2026-02-03', start: '09:00', end: '12:00', slotMinutes: 20, timeZone: 'Europe/Paris' };

  it('cuts back-to-back whole slots and classes a short day as a half-day', () => {
    const plan = planMission(base, now);
    expect(plan.slots).toHaveLength(9);
    expect(plan.dayKind).toBe('half');
    expect(isoWithOffset(plan.slots[0].startsAt, 'Europe/Paris')).toBe('2026-02-03T09:00:00+01:00');
    expect(isoWithOffset(plan.slots[8].endsAt, 'Europe/Paris')).toBe('2026-02-03T12:00:00+01:00');
  });

  it('classes six hours or more as a full day', () => {
    expect(planMission({ ...base, start: '08:00', end: '14:00' }, now).dayKind).toBe('full');
    expect(planMission({ ...base, start: '08:00', end: '13:59' }, now).dayKind).toBe('half');
  });

  it('drops a trailing partial slot', () => {
    expect(planMission({ ...base, end: '10:50' }, now).slots).toHaveLength(5);
  });

  it('counts elapsed time across the DST changes', () => {
    const spring = planMission({ ...base, date: '2026-03-29', start: '01:00', end: '05:00', slotMinutes: 60 }, now);
    expect(spring.minutes).toBe(180);
    expect(spring.slots.map((s) => isoWithOffset(s.startsAt, 'Europe/Paris'))).toEqual([
      '2026-03-29T01:00:00+01:00',
      '2026-03-29T03:00:00+02:00',
      '2026-03-29T04:00:00+02:00',
    ]);
    const autumn = planMission({ ...base, date: '2026-10-25', start: '01:00', end: '05:00', slotMinutes: 60 }, now);
    expect(autumn.minutes).toBe(300);
    expect(autumn.slots).toHaveLength(5);
    const daytime = planMission({ ...base, date: '2026-03-29', start: '08:00', end: '12:00', slotMinutes: 15 }, now);
    expect(daytime.slots).toHaveLength(16);
    expect(daytime.slots[0].startsAt.toISOString()).toBe('2026-03-29T06:00:00.000Z');
  });

  it('refuses missions that are too short, already started, or too far ahead', () => {
    const code = (f: () => unknown) => violationOf(f).code;
    expect(code(() => planMission({ ...base, end: '09:10' }, now))).toBe('mission_too_short');
    expect(code(() => planMission({ ...base, start: '12:00', end: '09:00' }, now))).toBe('mission_too_short');
    expect(
      code(() =>
        planMission({ ...base, date: '2026-01-10', start: '08:00', end: '12:00' }, new Date('2026-01-10T08:00:00Z')),
      ),
    ).toBe('mission_in_past');
    expect(code(() => planMission({ ...base, date: '2027-02-01' }, now))).toBe('mission_too_far');
  });
});
