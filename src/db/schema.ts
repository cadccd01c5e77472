// The one source of the data model: Drizzle tables → zod schemas → OpenAPI.
// Invariants live here too (unique indexes, CHECKs, FKs); triggers that Drizzle cannot express are
// in hand-written migrations (0001_rules.sql, 0009_fairness.sql…).
import { sql } from 'drizzle-orm';
import {
  bigserial,
  type AnyPgColumn,
  boolean,
  check,
  char,
  customType,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  time,
  timestamp,
  uniqueIndex,
  uuid,
  varchar,
} from 'drizzle-orm/pg-core';
import { BOOKING_STATUSES } from '../domain/booking-status';
import { CHANNELS } from '../domain/channels';
import {
  CALL_REASONS,
  NOTICE_KINDS,
  NOTIFICATION_CHANNELS,
  NOTIFICATION_KINDS,
  NOTIFICATION_STATUSES,
} from '../domain/notifications/kinds';
import { SITE_KINDS } from '../domain/site-kinds';
import { CHANGE_REASONS } from '../domain/change-reasons';
import { TARIFF_TERRITORIES } from '../domain/tariff';
import { MAX_OFFERS_PER_ENTRY, NO_OFFER_WITHIN_HOURS, OFFER_STATUSES, WAITLIST_STATUSES } from '../domain/waitlist';

const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
/** A transaction id (64-bit, never wraps), read as text. */
const xid8 = customType<{ data: string; driverData: string }>({ dataType: () => 'xid8' });

export const epci = pgTable('epci', {
  siren: char('siren', { length: 9 }).primaryKey(),
  name: text('name').notNull(),
  type: text('type').notNull(),
  population: integer('population').notNull(),
  departements: text('departements').array().notNull(),
  region: text('region').notNull(),
  timeZone: text('time_zone').notNull(),
});

export const communes = pgTable(
  'communes',
  {
    insee: varchar('insee', { length: 5 }).primaryKey(),
    name: text('name').notNull(),
    departement: varchar('departement', { length: 3 }).notNull(),
    region: text('region').notNull(),
    postcodes: text('postcodes').array().notNull(),
    epciSiren: char('epci_siren', { length: 9 }).references(() => epci.siren),
  },
  (t) => [index('communes_postcodes_idx').using('gin', t.postcodes), index('communes_epci_idx').on(t.epciSiren)],
);

export const priorityZones = pgTable('priority_zones', {
  siren: char('siren', { length: 9 })
    .primaryKey()
    .references(() => epci.siren),
  source: text('source').notNull(),
  designatedAt: instant('designated_at').notNull().defaultNow(),
});

/**
 * Every designation of a priority zone with its validity: priority_zones holds the zones in force,
 * this table also those withdrawn, so that past months' coverage and figures never change. One
 * open period per zone.
 */
export const zoneDesignations = pgTable(
  'zone_designations',
  {
    id: uuid('id').primaryKey(),
    siren: char('siren', { length: 9 })
      .notNull()
      .references(() => epci.siren),
    source: text('source').notNull(),
    designatedAt: instant('designated_at').notNull(),
    withdrawnAt: instant('withdrawn_at'),
    /** Who designated (an ARS caller's sub, or "seed" for the shipped list) and who withdrew. */
    designatedBy: text('designated_by').notNull(),
    withdrawnBy: text('withdrawn_by'),
  },
  (t) => [
    uniqueIndex('zone_designations_one_open').on(t.siren).where(sql`${t.withdrawnAt} is null`),
    check('zone_designations_period', sql`${t.withdrawnAt} is null or ${t.withdrawnAt} >= ${t.designatedAt}`),
    check('zone_designations_withdrawn_by', sql`(${t.withdrawnAt} is null) = (${t.withdrawnBy} is null)`),
  ],
);

