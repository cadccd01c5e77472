import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { type Caller, scopeOf } from '../../domain/caller';
import type { BookingStatus } from '../../domain/booking-status';
import { auditCte, type AuditEntry } from '../audit/audit.queries';
import { rememberCte } from '../idempotency/idempotency.queries';
import { bookingEventCte } from '../outbox/outbox.queries';
import { recordEvents } from '../outbox/publish';
import { NATIONAL } from '../../domain/region-scope';
import { inScope } from '../regions/in-scope';

export type BookingRow = {
  id: string;
  reference: string;
  status: BookingStatus;
  channel: string;
  created_at: string;
  cancelled_at: string | null;
  cancelled_by: string | null;
  call_reference: string | null;
  client_id: string | null;
  mission_id: string;
  external_ref: string | null;
  cancel_reason: string | null;
  // All four null once anonymised (src/core/retention/).
  patient_first_name: string | null;
  patient_last_name: string | null;
  patient_birth_date: string | null;
  patient_phone: string | null;
  patient_phone_mobile: boolean;
  patient_email: string | null;
  notify_sms: boolean;
  notify_email: boolean;
  tariff_majorations: string[];
  amount_cents: number;
  slot_id: string;
  starts_at: string;
  ends_at: string;
  site_id: string;
  site_name: string;
  address: string;
  time_zone: string;
  site_phone: string;
  site_accessibility: string | null;
  insee: string;
  commune_name: string;
  updated_at: string;
  arrived_at: string | null;
  completed_at: string | null;
  noshow_at: string | null;
  billed_acts: string[] | null;
  billed_cents: number | null;
};

/** The columns of a booking's representation, read from `source` aliased b. */
export const representation = (source: SQL) => sql`
  SELECT b.id, b.reference, b.status, b.channel, b.created_at, b.updated_at, b.cancelled_at, b.cancelled_by, b.call_reference, b.client_id, b.mission_id,
         b.external_ref, b.cancel_reason,
         b.patient_first_name, b.patient_last_name, b.patient_birth_date::text AS patient_birth_date, b.patient_phone, b.patient_phone_mobile, b.patient_email,
         b.notify_sms, b.notify_email,
         b.tariff_majorations, b.amount_cents, b.arrived_at, b.completed_at, b.noshow_at, b.billed_acts, b.billed_cents,
         s.id AS slot_id, s.starts_at, s.ends_at, si.id AS site_id, si.name AS site_name, si.address, si.time_zone,
         si.phone AS site_phone, si.accessibility AS site_accessibility,
         c.insee, c.name AS commune_name
  FROM ${source} b
  JOIN slots s ON s.id = b.slot_id
  JOIN sites si ON si.id = s.site_id
  JOIN communes c ON c.insee = si.commune_insee`;

/**
 * Object-level authorisation as a SQL condition on b (bookings) — someone else's booking simply
 * does not match, so it is a 404 like one that does not exist.
 */
export function visibleTo(caller: Caller): SQL {
  switch (caller.role) {
    case 'patient':
      return caller.bookingId
        ? sql`b.id = ${caller.bookingId}`
        : sql`b.owner_role = 'patient' AND b.owner_sub = ${caller.sub}`;
    case 'integrator':
      return sql`b.owner_role = 'integrator' AND b.client_id = ${caller.clientId}`;
    case 'doctor':
      return sql`b.mission_id IN (SELECT id FROM missions WHERE doctor_rpps = ${caller.rpps})`;
    case 'agent':
      return sql`true`;
    case 'admin':
      return inScopeBooking(caller);
  }
}

/** ARS staff: the bookings of sites in their regions. */
const inScopeBooking = (caller: Caller): SQL =>
  scopeOf(caller) === NATIONAL
    ? sql`true`
    : sql`b.mission_id IN (SELECT vm.id FROM missions vm JOIN sites vsi ON vsi.id = vm.site_id JOIN communes vco ON vco.insee = vsi.commune_insee
                            WHERE ${inScope(scopeOf(caller), sql`vco.region`)})`;

/** What a caller lists: like visibleTo, except that an agent lists the bookings they made. */
export const listedFor = (caller: Caller): SQL =>
  caller.role === 'agent' ? sql`b.owner_role = 'agent' AND b.owner_sub = ${caller.sub}` : visibleTo(caller);

export interface NewBooking {
  id: string;
  slotId?: string;
  holdId?: string;
  callerKey: string;
  now: Date;
  channel: string;
  role: string;
  sub: string;
  clientId: string | null;
  callReference: string | null;
  externalRef: string | null;
  /** phone in E.164; phoneMobile: whether it takes SMS. */
  patient: {
    firstName: string;
    lastName: string;
    birthDate: string;
    phone: string;
    phoneMobile: boolean;
    email?: string;
  };
  /** The channels of messages to the patient (domain/notifications/choice.ts). */
  notify: { sms: boolean; email: boolean };
  patientKey: string;
  identityKey: string;
  idempotency: { owner: string; key: string; hash: string };
  /** For agents: the audit row, written by the same statement. */
  audit?: AuditEntry;
}

