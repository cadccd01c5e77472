// The pages' slot search: two weeks at a time, up to the API's longest window (MAX_RANGE_DAYS)
// from now, with links to the weeks before and after. An empty window is never a dead end: the
// page leads with the window of the next free slot, or says when the next (full) day is.
import type { Db } from '../db/client';
import { MAX_RANGE_DAYS, type ZoneFilter } from '../core/slots/slots.queries';
import { searchFreeSlots, type SlotSearch } from '../core/slots/slots.search';
import { zonedInstant } from '../domain/time';
import { frenchDay } from './format';

export const WINDOW_DAYS = 14;
const DAY = 86_400_000;
const LAST_WINDOW = Math.ceil(MAX_RANGE_DAYS / WINDOW_DAYS) - 1;

export function windowRange(now: Date, index: number) {
  const from = new Date(now.getTime() + index * WINDOW_DAYS * DAY);
  return { from, to: new Date(Math.min(from.getTime() + WINDOW_DAYS * DAY, now.getTime() + MAX_RANGE_DAYS * DAY)) };
}

/** The window a `periode` query value names: the first when absent or not a window. */
export function windowIndex(value: string | undefined): number {
  return value !== undefined && /^\d$/.test(value) && Number(value) <= LAST_WINDOW ? Number(value) : 0;
}

export interface WindowSearch extends SlotSearch {
  window: number;
  /** The window asked for, when it had no free slot and `window` is the one of the next free slot. */
  skipped?: { window: number; search: SlotSearch };
}

export async function searchWindow(
  db: Db,
  filter: ZoneFilter,
  now: Date,
  index: number,
  after: [string, string] | undefined,
  limit: number,
): Promise<WindowSearch> {
  const found = await searchFreeSlots(db, filter, windowRange(now, index), now, after, limit);
  const next = found.hints?.next_available ? new Date(found.hints.next_available).getTime() - now.getTime() : undefined;
  if (next === undefined || next >= MAX_RANGE_DAYS * DAY) return { ...found, window: index };
  const target = Math.floor(next / (WINDOW_DAYS * DAY));
  return {
    ...(await searchFreeSlots(db, filter, windowRange(now, target), now, undefined, limit)),
    window: target,
    skipped: { window: index, search: found },
  };
}

/** Links to the two weeks before and after (a window skipped for being empty is not offered again). */
export function WindowLinks({ found, href }: { found: WindowSearch; href: (periode: number) => string }) {
  const before = (found.skipped?.window ?? found.window) - 1;
  const after = found.window < LAST_WINDOW ? found.window + 1 : -1;
  if (before < 0 && after < 0) return null;
  return (
    <ul class="fr-btns-group fr-btns-group--inline-md fr-btns-group--icon-left fr-mt-4w">
      {before >= 0 ? (
        <li>
          <a class="fr-btn fr-btn--tertiary fr-icon-arrow-left-line" href={href(before)}>
            Voir les {WINDOW_DAYS} jours précédents
          </a>
        </li>
      ) : null}
      {after >= 0 ? (
        <li>
          <a class="fr-btn fr-btn--tertiary fr-icon-arrow-right-line" href={href(after)}>
            Voir les {WINDOW_DAYS} jours suivants
          </a>
        </li>
      ) : null}
    </ul>
  );
}

const dayOf = (date: string, now: Date) => frenchDay(zonedInstant(date, '12:00', 'Europe/Paris'), 'Europe/Paris', now);

/** What a page says above the slots of a window it led to, or instead of slots when there are none. */
export function whereNext(found: WindowSearch, now: Date): string | undefined {
  if (found.skipped && found.rows.length) {
    const first = found.rows[0];
    return `Aucun créneau n’est libre avant le ${frenchDay(new Date(first.starts_at), first.time_zone, now)}. Voici les premiers créneaux libres.`;
  }
  if (found.rows.length || !found.hints) return undefined;
  const { next_available: available, next_available_zone: zone, next_mission_day: day } = found.hints;
  if (available && zone) return `Le prochain créneau libre est le ${frenchDay(new Date(available), zone, now)}.`;
  if (day)
    return `Le prochain jour de consultation, le ${dayOf(day, now)}, est complet. Des créneaux se libèrent parfois : revenez plus tard.`;
  return 'Aucun jour de consultation n’est prévu pour le moment. De nouveaux jours ouvrent chaque semaine.';
}