export const sites = pgTable(
  'sites',
  {
    id: uuid('id').primaryKey(),
    name: text('name').notNull(),
    address: text('address').notNull(),
    communeInsee: varchar('commune_insee', { length: 5 })
      .notNull()
      .references(() => communes.insee),
    // A site lies in a priority zone: the FK makes that true whatever the application does.
    epciSiren: char('epci_siren', { length: 9 })
      .notNull()
      .references(() => priorityZones.siren),
    finess: char('finess', { length: 9 }),
    kind: text('kind', { enum: SITE_KINDS }).notNull(),
    accessibility: text('accessibility'),
    phone: text('phone').notNull(),
    timeZone: text('time_zone').notNull(),
    latitude: doublePrecision('latitude'),
    longitude: doublePrecision('longitude'),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [
    index('sites_epci_idx').on(t.epciSiren, t.id),
    check(
      'sites_kind_check',
      sql`${t.kind} in ('maison_de_sante','centre_de_sante','cabinet','local_communal','hopital_de_proximite')`,
    ),
  ],
);

export const schemeSettings = pgTable(
  'scheme_settings',
  {
    id: boolean('id').primaryKey().default(true),
    maxMissionDaysPerMonth: integer('max_mission_days_per_month').notNull().default(2),
    /** Per person (patient_key), whoever books. */
    maxFutureBookingsPerPatient: integer('max_future_bookings_per_patient').notNull().default(2),
    /** Per patient account (sub), whoever it books for: a parent, a child, a grandparent. */
    maxUpcomingBookingsPerAccount: integer('max_upcoming_bookings_per_account').notNull().default(4),
    /** Per integrator (client_id) and zone, unless caller_limits says otherwise. */
    maxUpcomingBookingsPerClientZone: integer('max_upcoming_bookings_per_client_zone').notNull().default(200),
    /** Per integrator or agent, unless caller_limits says otherwise (a patient holds one anyway). */
    maxActiveHoldsPerCaller: integer('max_active_holds_per_caller').notNull().default(20),
  },
  (t) => [check('scheme_settings_single_row', sql`${t.id}`)],
);

/** Caps set for one caller (`client:<client_id>`, `agent:<sub>`); null keeps the scheme's. */
export const callerLimits = pgTable(
  'caller_limits',
  {
    callerKey: text('caller_key').primaryKey(),
    maxUpcomingBookingsPerZone: integer('max_upcoming_bookings_per_zone'),
    maxActiveHolds: integer('max_active_holds'),
  },
  (t) => [
    check(
      'caller_limits_bookings_not_negative',
      sql`${t.maxUpcomingBookingsPerZone} is null or ${t.maxUpcomingBookingsPerZone} >= 0`,
    ),
    check('caller_limits_holds_not_negative', sql`${t.maxActiveHolds} is null or ${t.maxActiveHolds} >= 0`),
  ],
);

export const missions = pgTable(
  'missions',
  {
    id: uuid('id').primaryKey(),
    doctorRpps: char('doctor_rpps', { length: 11 }).notNull(),
    siteId: uuid('site_id')
      .notNull()
      .references(() => sites.id),
    epciSiren: char('epci_siren', { length: 9 }).notNull(),
    localDate: date('local_date', { mode: 'string' }).notNull(),
    startLocal: time('start_local').notNull(),
    endLocal: time('end_local').notNull(),
    startsAt: instant('starts_at').notNull(),
    endsAt: instant('ends_at').notNull(),
    slotMinutes: integer('slot_minutes').notNull(),
    dayKind: text('day_kind', { enum: ['full', 'half'] }).notNull(),
    status: text('status', { enum: ['planned', 'cancelled'] })
      .notNull()
      .default('planned'),
    cancelledAt: instant('cancelled_at'),
    createdAt: instant('created_at').notNull(),
    // Attendance: a day is paid only when checked in and out; the point is kept for control.
    checkedInAt: instant('checked_in_at'),
    checkedOutAt: instant('checked_out_at'),
    checkInLatitude: doublePrecision('check_in_latitude'),
    checkInLongitude: doublePrecision('check_in_longitude'),
    /** Offered for handover since then (src/core/missions/handover.operations.ts); null when not on offer. */
    offeredAt: instant('offered_at'),
    /** Who offered it: the doctor's RPPS, or the ARS caller's subject. */
    offeredBy: text('offered_by'),
  },
  (t) => [
    uniqueIndex('missions_one_per_doctor_day').on(t.doctorRpps, t.localDate).where(sql`${t.status} <> 'cancelled'`),
    index('missions_doctor_idx').on(t.doctorRpps, t.localDate),
    index('missions_epci_idx').on(t.epciSiren, t.localDate),
    check('missions_slot_minutes', sql`${t.slotMinutes} between 10 and 60`),
    check('missions_order', sql`${t.endsAt} > ${t.startsAt}`),
    check('missions_status', sql`${t.status} in ('planned','cancelled')`),
    check('missions_day_kind', sql`${t.dayKind} in ('full','half')`),
    // The indemnity depends on it: a full day is six hours or more, whatever the client says.
    check(
      'missions_day_kind_matches_hours',
      sql`(${t.dayKind} = 'full') = (${t.endsAt} - ${t.startsAt} >= interval '6 hours')`,
    ),
    check(
      'missions_check_out_after_in',
      sql`${t.checkedOutAt} is null or (${t.checkedInAt} is not null and ${t.checkedOutAt} >= ${t.checkedInAt})`,
    ),
    check('missions_check_in_point', sql`(${t.checkInLatitude} is null) = (${t.checkInLongitude} is null)`),
    check('missions_offered_by', sql`(${t.offeredAt} is null) = (${t.offeredBy} is null)`),
    index('missions_offered_idx').on(t.startsAt).where(sql`${t.offeredAt} is not null`),
  ],
);

/**
 * Mission days taken over by another volunteer, append-only (a trigger refuses UPDATE and DELETE):
 * who gave the day, who took it and when. The mission row holds the doctor who now comes.
 */
export const missionHandovers = pgTable(
  'mission_handovers',
  {
    id: uuid('id').primaryKey(),
    missionId: uuid('mission_id')
      .notNull()
      .references(() => missions.id),
    fromRpps: char('from_rpps', { length: 11 }).notNull(),
    toRpps: char('to_rpps', { length: 11 }).notNull(),
    offeredBy: text('offered_by').notNull(),
    offeredAt: instant('offered_at').notNull(),
    takenAt: instant('taken_at').notNull(),
  },
  (t) => [
    index('mission_handovers_mission_idx').on(t.missionId, t.takenAt),
    check('mission_handovers_other_doctor', sql`${t.fromRpps} <> ${t.toRpps}`),
  ],
);

/**
 * Doctors' names, from their token's claims when they declare a mission (the FHIR Practitioner);
 * a doctor who declared none since this table existed has no row, and is published by RPPS alone.
 */
export const doctors = pgTable('doctors', {
  rpps: char('rpps', { length: 11 }).primaryKey(),
  givenName: text('given_name').notNull(),
  familyName: text('family_name').notNull(),
  updatedAt: instant('updated_at').notNull(),
});

export const slots = pgTable(
  'slots',
  {
    id: uuid('id').primaryKey(),
    missionId: uuid('mission_id')
      .notNull()
      .references(() => missions.id),
    siteId: uuid('site_id')
      .notNull()
      .references(() => sites.id),
    epciSiren: char('epci_siren', { length: 9 }).notNull(),
    startsAt: instant('starts_at').notNull(),
    endsAt: instant('ends_at').notNull(),
    // open → booked (and back on cancellation); withdrawn when its mission is cancelled.
    // Holds and bookings both change this row, so the row lock serialises every claim on a slot.
    status: text('status', { enum: ['open', 'booked', 'withdrawn'] })
      .notNull()
      .default('open'),
    holdId: uuid('hold_id'),
    holdOwner: text('hold_owner'),
    holdExpiresAt: instant('hold_expires_at'),
  },
  (t) => [
    index('slots_search_idx').on(t.epciSiren, t.startsAt, t.id).where(sql`${t.status} = 'open'`),
    index('slots_mission_idx').on(t.missionId),
    // The publication's version: the latest slot to have started, and to have entered its window.
    index('slots_published_start_idx').on(t.startsAt).where(sql`${t.status} <> 'withdrawn'`),
    check('slots_status', sql`${t.status} in ('open','booked','withdrawn')`),
    check(
      'slots_hold_complete',
      sql`(${t.holdId} is null) = (${t.holdExpiresAt} is null) and (${t.holdId} is null) = (${t.holdOwner} is null)`,
    ),
  ],
);

export const holds = pgTable(
  'holds',
  {
    id: uuid('id').primaryKey(),
    slotId: uuid('slot_id')
      .notNull()
      .references(() => slots.id),
    /** Who may book or release it: the patient, the integrator (client) or the agent. */
    callerKey: text('caller_key').notNull(),
    /** Caller and patient: at most one active hold each. */
    ownerKey: text('owner_key').notNull(),
    status: text('status', { enum: ['active', 'released', 'consumed'] })
      .notNull()
      .default('active'),
    createdAt: instant('created_at').notNull(),
    expiresAt: instant('expires_at').notNull(),
    /** Times the hold was extended; the configured cap (HOLD_MAX_EXTENSIONS) is read by the extending statement. */
    extensions: integer('extensions').notNull().default(0),
    /** A SMART Scheduling Links deep link's `source` and `booking-referral`, passed on to the booking it makes. */
    referralSource: text('referral_source'),
    referralId: text('referral_id'),
  },
  (t) => [
    uniqueIndex('holds_one_active_per_owner').on(t.ownerKey).where(sql`${t.status} = 'active'`),
    index('holds_active_caller_idx').on(t.callerKey, t.expiresAt).where(sql`${t.status} = 'active'`),
    // The publication's version reads the latest hold (src/core/publication).
    index('holds_created_idx').on(t.createdAt),
    check('holds_status', sql`${t.status} in ('active','released','consumed')`),
    // The hard ceiling any configuration stays under (HOLD_MAX_EXTENSIONS is at most 20).
    check('holds_extensions_bounded', sql`${t.extensions} between 0 and 20`),
    check(
      'holds_referral',
      sql`char_length(${t.referralSource}) between 1 and 128 and char_length(${t.referralId}) between 1 and 128`,
    ),
  ],
);

export const bookings = pgTable(
  'bookings',
  {
    id: uuid('id').primaryKey(),
    /** The short code on every confirmation (domain/booking-reference.ts), drawn by Postgres. */
    reference: text('reference').notNull().default(sql`new_booking_reference()`),
    slotId: uuid('slot_id')
      .notNull()
      .references(() => slots.id),
    missionId: uuid('mission_id')
      .notNull()
      .references(() => missions.id),
    startsAt: instant('starts_at').notNull(),
    status: text('status', { enum: BOOKING_STATUSES }).notNull().default('booked'),
    channel: text('channel', { enum: CHANNELS }).notNull(),
    ownerRole: text('owner_role').notNull(),
    ownerSub: text('owner_sub').notNull(),
    clientId: text('client_id'),
    callReference: text('call_reference'),
    // The patient's data: null only once anonymised (retention or erasure, src/core/retention/).
    patientFirstName: text('patient_first_name'),
    patientLastName: text('patient_last_name'),
    patientBirthDate: date('patient_birth_date', { mode: 'string' }),
    /** E.164. */
    patientPhone: text('patient_phone'),
    /** Whether the phone can receive an SMS (a mobile), for reminders; many patients have only a landline. */
    patientPhoneMobile: boolean('patient_phone_mobile').notNull().default(false),
    patientEmail: text('patient_email'),
    /** The patient's choice at booking: messages by SMS (a mobile only) and by email (when one was given). */
    notifySms: boolean('notify_sms').notNull().default(false),
    notifyEmail: boolean('notify_email').notNull().default(false),
    // One person whatever the channel: a digest of folded name, birth date and E.164 phone.
    patientKey: text('patient_key'),
    /** The same person whatever the phone (folded name and birth date): the per-person cap counts it. Null on bookings made before it existed, and once anonymised. */
    identityKey: text('identity_key'),
    tariffCode: text('tariff_code').notNull(),
    tariffMajorations: text('tariff_majorations').array().notNull(),
    amountCents: integer('amount_cents').notNull(),
    noOverbilling: boolean('no_overbilling').notNull(),
    overbillingCents: integer('overbilling_cents').notNull().default(0),
    cancelledAt: instant('cancelled_at'),
    cancelledBy: text('cancelled_by'),
    createdAt: instant('created_at').notNull(),
    /**
     * The last change (integrators sync on it: GET /v1/bookings?updatedSince=). Set by each statement
     * that changes a booking, from the request's clock; trigger bookings_touch starts it at
     * created_at and stamps a change that did not set it.
     */
    updatedAt: instant('updated_at').notNull(),
    arrivedAt: instant('arrived_at'),
    completedAt: instant('completed_at'),
    noshowAt: instant('noshow_at'),
    // What the doctor billed on completion; a trigger holds it to the tarif opposable.
    billedActs: text('billed_acts').array(),
    billedCents: integer('billed_cents'),
    /** When the patient's data was erased; the row stays, counted by statistics and indemnities. */
    anonymisedAt: instant('anonymised_at'),
    /**
     * Who sent the patient, when they came through a SMART Scheduling Links deep link: the
     * aggregator's `source` and its `booking-referral` (its own correlation id, no patient data).
     * Counted by source in the zone's statistics.
     */
    referralSource: text('referral_source'),
    referralId: text('referral_id'),
    /** The integrator's own id for the booking, echoed in its webhooks and events (domain/change-reasons.ts). */
    externalRef: text('external_ref'),
    /** Why it was cancelled, as a code (CHANGE_REASONS), when the canceller said. */
    cancelReason: text('cancel_reason'),
  },
  (t) => [
    // The last line of defence against double booking.
    uniqueIndex('bookings_one_active_per_slot').on(t.slotId).where(sql`${t.status} <> 'cancelled'`),
    uniqueIndex('bookings_reference_key').on(t.reference),
    check('bookings_reference_format', sql`${t.reference} ~ '^[2-9A-HJKMNP-TV-Z]{8}$'`),
    index('bookings_owner_idx').on(t.ownerSub, t.createdAt),
    index('bookings_patient_idx').on(t.patientKey, t.startsAt),
    index('bookings_identity_idx').on(t.identityKey, t.startsAt),
    // What the account and per-client caps count: upcoming active bookings.
    index('bookings_upcoming_owner_idx').on(t.ownerSub, t.startsAt).where(sql`${t.status} = 'booked'`),
    index('bookings_upcoming_client_idx').on(t.clientId, t.startsAt).where(sql`${t.status} = 'booked'`),
    index('bookings_mission_idx').on(t.missionId),
    index('bookings_updated_idx').on(t.updatedAt),
    // The agents' search of a caller's bookings: by phone, or by birth date then folded name.
    index('bookings_patient_phone_idx').on(t.patientPhone, t.startsAt),
    index('bookings_patient_birth_date_idx').on(t.patientBirthDate, t.startsAt),
    check('bookings_no_overbilling', sql`${t.noOverbilling} and ${t.overbillingCents} = 0`),
    check('bookings_amount_positive', sql`${t.amountCents} > 0`),
    check('bookings_status', sql`${t.status} in ('booked','arrived','fulfilled','cancelled','noshow')`),
    check('bookings_channel', sql`${t.channel} in ('web','app','partner','phone')`),
    check(
      'bookings_referral',
      sql`char_length(${t.referralSource}) between 1 and 128 and char_length(${t.referralId}) between 1 and 128`,
    ),
    check('bookings_external_ref', sql`${t.externalRef} ~ '^[A-Za-z0-9._:-]{1,64}$'`),
    check(
      'bookings_cancel_reason',
      sql`${t.cancelReason} is null or (${t.cancelReason} in (${sql.raw(CHANGE_REASONS.map((r) => `'${r}'`).join(', '))}) and ${t.status} = 'cancelled')`,
    ),
    check('bookings_partner_client', sql`${t.channel} <> 'partner' or ${t.clientId} is not null`),
    check('bookings_phone_call_ref', sql`${t.channel} <> 'phone' or ${t.callReference} is not null`),
    check('bookings_cancelled', sql`(${t.status} = 'cancelled') = (${t.cancelledAt} is not null)`),
    check('bookings_arrived', sql`${t.status} not in ('arrived','fulfilled') or ${t.arrivedAt} is not null`),
    check('bookings_noshow', sql`(${t.status} = 'noshow') = (${t.noshowAt} is not null)`),
    check(
      'bookings_fulfilled_billed',
      sql`${t.status} <> 'fulfilled' or (${t.completedAt} is not null and ${t.billedActs} is not null and ${t.billedCents} is not null)`,
    ),
    check('bookings_billed_no_depassement', sql`not (${t.billedActs} && array['DE','DA']::text[])`),
    // No SMS to a landline, no email without an address, whatever the application does.
    check('bookings_notify_sms_mobile', sql`not ${t.notifySms} or ${t.patientPhoneMobile}`),
    check('bookings_notify_email_given', sql`not ${t.notifyEmail} or ${t.patientEmail} is not null`),
    // Patient data is all there, or all gone with anonymised_at set.
    check(
      'bookings_patient_data',
      sql`case when ${t.anonymisedAt} is null
      then ${t.patientFirstName} is not null and ${t.patientLastName} is not null and ${t.patientBirthDate} is not null and ${t.patientPhone} is not null and ${t.patientKey} is not null
      else ${t.patientFirstName} is null and ${t.patientLastName} is null and ${t.patientBirthDate} is null and ${t.patientPhone} is null and ${t.patientEmail} is null and ${t.patientKey} is null end`,
    ),
    check('bookings_identity_anonymised', sql`${t.anonymisedAt} is null or ${t.identityKey} is null`),
    // An upcoming booking is never anonymised: cancel it first.
    check(
      'bookings_anonymised_past',
      sql`${t.anonymisedAt} is null or ${t.status} = 'cancelled' or ${t.anonymisedAt} >= ${t.startsAt}`,
    ),
  ],
);

export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    owner: text('owner').notNull(),
    key: text('key').notNull(),
    requestHash: text('request_hash').notNull(),
    /** What the first request made: a booking (booked or rescheduled), a hold or a webhook endpoint. */
    bookingId: uuid('booking_id').references(() => bookings.id),
    // A purged hold or a deleted endpoint takes its key along: a retry then makes a new one.
    holdId: uuid('hold_id').references(() => holds.id, { onDelete: 'cascade' }),
    webhookEndpointId: uuid('webhook_endpoint_id').references(() => webhookEndpoints.id, { onDelete: 'cascade' }),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.owner, t.key] }),
    check('idempotency_keys_one_result', sql`num_nonnulls(${t.bookingId}, ${t.holdId}, ${t.webhookEndpointId}) = 1`),
  ],
);

