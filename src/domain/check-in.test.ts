import { describe, expect, it } from 'vitest';
import { assertCheckInAllowed, assertWithinGeofence, checkInWindow, distanceMeters } from './check-in';
import { ProblemError } from './problem';
import { violationOf } from './violation.test-support';

const MINUTE = 60_000;

describe('checkInWindow / assertCheckInAllowed', () => {
  const paris = { date: '2026-02-03', start: '09:00', end: '12:00', timeZone: 'Europe/Paris' };

  it('opens an hour before the local start and closes at the local end (Europe/Paris)', () => {
    const { opensAt, closesAt } = checkInWindow(paris);
    expect(opensAt.toISOString()).toBe('2026-02-03T07:00:00.000Z');
    expect(closesAt.toISOString()).toBe('2026-02-03T11:00:00.000Z');
  });

  it('accepts both edges and refuses just outside them', () => {
    const { opensAt, closesAt } = checkInWindow(paris);
    expect(() => assertCheckInAllowed(paris, opensAt)).not.toThrow();
    expect(() => assertCheckInAllowed(paris, closesAt)).not.toThrow();
    expect(() => assertCheckInAllowed(paris, new Date(opensAt.getTime() - MINUTE))).toThrow(ProblemError);
    expect(() => assertCheckInAllowed(paris, new Date(closesAt.getTime() + 1))).toThrow(ProblemError);
  });

  it('names the window in local time with offset', () => {
    const error = violationOf(() => assertCheckInAllowed(paris, new Date('2026-02-03T06:59:00Z')));
    expect(error.code).toBe('check_in_window');
    expect(error.status).toBe(422);
    expect(error.detail).toContain('2026-02-03T08:00:00+01:00');
    expect(error.detail).toContain('2026-02-03T12:00:00+01:00');
    expect(error.extensions).toEqual({
      window: { opensAt: '2026-02-03T08:00:00+01:00', closesAt: '2026-02-03T12:00:00+01:00' },
    });
  });

  it('honours a custom early margin', () => {
    expect(checkInWindow(paris, { earlyMinutes: 15 }).opensAt.toISOString()).toBe('2026-02-03T07:45:00.000Z');
  });

  it('uses the site zone overseas (America/Cayenne, UTC−3)', () => {
    const cayenne = { date: '2026-02-03', start: '08:00', end: '12:00', timeZone: 'America/Cayenne' };
    const { opensAt, closesAt } = checkInWindow(cayenne);
    expect(opensAt.toISOString()).toBe('2026-02-03T10:00:00.000Z');
    expect(closesAt.toISOString()).toBe('2026-02-03T15:00:00.000Z');
    // 06:00Z is 07:00 in Paris but 03:00 in Cayenne: too early.
    expect(() => assertCheckInAllowed(cayenne, new Date('2026-02-03T06:00:00Z'))).toThrow(ProblemError);
    expect(() => assertCheckInAllowed(cayenne, new Date('2026-02-03T10:00:00Z'))).not.toThrow();
    const error = violationOf(() => assertCheckInAllowed(cayenne, new Date('2026-02-03T15:00:00.001Z')));
    expect(error.extensions).toEqual({
      window: { opensAt: '2026-02-03T07:00:00-03:00', closesAt: '2026-02-03T12:00:00-03:00' },
    });
  });

  it('handles a DST change day (2026-03-29, Europe/Paris)', () => {
    const mission = { date: '2026-03-29', start: '01:00', end: '05:00', timeZone: 'Europe/Paris' };
    const { opensAt, closesAt } = checkInWindow(mission);
    expect(opensAt.toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(closesAt.toISOString()).toBe('2026-03-29T03:00:00.000Z');
    const error = violationOf(() => assertCheckInAllowed(mission, new Date('2026-03-28T22:59:00Z')));
    expect(error.extensions).toEqual({
      window: { opensAt: '2026-03-29T00:00:00+01:00', closesAt: '2026-03-29T05:00:00+02:00' },
    });
    expect(() => assertCheckInAllowed(mission, new Date('2026-03-29T03:00:00Z'))).not.toThrow();
  });
});

describe('distanceMeters / assertWithinGeofence', () => {
  const site = { latitude: 48.8566, longitude: 2.3522 };
  const north = (meters: number) => ({ latitude: site.latitude + meters / 111_195, longitude: site.longitude });

  it('measures great-circle distance', () => {
    expect(distanceMeters(site, site)).toBe(0);
    expect(distanceMeters(site, north(1000))).toBeCloseTo(1000, 0);
  });

  it('accepts 999 m and refuses 1,001 m', () => {
    expect(() => assertWithinGeofence(north(999), site)).not.toThrow();
    const error = violationOf(() => assertWithinGeofence(north(1001), site));
    expect(error.code).toBe('check_in_too_far');
    expect(error.status).toBe(422);
    expect(error.extensions).toEqual({ distanceMeters: 1001, maxMeters: 1000 });
    expect(error.detail).toContain('1001 m');
    expect(error.detail).toContain('1000 m');
  });

  it('honours a custom limit', () => {
    expect(() => assertWithinGeofence(north(400), site, 300)).toThrow(ProblemError);
  });

  it('does not check without a point or without site coordinates', () => {
    expect(() => assertWithinGeofence(undefined, site)).not.toThrow();
    expect(() => assertWithinGeofence(north(50_000), { latitude: null, longitude: null })).not.toThrow();
    expect(() => assertWithinGeofence(north(50_000), { latitude: site.latitude, longitude: null })).not.toThrow();
  });
});
