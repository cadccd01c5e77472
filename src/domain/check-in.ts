// When and where a doctor may check in to a mission day: a window around the mission's local
// hours, and an optional geofence around the site.
import { problem } from './problem';
import { isoWithOffset, zonedInstant } from './time';

export const DEFAULT_EARLY_MINUTES = 60;
export const DEFAULT_GEOFENCE_METERS = 1000;
/** Mean Earth radius (IUGG), the usual choice for haversine distances. */
const EARTH_RADIUS_METERS = 6_371_008.8;

export interface MissionHours {
  date: string;
  start: string;
  end: string;
  timeZone: string;
}

export interface Coordinates {
  latitude: number;
  longitude: number;
}

/** Opens `earlyMinutes` before the local start, closes at the local end, both in the site's zone. */
export function checkInWindow(
  mission: MissionHours,
  options: { earlyMinutes?: number } = {},
): { opensAt: Date; closesAt: Date } {
  const early = options.earlyMinutes ?? DEFAULT_EARLY_MINUTES;
  const startsAt = zonedInstant(mission.date, mission.start, mission.timeZone);
  return {
    opensAt: new Date(startsAt.getTime() - early * 60_000),
    closesAt: zonedInstant(mission.date, mission.end, mission.timeZone),
  };
}

/** Both edges are inclusive. */
export function assertCheckInAllowed(mission: MissionHours, now: Date): void {
  const { opensAt, closesAt } = checkInWindow(mission);
  if (now.getTime() >= opensAt.getTime() && now.getTime() <= closesAt.getTime()) return;
  const window = {
    opensAt: isoWithOffset(opensAt, mission.timeZone),
    closesAt: isoWithOffset(closesAt, mission.timeZone),
  };
  throw problem(
    'check_in_window',
    `Check-in for this mission is open from ${window.opensAt} to ${window.closesAt} (${mission.timeZone}).`,
    { extensions: { window } },
  );
}

/** Great-circle distance in metres (haversine). */
export function distanceMeters(a: Coordinates, b: Coordinates): number {
  const rad = (deg: number) => (deg * Math.PI) / 180;
  const dLat = rad(b.latitude - a.latitude);
  const dLon = rad(b.longitude - a.longitude);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.latitude)) * Math.cos(rad(b.latitude)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_METERS * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Location is optional (a device may refuse it) and so are site coordinates: no data, no check. */
export function assertWithinGeofence(
  point: Coordinates | undefined,
  site: { latitude: number | null; longitude: number | null },
  maxMeters = DEFAULT_GEOFENCE_METERS,
): void {
  if (!point || site.latitude === null || site.longitude === null) return;
  const distance = distanceMeters(point, { latitude: site.latitude, longitude: site.longitude });
  if (distance <= maxMeters) return;
  const rounded = Math.round(distance);
  throw problem('check_in_too_far', `Check-in is ${rounded} m from the site; it must be within ${maxMeters} m.`, {
    extensions: { distanceMeters: rounded, maxMeters },
  });
}