/** The tarif opposable by act and territory; seeded by migration, each row citing its source. */
export const tariffRates = pgTable(
  'tariff_rates',
  {
    code: text('code').notNull(),
    territory: text('territory', { enum: TARIFF_TERRITORIES }).notNull(),
    label: text('label').notNull(),
    amountCents: integer('amount_cents').notNull(),
    effectiveFrom: date('effective_from', { mode: 'string' }).notNull(),
    effectiveTo: date('effective_to', { mode: 'string' }),
    /** Where the figure and its date come from: a short citation with its URL. */
    source: text('source').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.code, t.territory, t.effectiveFrom] }),
    check(
      'tariff_rates_territory',
      sql`${t.territory} in ('metropole','guadeloupe','martinique','guyane','reunion','mayotte')`,
    ),
    check('tariff_rates_amount', sql`${t.amountCents} > 0`),
    check('tariff_rates_period', sql`${t.effectiveTo} is null or ${t.effectiveTo} >= ${t.effectiveFrom}`),
    check('tariff_rates_source', sql`length(${t.source}) >= 3`),
  ],
);

/** The daily indemnity paid to a volunteer doctor; seeded by migration, rows added as rates change. */
export const indemnityRates = pgTable(
  'indemnity_rates',
  {
    dayKind: text('day_kind', { enum: ['full', 'half'] }).notNull(),
    amountCents: integer('amount_cents').notNull(),
    effectiveFrom: date('effective_from', { mode: 'string' }).notNull(),
    effectiveTo: date('effective_to', { mode: 'string' }),
  },
  (t) => [
    primaryKey({ columns: [t.dayKind, t.effectiveFrom] }),
    check('indemnity_rates_day_kind', sql`${t.dayKind} in ('full','half')`),
    check('indemnity_rates_amount', sql`${t.amountCents} >= 0`),
    check('indemnity_rates_period', sql`${t.effectiveTo} is null or ${t.effectiveTo} >= ${t.effectiveFrom}`),
  ],
);

