// A zone's figures as the API and the ARS pages show them.
import { CHANNELS } from '../../domain/channels';
import type { Db } from '../../db/client';
import type { RegionScope } from '../../domain/region-scope';
import { zoneStats } from './zone-stats.queries';

/** At most a year and a day: a leap year's whole year fits. */
export const MAX_STATS_DAYS = 366;

const ratio = (part: number, whole: number) => (whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000);

export type Channel = (typeof CHANNELS)[number];

/** The zone's figures over local dates [from, to]; undefined when no EPCI of the caller's regions has this SIREN. One query. */
export async function zoneFigures(
  db: Db,
  siren: string,
  from: string,
  to: string,
  now: Date,
  scope: RegionScope | undefined,
) {
  const s = await zoneStats(db, siren, from, to, now, scope);
  if (!s.zone_exists) return undefined;
  const bookedByChannel = Object.fromEntries(
    CHANNELS.map((ch) => [ch, { count: s[ch], share: ratio(s[ch], s.booked) }]),
  ) as Record<Channel, { count: number; share: number | null }>;
  return {
    siren,
    from,
    to,
    missionDays: { planned: s.planned, held: s.held, missed: s.missed },
    slots: { offered: s.offered, booked: s.booked, fulfilled: s.fulfilled, noShows: s.noshows },
    noShowRate: ratio(s.noshows, s.noshows + s.attended),
    bookedByChannel,
    referrals: s.referrals,
    waitlist: { waiting: s.waiting, offersAccepted: s.offers_accepted, offersExpired: s.offers_expired },
  };
}

export type ZoneFigures = NonNullable<Awaited<ReturnType<typeof zoneFigures>>>;