/**
 * Which slot row (aliased s) a booking claims: the slot named, unless someone else holds it, or
 * the slot of the caller's own active hold, while that hold lasts. Shared by booking and rescheduling.
 */
function claimTarget(n: Pick<NewBooking, 'slotId' | 'holdId' | 'callerKey' | 'now'>): SQL {
  return n.holdId
    ? sql`s.id = (SELECT slot_id FROM holds WHERE id = ${n.holdId}) AND s.hold_id = ${n.holdId} AND s.hold_expires_at > ${n.now}
          AND EXISTS (SELECT 1 FROM holds h WHERE h.id = ${n.holdId} AND h.caller_key = ${n.callerKey} AND h.status = 'active')`
    : sql`s.id = ${n.slotId!} AND (s.hold_id IS NULL OR s.hold_expires_at <= ${n.now}
          OR EXISTS (SELECT 1 FROM holds h WHERE h.id = s.hold_id AND h.caller_key = ${n.callerKey}))`;
}

/**
 * The UPDATE that claims the slot of `claimTarget` for a booking or a move: open, of a planned
 * mission, not started. Returns what the booking row needs: its mission, start, local date and
 * tariff territory. `also` adds a source and a condition (a move joins the booking it moves).
 */
export function claimSlot(
  n: Pick<NewBooking, 'slotId' | 'holdId' | 'callerKey' | 'now'>,
  also?: { from: SQL; where: SQL },
): SQL {
  return sql`
      UPDATE slots s SET status = 'booked', hold_id = NULL, hold_owner = NULL, hold_expires_at = NULL
      FROM missions m JOIN sites si ON si.id = m.site_id JOIN communes co ON co.insee = si.commune_insee${also ? sql`, ${also.from}` : sql``}
      WHERE m.id = s.mission_id AND m.status = 'planned' AND s.status = 'open' AND s.starts_at > ${n.now} AND ${claimTarget(n)}
        ${also ? sql`AND ${also.where}` : sql``}
      RETURNING s.id, s.mission_id, s.starts_at, m.local_date, tariff_territory(co.departement) AS territory`;
}

/**
 * The booking, in one statement: claim the slot (its row lock serialises every claimant; the
 * loser re-checks and finds it booked), insert the booking with the tariff computed by Postgres,
 * consume the caller's hold, record the idempotency key, the booking.created event and, for an agent, the audit row. Nothing
 * matched → no row. Backstops: the partial unique index (one active booking per slot), the
 * no-overbilling CHECK, the tariff and fairness-caps trigger, the idempotency primary key.
 * Exported as SQL too, so that the benchmark runs exactly this statement as its ceiling.
 */
export function insertBookingQuery(n: NewBooking, eventId: string = crypto.randomUUID()): SQL {
  const p = n.patient;
  return sql`
    WITH claimed AS (${claimSlot(n)}), inserted AS (
      INSERT INTO bookings (id, slot_id, mission_id, starts_at, status, channel, owner_role, owner_sub, client_id, call_reference,
        patient_first_name, patient_last_name, patient_birth_date, patient_phone, patient_phone_mobile, patient_email, patient_key, identity_key,
        notify_sms, notify_email, tariff_code, tariff_majorations, amount_cents, no_overbilling, overbilling_cents, created_at,
        referral_source, referral_id, external_ref)
      SELECT ${n.id}, c.id, c.mission_id, c.starts_at, 'booked', ${n.channel}, ${n.role}, ${n.sub}, ${n.clientId}, ${n.callReference},
        ${p.firstName}, ${p.lastName}, ${p.birthDate}, ${p.phone}, ${p.phoneMobile}, ${p.email ?? null}, ${n.patientKey}, ${n.identityKey},
        ${n.notify.sms}, ${n.notify.email}, 'G', tariff_majorations(c.local_date, ${p.birthDate}::date), tariff_amount_cents(c.territory, c.local_date, ${p.birthDate}::date), true, 0, ${n.now},
        -- The referral the hold came with (a deep link's source and booking-referral), if any.
        h.referral_source, h.referral_id, ${n.externalRef}
      FROM claimed c LEFT JOIN holds h ON h.id = ${n.holdId ?? null}::uuid
      RETURNING *
    ), consumed AS (
      UPDATE holds SET status = 'consumed'
      WHERE status = 'active' AND caller_key = ${n.callerKey} AND slot_id IN (SELECT id FROM claimed)
    )${rememberCte(n.idempotency, sql`inserted`, 'booking_id', n.now)}${bookingEventCte({ name: 'created_event', id: eventId, type: 'booking.created', at: n.now }, sql`inserted`)}${auditCte(n.audit, sql`inserted`)}
    ${representation(sql`inserted`)}`;
}