export const auditEvents = pgTable(
  'audit_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: instant('at').notNull(),
    actorRole: text('actor_role').notNull(),
    actorSub: text('actor_sub').notNull(),
    /** Null for an action that touched no booking: an agent's search that found nothing, a mission's correction. */
    bookingId: uuid('booking_id'),
    /** The mission an action changed (an ARS correction of its attendance); null for bookings' actions. */
    missionId: uuid('mission_id'),
    action: text('action').notNull(),
    outcome: text('outcome').notNull(),
    callReference: text('call_reference'),
    /** Why a DPO erased a booking's patient data (booking.erase); null for other actions. */
    reason: text('reason'),
    /** The priority zone an action designated (zone.import); null for other actions. */
    zoneSiren: char('zone_siren', { length: 9 }),
  },
  (t) => [
    index('audit_booking_idx').on(t.bookingId, t.id),
    check('audit_reason_length', sql`${t.reason} is null or length(btrim(${t.reason})) between 10 and 500`),
    index('audit_call_reference_idx').on(t.callReference, t.id),
    index('audit_mission_idx').on(t.missionId, t.id),
  ],
);

/**
 * ARS corrections of a mission's attendance, append-only (a trigger refuses UPDATE and DELETE):
 * what was recorded, what replaced it, who and why. The mission row holds the corrected times; the
 * indemnity export shows the latest reason. No foreign key, as for events: the record outlives
 * the demo supply that seeding deletes.
 */
