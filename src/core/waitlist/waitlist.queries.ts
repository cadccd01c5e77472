import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { textArray } from '../../db/text-array';
import { DEFAULT_WINDOW_DAYS, MAX_WINDOW_DAYS } from '../../domain/waitlist';
import type { Caller } from '../../domain/caller';
import { auditCte, type AuditEntry } from '../audit/audit.queries';

/** Object-level authorisation on entries e, as for bookings: someone else's entry is a 404. */
export function entryVisibleTo(caller: Caller): SQL {
  switch (caller.role) {
    case 'patient':
      if (caller.waitlistEntryId) return sql`e.id = ${caller.waitlistEntryId}`;
      // A booking's personal link (sub rdv:<booking>) sees the entry it made when its booking was cancelled.
      return sql`e.owner_role = 'patient' AND e.owner_sub = ${caller.sub}`;
    case 'integrator':
      return sql`e.owner_role = 'integrator' AND e.client_id = ${caller.clientId}`;
    case 'agent':
    case 'admin':
      return sql`true`;
    default:
      return sql`false`;
  }
}

export type EntryRow = {
  id: string;
  epci_siren: string;
  status: string;
  commune_insees: string[] | null;
  site_ids: string[] | null;
  from_date: string;
  to_date: string;
  ends_at: string;
  offers: number;
  created_at: string;
  ended_at: string | null;
  booking_id: string | null;
  patient_first_name: string | null;
  patient_last_name: string | null;
  patient_birth_date: string | null;
  patient_phone: string | null;
  patient_email: string | null;
  notify_sms: boolean;
  notify_email: boolean;
  // The latest offer, if any.
  offer_status: string | null;
  offer_slot_id: string | null;
  offer_hold_id: string | null;
  offer_expires_at: string | null;
  offer_slot_starts_at: string | null;
};

const entryColumns = sql`e.id, e.epci_siren, e.status, e.commune_insees, e.site_ids, e.from_date::text AS from_date, e.to_date::text AS to_date,
  e.ends_at, e.offers, e.created_at, e.ended_at, e.booking_id,
  e.patient_first_name, e.patient_last_name, e.patient_birth_date::text AS patient_birth_date, e.patient_phone, e.patient_email, e.notify_sms, e.notify_email,
  o.status AS offer_status, o.slot_id AS offer_slot_id, o.hold_id AS offer_hold_id, o.expires_at AS offer_expires_at, o.slot_starts_at AS offer_slot_starts_at`;

const latestOffer = sql`LEFT JOIN LATERAL (
    SELECT status, slot_id, hold_id, expires_at, slot_starts_at FROM waitlist_offers WHERE entry_id = e.id ORDER BY status = 'live' DESC, offered_at DESC, ended_at DESC LIMIT 1
  ) o ON true`;

export async function entryFor(db: Db, id: string, caller: Caller) {
  const { rows } = await db.execute<EntryRow>(sql`
    SELECT ${entryColumns} FROM waitlist_entries e ${latestOffer} WHERE e.id = ${id} AND ${entryVisibleTo(caller)}`);
  return rows[0];
}

export interface NewEntry {
  id: string;
  zone: string;
  communes: string[] | null;
  siteIds: string[] | null;
  from: string | null;
  to: string | null;
  channel: string;
  role: string;
  sub: string;
  clientId: string | null;
  callReference: string | null;
  patient: {
    firstName: string;
    lastName: string;
    birthDate: string;
    phone: string;
    phoneMobile: boolean;
    email?: string;
  };
  notify: { sms: boolean; email: boolean };
  identityKey: string;
  now: Date;
  /** An agent's join leaves its audit row in the same statement. */
  audit?: AuditEntry;
}

/**
 * Puts the person on the zone's waitlist, or finds them there already (one live entry per person
 * and zone: the unique index decides between two joins at once). The window is in the zone's
 * local dates, from today for 30 days unless given; the entry ends at the midnight after its last
 * day. Nothing when the zone is not a priority zone or the window is not acceptable.
 */