export async function insertBooking(db: Db, n: NewBooking) {
  const eventId = crypto.randomUUID();
  const row = (await db.execute<BookingRow>(insertBookingQuery(n, eventId))).rows[0];
  if (row) recordEvents(db, [eventId]);
  return row;
}

/** Why a booking did not happen, for a precise problem. */
export async function bookingObstacle(db: Db, n: Pick<NewBooking, 'slotId' | 'holdId' | 'callerKey' | 'now'>) {
  const { rows } = await db.execute<{
    hold_status: string | null;
    hold_expired: boolean | null;
    slot_exists: boolean;
  }>(sql`
    SELECT h.status AS hold_status, h.expires_at <= ${n.now} AS hold_expired,
           s.id IS NOT NULL AS slot_exists
    FROM (SELECT 1) one
    LEFT JOIN holds h ON h.id = ${n.holdId ?? null}::uuid AND h.caller_key = ${n.callerKey}
    LEFT JOIN slots s ON s.id = COALESCE(h.slot_id, ${n.slotId ?? null}::uuid)`);
  return rows[0];
}

export async function bookingFor(db: Db, id: string, caller: Caller | 'any') {
  const { rows } = await db.execute<BookingRow>(sql`
    ${representation(sql`bookings`)} WHERE b.id = ${id} AND ${caller === 'any' ? sql`true` : visibleTo(caller)}`);
  return rows[0];
}

/** What a listing keeps: a status, consultations starting in [from, to), changes since updatedSince (inclusive). */
export interface BookingFilters {
  status?: string;
  from?: string;
  to?: string;
  updatedSince?: string;
}

const filtered = (f: BookingFilters): SQL[] => [
  ...(f.status !== undefined ? [sql`b.status = ${f.status}`] : []),
  ...(f.from !== undefined ? [sql`b.starts_at >= ${f.from}::timestamptz`] : []),
  ...(f.to !== undefined ? [sql`b.starts_at < ${f.to}::timestamptz`] : []),
  ...(f.updatedSince !== undefined ? [sql`b.updated_at >= ${f.updatedSince}::timestamptz`] : []),
];

export async function bookingsFor(
  db: Db,
  caller: Caller,
  after: [string, string] | undefined,
  limit: number,
  filters: BookingFilters = {},
) {
  const conditions = [
    listedFor(caller),
    ...filtered(filters),
    ...(after ? [sql`(b.created_at, b.id) < (${after[0]}::timestamptz, ${after[1]}::uuid)`] : []),
  ];
  const { rows } = await db.execute<BookingRow>(sql`
    ${representation(sql`bookings`)}
    WHERE ${sql.join(conditions, sql` AND `)}
    ORDER BY b.created_at DESC, b.id DESC LIMIT ${limit}`);
  return rows;
}

/** Cancels a booked, not yet started booking the caller may see, frees its slot, writes its event and audit rows. */
export interface Cancellation {
  audit?: AuditEntry;
  ifUpdatedAt?: Date;
  reason?: string;
}

export async function cancelBookingFor(
  db: Db,
  id: string,
  caller: Caller,
  now: Date,
  { audit, ifUpdatedAt, reason }: Cancellation = {},
) {
  const eventId = crypto.randomUUID();
  // Returns the cancelled booking's representation, or nothing. The join reads slots from the
  // statement's snapshot, before `reopened` runs; it only reads columns that `reopened` leaves alone.
  const { rows } = await db.execute<BookingRow>(sql`
    WITH cancelled AS (
      UPDATE bookings b SET status = 'cancelled', cancelled_at = ${now}, cancelled_by = ${caller.role}, cancel_reason = ${reason ?? null}, updated_at = ${now}
      WHERE b.id = ${id} AND ${visibleTo(caller)} AND b.status = 'booked' AND b.starts_at > ${now}
        ${ifUpdatedAt ? sql`AND date_trunc('milliseconds', b.updated_at) = ${ifUpdatedAt}` : sql``}
      RETURNING b.*
    ), reopened AS (
      UPDATE slots SET status = 'open' WHERE id IN (SELECT slot_id FROM cancelled) AND status = 'booked'
    )${bookingEventCte({ name: 'cancelled_event', id: eventId, type: 'booking.cancelled', at: now, cancelledBy: caller.role, reason }, sql`cancelled`)}${auditCte(audit, sql`cancelled`)}
    ${representation(sql`cancelled`)}`);
  if (rows[0]) recordEvents(db, [eventId]);
  return rows[0];
}