export const attendanceCorrections = pgTable(
  'attendance_corrections',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    missionId: uuid('mission_id').notNull(),
    at: instant('at').notNull(),
    actorSub: text('actor_sub').notNull(),
    reason: text('reason').notNull(),
    previousCheckedInAt: instant('previous_checked_in_at'),
    previousCheckedOutAt: instant('previous_checked_out_at'),
    checkedInAt: instant('checked_in_at').notNull(),
    checkedOutAt: instant('checked_out_at').notNull(),
  },
  (t) => [
    index('attendance_corrections_mission_idx').on(t.missionId, t.id),
    check('attendance_corrections_reason', sql`length(btrim(${t.reason})) between 10 and 500`),
    check('attendance_corrections_order', sql`${t.checkedOutAt} >= ${t.checkedInAt}`),
  ],
);

/** What happened, written by the statement that made it happen (the transactional outbox). */
export const EVENT_TYPES = [
  'booking.created',
  'booking.rescheduled',
  'booking.cancelled',
  'booking.arrived',
  'booking.noshow',
  'booking.fulfilled',
  'mission.declared',
  'mission.cancelled',
  'mission.reassigned',
  'waitlist.offered',
  // Internal: one per booking of a handed-over day, for the patient's notice (never a webhook).
  'booking.doctor_changed',
] as const;

// No foreign keys to bookings or missions: the log outlives what it describes (seeding deletes
// demo supply). `data` carries ids, times and codes only, never a patient's name, phone or birth date.
export const events = pgTable(
  'events',
  {
    /** The stable id receivers drop duplicates by. */
    id: uuid('id').primaryKey(),
    type: text('type').notNull(),
    occurredAt: instant('occurred_at').notNull(),
    bookingId: uuid('booking_id'),
    missionId: uuid('mission_id').notNull(),
    epciSiren: char('epci_siren', { length: 9 }).notNull(),
    slotId: uuid('slot_id'),
    /** The integrator whose booking this is, for its webhooks. */
    clientId: text('client_id'),
    cancelledBy: text('cancelled_by'),
    data: jsonb('data').notNull().default(sql`'{}'::jsonb`),
    /** Set when the Queue has it (the consumer saw it, or the relay sent it); null → the cron relays it. */
    enqueuedAt: instant('enqueued_at'),
    /**
     * The writing transaction: the events feed reads in (tx, id) order, only below the oldest
     * transaction still running, so that an event committed late is never skipped by a cursor.
     */
    tx: xid8('tx').notNull().default(sql`pg_current_xact_id()`),
    /** How many times the relay sent it. */
    attempts: integer('attempts').notNull().default(0),
  },
  (t) => [
    check('events_type_check', sql`${t.type} IN (${sql.raw(EVENT_TYPES.map((e) => `'${e}'`).join(', '))})`),
    check('events_booking_check', sql`(${t.type} LIKE 'booking.%') = (${t.bookingId} IS NOT NULL)`),
    check(
      'events_cancelled_by_check',
      sql`(${t.type} IN ('booking.cancelled', 'mission.cancelled')) = (${t.cancelledBy} IS NOT NULL)`,
    ),
    index('events_unenqueued_idx').on(t.occurredAt).where(sql`${t.enqueuedAt} IS NULL`),
    index('events_booking_idx').on(t.bookingId),
    // The publication's version reads the latest change (src/core/publication).
    index('events_occurred_idx').on(t.occurredAt),
    index('events_feed_idx').on(t.tx, t.id),
  ],
);

