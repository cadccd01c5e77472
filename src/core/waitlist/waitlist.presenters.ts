// An entry as every door shows it, at the request's instant: an offer whose time is up, or a
// window that is over, reads as what the next sweep will make of it (holds expire the same way).
import { MAX_OFFERS_PER_ENTRY, type WaitlistStatus } from '../../domain/waitlist';
import type { EntryRow } from './waitlist.queries';

export interface WaitlistEntryView {
  id: string;
  zone: string;
  status: WaitlistStatus;
  communes: string[] | null;
  siteIds: string[] | null;
  from: string;
  to: string;
  createdAt: string;
  offersMade: number;
  /** While offered: the slot kept for the person, until when. */
  offer: { slotId: string; startsAt: string; expiresAt: string } | null;
  bookingId: string | null;
}

const iso = (t: string) => new Date(t).toISOString();

export function effectiveStatus(row: EntryRow, now: Date): WaitlistStatus {
  const windowOver = new Date(row.ends_at) <= now;
  if (row.status === 'offered') {
    if (row.offer_status === 'live' && new Date(row.offer_expires_at!) > now) return 'offered';
    return windowOver || row.offers >= MAX_OFFERS_PER_ENTRY ? 'expired' : 'waiting';
  }
  if (row.status === 'waiting' && windowOver) return 'expired';
  return row.status as WaitlistStatus;
}

export function toWaitlistEntry(row: EntryRow, now: Date): WaitlistEntryView {
  const status = effectiveStatus(row, now);
  return {
    id: row.id,
    zone: row.epci_siren,
    status,
    communes: row.commune_insees,
    siteIds: row.site_ids,
    from: row.from_date,
    to: row.to_date,
    createdAt: iso(row.created_at),
    offersMade: row.offers,
    offer:
      status === 'offered'
        ? {
            slotId: row.offer_slot_id!,
            startsAt: iso(row.offer_slot_starts_at!),
            expiresAt: iso(row.offer_expires_at!),
          }
        : null,
    bookingId: row.booking_id,
  };
}