export async function insertOrFindEntry(db: Db, n: NewEntry) {
  const p = n.patient;
  const { rows } = await db.execute<{ id: string; created: boolean }>(sql`
    WITH zone AS (
      SELECT z.siren, COALESCE((SELECT time_zone FROM sites WHERE epci_siren = z.siren ORDER BY created_at LIMIT 1), 'Europe/Paris') AS tz
      FROM priority_zones z WHERE z.siren = ${n.zone}
    ), win AS (
      SELECT siren, tz, (${n.now}::timestamptz AT TIME ZONE tz)::date AS today,
             COALESCE(${n.from}::date, (${n.now}::timestamptz AT TIME ZONE tz)::date) AS from_date,
             COALESCE(${n.to}::date, (${n.now}::timestamptz AT TIME ZONE tz)::date + ${DEFAULT_WINDOW_DAYS}::int) AS to_date
      FROM zone
    ), inserted AS (
      INSERT INTO waitlist_entries (id, epci_siren, commune_insees, site_ids, from_date, to_date, ends_at, channel, owner_role, owner_sub, client_id, call_reference,
        patient_first_name, patient_last_name, patient_birth_date, patient_phone, patient_phone_mobile, patient_email, notify_sms, notify_email, identity_key, created_at)
      SELECT ${n.id}, siren, ${n.communes ? textArray(n.communes) : null}::text[], ${n.siteIds ? textArray(n.siteIds) : null}::uuid[], from_date, to_date,
        (to_date + 1)::timestamp AT TIME ZONE tz, ${n.channel}, ${n.role}, ${n.sub}, ${n.clientId}, ${n.callReference},
        ${p.firstName}, ${p.lastName}, ${p.birthDate}, ${p.phone}, ${p.phoneMobile}, ${p.email ?? null}, ${n.notify.sms}, ${n.notify.email}, ${n.identityKey}, ${n.now}
      FROM win WHERE from_date >= today AND to_date >= from_date AND to_date - from_date <= ${MAX_WINDOW_DAYS}::int AND ${placesInZone(n, sql`win.siren`)}
      ON CONFLICT (epci_siren, identity_key) WHERE status IN ('waiting', 'offered') DO NOTHING
      RETURNING id
    )${auditCte(n.audit, sql`inserted`, sql`NULL::uuid`)}
    SELECT id, true AS created FROM inserted
    UNION ALL
    SELECT id, false FROM waitlist_entries
    WHERE epci_siren = ${n.zone} AND identity_key = ${n.identityKey} AND status IN ('waiting', 'offered') AND NOT EXISTS (SELECT 1 FROM inserted)`);
  return rows[0];
}

/** Every commune and site the entry names lies in the zone (none named: the whole zone). */
const placesInZone = (n: Pick<NewEntry, 'communes' | 'siteIds'>, siren: SQL) => sql`
  NOT EXISTS (SELECT 1 FROM unnest(${n.communes ? textArray(n.communes) : null}::text[]) AS c(insee)
              WHERE NOT EXISTS (SELECT 1 FROM communes co WHERE co.insee = c.insee AND co.epci_siren = ${siren}))
  AND NOT EXISTS (SELECT 1 FROM unnest(${n.siteIds ? textArray(n.siteIds) : null}::uuid[]) AS x(id)
              WHERE NOT EXISTS (SELECT 1 FROM sites si WHERE si.id = x.id AND si.epci_siren = ${siren}))`;

/** Whether the places named lie in the zone (a join's refusal says why). */
export async function placesAreInZone(db: Db, n: Pick<NewEntry, 'zone' | 'communes' | 'siteIds'>) {
  const { rows } = await db.execute<{ ok: boolean }>(sql`SELECT ${placesInZone(n, sql`${n.zone}::char(9)`)} AS ok`);
  return rows[0]?.ok === true;
}

export async function zoneIsPriority(db: Db, zone: string) {
  const { rows } = await db.execute(sql`SELECT 1 FROM priority_zones WHERE siren = ${zone}`);
  return rows.length > 0;
}