/** One row per (event, deliverer): what the Queue consumer did with it, so a duplicate is dropped. */
export const deliveries = pgTable(
  'deliveries',
  {
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id),
    deliverer: text('deliverer').notNull(),
    status: text('status').notNull(),
    attempts: integer('attempts').notNull().default(1),
    lastError: text('last_error'),
    nextAttemptAt: instant('next_attempt_at'),
    deliveredAt: instant('delivered_at'),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.eventId, t.deliverer] }),
    check('deliveries_status_check', sql`${t.status} IN ('delivering', 'delivered', 'failed')`),
  ],
);

/** What an integrator may subscribe to: booking changes of its own bookings, and mission cancellations and handovers. */
export const WEBHOOK_EVENT_TYPES = [
  'booking.created',
  'booking.rescheduled',
  'booking.cancelled',
  'booking.arrived',
  'booking.noshow',
  'booking.fulfilled',
  'mission.cancelled',
  'mission.reassigned',
  'waitlist.offered',
] as const satisfies readonly (typeof EVENT_TYPES)[number][];

/** An integrator's webhook endpoint (Standard Webhooks). Secrets are stored encrypted (src/core/webhooks/secrets.ts). */
export const webhookEndpoints = pgTable(
  'webhook_endpoints',
  {
    id: uuid('id').primaryKey(),
    clientId: text('client_id').notNull(),
    url: text('url').notNull(),
    eventTypes: text('event_types').array().notNull(),
    secret: text('secret').notNull(),
    /** The secret before the last rotation, still signing until previous_secret_expires_at. */
    previousSecret: text('previous_secret'),
    previousSecretExpiresAt: instant('previous_secret_expires_at'),
    status: text('status').notNull().default('enabled'),
    /** gone (the endpoint answered 410) or failing (5 days of failures). */
    disabledReason: text('disabled_reason'),
    disabledAt: instant('disabled_at'),
    /** The first failure since the last success; null while the endpoint answers. */
    failingSince: instant('failing_since'),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [
    index('webhook_endpoints_client_idx').on(t.clientId, t.id),
    check('webhook_endpoints_status', sql`${t.status} in ('enabled','disabled')`),
    check(
      'webhook_endpoints_disabled',
      sql`(${t.status} = 'disabled') = (${t.disabledReason} is not null and ${t.disabledAt} is not null)`,
    ),
    check('webhook_endpoints_reason', sql`${t.disabledReason} is null or ${t.disabledReason} in ('gone','failing')`),
    check('webhook_endpoints_previous', sql`(${t.previousSecret} is null) = (${t.previousSecretExpiresAt} is null)`),
    check(
      'webhook_endpoints_event_types',
      sql`cardinality(${t.eventTypes}) between 1 and ${sql.raw(String(WEBHOOK_EVENT_TYPES.length))}
      and ${t.eventTypes} <@ array[${sql.raw(WEBHOOK_EVENT_TYPES.map((e) => `'${e}'`).join(', '))}]::text[]`,
    ),
  ],
);

/** One row per endpoint × event: a redelivered event finds its row and sends nothing twice. */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: uuid('id').primaryKey(),
    endpointId: uuid('endpoint_id')
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: 'cascade' }),
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id),
    eventType: text('event_type').notNull(),
    /** The thin body sent, identical on every attempt: ids, times and codes, no personal data. */
    payload: jsonb('payload').notNull(),
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    /** When the next attempt is due; while an attempt runs, the end of its lease. Null once settled. */
    nextAttemptAt: instant('next_attempt_at'),
    lastStatus: integer('last_status'),
    /** timeout, network, http_4xx… never a response body. */
    lastError: text('last_error'),
    lastAttemptAt: instant('last_attempt_at'),
    deliveredAt: instant('delivered_at'),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('webhook_deliveries_endpoint_event').on(t.endpointId, t.eventId),
    index('webhook_deliveries_log_idx').on(t.endpointId, t.createdAt, t.id),
    index('webhook_deliveries_due_idx').on(t.nextAttemptAt).where(sql`${t.status} = 'pending'`),
    check('webhook_deliveries_status', sql`${t.status} in ('pending','succeeded','failed')`),
    check('webhook_deliveries_due', sql`(${t.status} = 'pending') = (${t.nextAttemptAt} is not null)`),
    check('webhook_deliveries_succeeded', sql`(${t.status} = 'succeeded') = (${t.deliveredAt} is not null)`),
  ],
);

const inList = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(', '));

/**
 * Messages to patients (src/events/notifications/): one row per message to send, written by the
 * notification deliverer from an event, sent by it at once or by the cron when due. The text is
 * built at sending time from the booking and never stored.
 */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey(),
    /** What the message is about: a booking, or a waitlist offer (kind waitlist_offer). */
    bookingId: uuid('booking_id').references(() => bookings.id),
    offerId: uuid('offer_id').references((): AnyPgColumn => waitlistOffers.id),
    /** The event that caused it: with kind and channel, what makes a redelivered event create nothing twice. */
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id),
    kind: text('kind', { enum: NOTIFICATION_KINDS }).notNull(),
    channel: text('channel', { enum: NOTIFICATION_CHANNELS }).notNull(),
    status: text('status', { enum: NOTIFICATION_STATUSES }).notNull().default('scheduled'),
    dueAt: instant('due_at').notNull(),
    /** Sending attempts so far; a claim counts one before the provider is called. */
    attempts: integer('attempts').notNull().default(0),
    /** When the cron may try it (again); also the lease of a claim in progress. Null once final. */
    nextAttemptAt: instant('next_attempt_at'),
    /** A short code (provider_5xx, rate_limited, timeout…), never a payload. */
    lastError: text('last_error'),
    sentAt: instant('sent_at'),
    providerMessageId: text('provider_message_id'),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('notifications_event_kind_channel').on(t.eventId, t.kind, t.channel),
    index('notifications_due_idx').on(t.nextAttemptAt).where(sql`${t.status} = 'scheduled'`),
    index('notifications_booking_idx').on(t.bookingId, t.createdAt),
    check('notifications_kind_check', sql`${t.kind} IN (${inList(NOTIFICATION_KINDS)})`),
    check('notifications_channel_check', sql`${t.channel} IN (${inList(NOTIFICATION_CHANNELS)})`),
    check('notifications_status_check', sql`${t.status} IN (${inList(NOTIFICATION_STATUSES)})`),
    check('notifications_sent_at', sql`(${t.status} = 'sent') = (${t.sentAt} IS NOT NULL)`),
    check('notifications_scheduled_next', sql`(${t.status} = 'scheduled') = (${t.nextAttemptAt} IS NOT NULL)`),
    check('notifications_attempts', sql`${t.attempts} >= 0`),
    check(
      'notifications_subject',
      sql`(${t.bookingId} IS NULL) <> (${t.offerId} IS NULL) AND (${t.offerId} IS NOT NULL) = (${t.kind} = 'waitlist_offer')`,
    ),
  ],
);

