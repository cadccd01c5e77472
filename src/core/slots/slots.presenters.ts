// The shapes every door renders a free slot from.
import { isoWithOffset } from '../../domain/time';
import type { SearchHints, SlotRow } from './slots.queries';

export const tariffOf = (amountCents: number, majorations: string[] = []) => ({
  code: 'G' as const,
  majorations,
  amountCents,
  currency: 'EUR' as const,
  overbilling: false as const,
});

export const toSlot = (r: SlotRow) => ({
  id: r.id,
  startsAt: isoWithOffset(new Date(r.starts_at), r.time_zone),
  endsAt: isoWithOffset(new Date(r.ends_at), r.time_zone),
  site: { id: r.site_id, name: r.site_name, address: r.address, commune: { insee: r.insee, name: r.commune_name } },
  tariff: tariffOf(r.amount_cents),
  noOverbilling: true as const,
});

export const toHints = (h: SearchHints) => ({
  nextAvailable:
    h.next_available && h.next_available_zone ? isoWithOffset(new Date(h.next_available), h.next_available_zone) : null,
  nextMissionDay: h.next_mission_day,
});