/** Ends a live entry the caller may see (withdrawn), with its live offer; returns the slot it frees, if any. Nothing when no such live entry. */
export async function withdrawEntryOf(db: Db, id: string, caller: Caller, now: Date, audit?: AuditEntry) {
  const { rows } = await db.execute<{ id: string; slot_ids: string[] }>(sql`
    WITH entry AS (
      UPDATE waitlist_entries e SET status = 'withdrawn', ended_at = ${now}
      WHERE e.id = ${id} AND ${entryVisibleTo(caller)} AND e.status IN ('waiting', 'offered')
      RETURNING e.id
    ), ended AS (
      UPDATE waitlist_offers SET status = 'withdrawn', ended_at = ${now}
      WHERE entry_id IN (SELECT id FROM entry) AND status = 'live'
      RETURNING slot_id, hold_id
    ), released AS (
      UPDATE holds SET status = 'released' WHERE id IN (SELECT hold_id FROM ended) AND status = 'active'
    ), freed AS (
      UPDATE slots SET hold_id = NULL, hold_owner = NULL, hold_expires_at = NULL
      WHERE id IN (SELECT slot_id FROM ended) AND hold_id IN (SELECT hold_id FROM ended)
    )${auditCte(audit, sql`entry`, sql`NULL::uuid`)}
    SELECT id, ARRAY(SELECT slot_id::text FROM ended) AS slot_ids FROM entry`);
  return rows[0];
}

/** The priority zone a searched place lies in (an EPCI, a commune's, or a postcode's first), to wait in. */
export async function zoneOfPlace(db: Db, place: { epci: string } | { commune: string } | { postcode: string }) {
  const communes =
    'epci' in place
      ? sql`${place.epci}::char(9)`
      : 'commune' in place
        ? sql`(SELECT epci_siren FROM communes WHERE insee = ${place.commune})`
        : sql`ANY(SELECT epci_siren FROM communes WHERE ${place.postcode} = ANY(postcodes))`;
  const { rows } = await db.execute<{ siren: string; name: string }>(sql`
    SELECT e.siren, e.name FROM epci e JOIN priority_zones p ON p.siren = e.siren WHERE e.siren = ${communes} ORDER BY e.name LIMIT 1`);
  return rows[0];
}

export type ZoneWaitlistRow = {
  id: string;
  created_at: string;
  status: string;
  to_date: string;
  offers: number;
  patient_first_name: string;
  patient_last_name: string;
  patient_phone: string;
  notify_sms: boolean;
  notify_email: boolean;
  offer_slot_id: string | null;
  offer_expires_at: string | null;
  slot_starts_at: string | null;
  site_name: string | null;
  commune_name: string | null;
  time_zone: string | null;
};

/** A zone's live entries in their turn (first come, first served), each with its live offer, for the agents' console. */
export async function zoneWaitlist(db: Db, zone: string, now: Date, limit: number) {
  const { rows } = await db.execute<ZoneWaitlistRow>(sql`
    SELECT e.id, e.created_at, e.status, e.to_date::text AS to_date, e.offers, e.patient_first_name, e.patient_last_name, e.patient_phone, e.notify_sms, e.notify_email,
           o.slot_id AS offer_slot_id, o.expires_at AS offer_expires_at, o.slot_starts_at, si.name AS site_name, co.name AS commune_name, si.time_zone
    FROM waitlist_entries e
    LEFT JOIN waitlist_offers o ON o.entry_id = e.id AND o.status = 'live' AND o.expires_at > ${now}
    LEFT JOIN slots s ON s.id = o.slot_id LEFT JOIN sites si ON si.id = s.site_id LEFT JOIN communes co ON co.insee = si.commune_insee
    WHERE e.epci_siren = ${zone} AND e.status IN ('waiting', 'offered') AND e.ends_at > ${now}
    ORDER BY e.created_at, e.id LIMIT ${limit}`);
  return rows;
}

/** A booking's person, channels and zone: who waits for another slot when they let this one go. */
export async function personOfBooking(db: Db, bookingId: string) {
  const { rows } = await db.execute<{
    first_name: string | null;
    last_name: string | null;
    birth_date: string | null;
    phone: string | null;
    email: string | null;
    notify_sms: boolean;
    notify_email: boolean;
    zone: string;
  }>(sql`
    SELECT b.patient_first_name AS first_name, b.patient_last_name AS last_name, b.patient_birth_date::text AS birth_date,
           b.patient_phone AS phone, b.patient_email AS email, b.notify_sms, b.notify_email, m.epci_siren AS zone
    FROM bookings b JOIN missions m ON m.id = b.mission_id WHERE b.id = ${bookingId}`);
  return rows[0];
}