/**
 * The agents' call list: bookings whose patient could not be told of a cancellation or a change
 * (no channel, or every message failed). One row per booking; a new reason reopens it.
 */
export const callList = pgTable(
  'call_list',
  {
    bookingId: uuid('booking_id')
      .primaryKey()
      .references(() => bookings.id),
    reason: text('reason', { enum: CALL_REASONS }).notNull(),
    /** The notice that could not be sent: cancellation or change. */
    kind: text('kind', { enum: NOTIFICATION_KINDS }).notNull(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id),
    addedAt: instant('added_at').notNull(),
    doneAt: instant('done_at'),
    doneBy: text('done_by'),
    callReference: text('call_reference'),
  },
  (t) => [
    index('call_list_open_idx').on(t.addedAt).where(sql`${t.doneAt} IS NULL`),
    check('call_list_reason_check', sql`${t.reason} IN (${inList(CALL_REASONS)})`),
    check('call_list_kind_check', sql`${t.kind} IN (${inList(NOTICE_KINDS)})`),
    check('call_list_done', sql`(${t.doneAt} IS NULL) = (${t.doneBy} IS NULL)`),
  ],
);

/**
 * Page sessions ended before their cookie expires (signed out, or an account taken off the staff
 * lists): a copy of the cookie opens nothing once its id is here. Only until the session's
 * absolute limit (`until`): after it, the cookie itself is refused, and the row can go.
 */
export const revokedSessions = pgTable(
  'revoked_sessions',
  {
    sid: text('sid').primaryKey(),
    until: instant('until').notNull(),
  },
  (t) => [
    index('revoked_sessions_until_idx').on(t.until),
    // 32 random bytes in base64url (src/auth/session.ts).
    check('revoked_sessions_sid', sql`${t.sid} ~ '^[A-Za-z0-9_-]{43}$'`),
  ],
);

/**
 * The personal links /rdv/<token> of a booking's messages (issue 22). One per message sent: the
 * token (128 random bits) is drawn when the message is built and only its SHA-256 is kept, so the
 * link is in the text the patient receives and nowhere else. A move deletes the booking's links
 * (the change notice brings a new one); a link opens its booking only while it is booked and
 * until its consultation ends.
 */
export const bookingLinks = pgTable(
  'booking_links',
  {
    /** Hex SHA-256 of the token. */
    tokenHash: text('token_hash').primaryKey(),
    bookingId: uuid('booking_id')
      .notNull()
      .references(() => bookings.id),
    notificationId: uuid('notification_id').references(() => notifications.id),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [
    index('booking_links_booking_idx').on(t.bookingId),
    check('booking_links_hash', sql`${t.tokenHash} ~ '^[0-9a-f]{64}$'`),
  ],
);

/**
 * Failed tries to find a booking by reference and birth date (/rdv), per reference and UTC day:
 * past the cap, that reference opens nothing that day, even with the right birth date, so a
 * reference read off someone's paper cannot be tried against every birth date. Any string typed
 * as a reference counts alike, so the cap says nothing about whether the reference exists.
 */
export const referenceTries = pgTable(
  'reference_tries',
  {
    reference: text('reference').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    failures: integer('failures').notNull(),
  },
  (t) => [primaryKey({ columns: [t.reference, t.day] }), check('reference_tries_failures', sql`${t.failures} > 0`)],
);

/**
 * A person waiting for a slot in a zone (issue 22 §3), put there by a patient, an agent for a caller
 * or a partner app. First come, first served within the zone: a freed slot is offered to the oldest
 * waiting entry it fits. The person is kept as a booking keeps them (the offer is booked with it),
 * and counted the same way (identity_key) by the caps and by "a booked person leaves the waitlists".
 */
export const waitlistEntries = pgTable(
  'waitlist_entries',
  {
    id: uuid('id').primaryKey(),
    epciSiren: char('epci_siren', { length: 9 })
      .notNull()
      .references(() => priorityZones.siren),
    /** Narrowed to these communes or these sites; null: the whole zone. */
    communeInsees: text('commune_insees').array(),
    siteIds: uuid('site_ids').array(),
    /** The window, in the sites' local dates (both included); the entry ends at `ends_at`, the window's last midnight. */
    fromDate: date('from_date', { mode: 'string' }).notNull(),
    toDate: date('to_date', { mode: 'string' }).notNull(),
    endsAt: instant('ends_at').notNull(),
    status: text('status', { enum: WAITLIST_STATUSES }).notNull().default('waiting'),
    /** Offers made so far; trigger waitlist_offers_rules counts them, the CHECK caps them. */
    offers: integer('offers').notNull().default(0),
    channel: text('channel', { enum: CHANNELS }).notNull(),
    ownerRole: text('owner_role').notNull(),
    ownerSub: text('owner_sub').notNull(),
    clientId: text('client_id'),
    callReference: text('call_reference'),
    // The person, as a booking keeps them; null only once anonymised (src/core/retention/).
    patientFirstName: text('patient_first_name'),
    patientLastName: text('patient_last_name'),
    patientBirthDate: date('patient_birth_date', { mode: 'string' }),
    patientPhone: text('patient_phone'),
    patientPhoneMobile: boolean('patient_phone_mobile').notNull().default(false),
    patientEmail: text('patient_email'),
    notifySms: boolean('notify_sms').notNull().default(false),
    notifyEmail: boolean('notify_email').notNull().default(false),
    identityKey: text('identity_key'),
    createdAt: instant('created_at').notNull(),
    endedAt: instant('ended_at'),
    /** The booking that ended it (status booked): the offer accepted, or a booking made otherwise in the zone. */
    bookingId: uuid('booking_id').references(() => bookings.id),
    anonymisedAt: instant('anonymised_at'),
  },
  (t) => [
    // Joining twice finds the entry already there.
    uniqueIndex('waitlist_one_live_entry_per_person')
      .on(t.epciSiren, t.identityKey)
      .where(sql`${t.status} in ('waiting','offered')`),
    index('waitlist_waiting_idx').on(t.epciSiren, t.createdAt, t.id).where(sql`${t.status} = 'waiting'`),
    index('waitlist_identity_idx').on(t.identityKey).where(sql`${t.status} in ('waiting','offered')`),
    index('waitlist_ends_idx').on(t.endsAt).where(sql`${t.status} in ('waiting','offered')`),
    index('waitlist_owner_idx').on(t.ownerSub, t.createdAt),
    check('waitlist_entries_status', sql`${t.status} in (${inList(WAITLIST_STATUSES)})`),
    check('waitlist_entries_channel', sql`${t.channel} in ('web','app','partner','phone')`),
    check('waitlist_entries_offers_bounded', sql`${t.offers} between 0 and ${sql.raw(String(MAX_OFFERS_PER_ENTRY))}`),
    check('waitlist_entries_window', sql`${t.toDate} >= ${t.fromDate}`),
    check('waitlist_entries_ended', sql`(${t.status} in ('waiting','offered')) = (${t.endedAt} is null)`),
    check('waitlist_entries_booked', sql`(${t.status} = 'booked') = (${t.bookingId} is not null)`),
    check('waitlist_entries_partner_client', sql`${t.channel} <> 'partner' or ${t.clientId} is not null`),
    check('waitlist_entries_phone_call_ref', sql`${t.channel} <> 'phone' or ${t.callReference} is not null`),
    check('waitlist_entries_notify_sms_mobile', sql`not ${t.notifySms} or ${t.patientPhoneMobile}`),
    check(
      'waitlist_entries_patient_data',
      sql`case when ${t.anonymisedAt} is null
      then ${t.patientFirstName} is not null and ${t.patientLastName} is not null and ${t.patientBirthDate} is not null and ${t.patientPhone} is not null and ${t.identityKey} is not null
      else ${t.patientFirstName} is null and ${t.patientLastName} is null and ${t.patientBirthDate} is null and ${t.patientPhone} is null and ${t.patientEmail} is null and ${t.identityKey} is null end`,
    ),
    // A waiting person is never anonymised: the entry ends first.
    check('waitlist_entries_anonymised_ended', sql`${t.anonymisedAt} is null or ${t.endedAt} is not null`),
  ],
);

/**
 * A slot offered to an entry: the offer is a hold (caller and owner `waitlist:<entry id>`), so the
 * slot is hidden from search while it lasts and accepting it is booking that hold.
 */
export const waitlistOffers = pgTable(
  'waitlist_offers',
  {
    id: uuid('id').primaryKey(),
    entryId: uuid('entry_id')
      .notNull()
      .references(() => waitlistEntries.id),
    slotId: uuid('slot_id')
      .notNull()
      .references(() => slots.id),
    /** The hold that keeps the slot; no foreign key: the purge deletes ended holds. */
    holdId: uuid('hold_id').notNull(),
    slotStartsAt: instant('slot_starts_at').notNull(),
    offeredAt: instant('offered_at').notNull(),
    expiresAt: instant('expires_at').notNull(),
    status: text('status', { enum: OFFER_STATUSES }).notNull().default('live'),
    endedAt: instant('ended_at'),
  },
  (t) => [
    // Never two live offers of one slot, never two for one entry, never the same slot twice to one entry.
    uniqueIndex('waitlist_offers_one_live_per_slot').on(t.slotId).where(sql`${t.status} = 'live'`),
    uniqueIndex('waitlist_offers_one_live_per_entry').on(t.entryId).where(sql`${t.status} = 'live'`),
    uniqueIndex('waitlist_offers_slot_once_per_entry').on(t.entryId, t.slotId),
    index('waitlist_offers_live_expiry_idx').on(t.expiresAt).where(sql`${t.status} = 'live'`),
    check('waitlist_offers_status', sql`${t.status} in (${inList(OFFER_STATUSES)})`),
    check('waitlist_offers_ended', sql`(${t.status} = 'live') = (${t.endedAt} is null)`),
    // No offer for a slot starting within 3 hours; an offer lasts at most 2 hours and ends 2 hours before its slot.
    check(
      'waitlist_offers_timing',
      sql`${t.offeredAt} + interval '${sql.raw(String(NO_OFFER_WITHIN_HOURS))} hours' < ${t.slotStartsAt}
      and ${t.expiresAt} > ${t.offeredAt} and ${t.expiresAt} <= ${t.offeredAt} + interval '2 hours'
      and ${t.expiresAt} + interval '2 hours' <= ${t.slotStartsAt}`,
    ),
  ],
);

/**
 * The personal links /attente/<token> of the messages offering a slot: as for bookings, the token is
 * drawn when the message is built and only its SHA-256 is kept. A link opens its entry while the
 * entry is live, to accept or decline the offer, or to stop waiting.
 */
export const waitlistLinks = pgTable(
  'waitlist_links',
  {
    tokenHash: text('token_hash').primaryKey(),
    entryId: uuid('entry_id')
      .notNull()
      .references(() => waitlistEntries.id),
    notificationId: uuid('notification_id').references(() => notifications.id),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [
    index('waitlist_links_entry_idx').on(t.entryId),
    check('waitlist_links_hash', sql`${t.tokenHash} ~ '^[0-9a-f]{64}$'`),
  ],
);
