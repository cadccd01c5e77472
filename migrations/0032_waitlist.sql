CREATE TABLE "waitlist_entries" (
	"id" uuid PRIMARY KEY NOT NULL,
	"epci_siren" char(9) NOT NULL,
	"commune_insees" text[],
	"site_ids" uuid[],
	"from_date" date NOT NULL,
	"to_date" date NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'waiting' NOT NULL,
	"offers" integer DEFAULT 0 NOT NULL,
	"channel" text NOT NULL,
	"owner_role" text NOT NULL,
	"owner_sub" text NOT NULL,
	"client_id" text,
	"call_reference" text,
	"patient_first_name" text,
	"patient_last_name" text,
	"patient_birth_date" date,
	"patient_phone" text,
	"patient_phone_mobile" boolean DEFAULT false NOT NULL,
	"patient_email" text,
	"notify_sms" boolean DEFAULT false NOT NULL,
	"notify_email" boolean DEFAULT false NOT NULL,
	"identity_key" text,
	"created_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone,
	"booking_id" uuid,
	"anonymised_at" timestamp with time zone,
	CONSTRAINT "waitlist_entries_status" CHECK ("waitlist_entries"."status" in ('waiting', 'offered', 'booked', 'expired', 'withdrawn')),
	CONSTRAINT "waitlist_entries_channel" CHECK ("waitlist_entries"."channel" in ('web','app','partner','phone')),
	CONSTRAINT "waitlist_entries_offers_bounded" CHECK ("waitlist_entries"."offers" between 0 and 3),
	CONSTRAINT "waitlist_entries_window" CHECK ("waitlist_entries"."to_date" >= "waitlist_entries"."from_date"),
	CONSTRAINT "waitlist_entries_ended" CHECK (("waitlist_entries"."status" in ('waiting','offered')) = ("waitlist_entries"."ended_at" is null)),
	CONSTRAINT "waitlist_entries_booked" CHECK (("waitlist_entries"."status" = 'booked') = ("waitlist_entries"."booking_id" is not null)),
	CONSTRAINT "waitlist_entries_partner_client" CHECK ("waitlist_entries"."channel" <> 'partner' or "waitlist_entries"."client_id" is not null),
	CONSTRAINT "waitlist_entries_phone_call_ref" CHECK ("waitlist_entries"."channel" <> 'phone' or "waitlist_entries"."call_reference" is not null),
	CONSTRAINT "waitlist_entries_notify_sms_mobile" CHECK (not "waitlist_entries"."notify_sms" or "waitlist_entries"."patient_phone_mobile"),
	CONSTRAINT "waitlist_entries_patient_data" CHECK (case when "waitlist_entries"."anonymised_at" is null
      then "waitlist_entries"."patient_first_name" is not null and "waitlist_entries"."patient_last_name" is not null and "waitlist_entries"."patient_birth_date" is not null and "waitlist_entries"."patient_phone" is not null and "waitlist_entries"."identity_key" is not null
      else "waitlist_entries"."patient_first_name" is null and "waitlist_entries"."patient_last_name" is null and "waitlist_entries"."patient_birth_date" is null and "waitlist_entries"."patient_phone" is null and "waitlist_entries"."patient_email" is null and "waitlist_entries"."identity_key" is null end),
	CONSTRAINT "waitlist_entries_anonymised_ended" CHECK ("waitlist_entries"."anonymised_at" is null or "waitlist_entries"."ended_at" is not null)
);
--> statement-breakpoint
CREATE TABLE "waitlist_links" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"entry_id" uuid NOT NULL,
	"notification_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "waitlist_links_hash" CHECK ("waitlist_links"."token_hash" ~ '^[0-9a-f]{64}$')
);
--> statement-breakpoint
CREATE TABLE "waitlist_offers" (
	"id" uuid PRIMARY KEY NOT NULL,
	"entry_id" uuid NOT NULL,
	"slot_id" uuid NOT NULL,
	"hold_id" uuid NOT NULL,
	"slot_starts_at" timestamp with time zone NOT NULL,
	"offered_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'live' NOT NULL,
	"ended_at" timestamp with time zone,
	CONSTRAINT "waitlist_offers_status" CHECK ("waitlist_offers"."status" in ('live', 'accepted', 'declined', 'expired', 'withdrawn')),
	CONSTRAINT "waitlist_offers_ended" CHECK (("waitlist_offers"."status" = 'live') = ("waitlist_offers"."ended_at" is null)),
	CONSTRAINT "waitlist_offers_timing" CHECK ("waitlist_offers"."offered_at" + interval '3 hours' < "waitlist_offers"."slot_starts_at"
      and "waitlist_offers"."expires_at" > "waitlist_offers"."offered_at" and "waitlist_offers"."expires_at" <= "waitlist_offers"."offered_at" + interval '2 hours'
      and "waitlist_offers"."expires_at" + interval '2 hours' <= "waitlist_offers"."slot_starts_at")
);
--> statement-breakpoint
ALTER TABLE "events" DROP CONSTRAINT "events_type_check";--> statement-breakpoint
ALTER TABLE "notifications" DROP CONSTRAINT "notifications_kind_check";--> statement-breakpoint
ALTER TABLE "webhook_endpoints" DROP CONSTRAINT "webhook_endpoints_event_types";--> statement-breakpoint
ALTER TABLE "notifications" ALTER COLUMN "booking_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "offer_id" uuid;--> statement-breakpoint
ALTER TABLE "waitlist_entries" ADD CONSTRAINT "waitlist_entries_epci_siren_priority_zones_siren_fk" FOREIGN KEY ("epci_siren") REFERENCES "public"."priority_zones"("siren") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waitlist_entries" ADD CONSTRAINT "waitlist_entries_booking_id_bookings_id_fk" FOREIGN KEY ("booking_id") REFERENCES "public"."bookings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waitlist_links" ADD CONSTRAINT "waitlist_links_entry_id_waitlist_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."waitlist_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waitlist_links" ADD CONSTRAINT "waitlist_links_notification_id_notifications_id_fk" FOREIGN KEY ("notification_id") REFERENCES "public"."notifications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waitlist_offers" ADD CONSTRAINT "waitlist_offers_entry_id_waitlist_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."waitlist_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waitlist_offers" ADD CONSTRAINT "waitlist_offers_slot_id_slots_id_fk" FOREIGN KEY ("slot_id") REFERENCES "public"."slots"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "waitlist_one_live_entry_per_person" ON "waitlist_entries" USING btree ("epci_siren","identity_key") WHERE "waitlist_entries"."status" in ('waiting','offered');--> statement-breakpoint
CREATE INDEX "waitlist_waiting_idx" ON "waitlist_entries" USING btree ("epci_siren","created_at","id") WHERE "waitlist_entries"."status" = 'waiting';--> statement-breakpoint
CREATE INDEX "waitlist_identity_idx" ON "waitlist_entries" USING btree ("identity_key") WHERE "waitlist_entries"."status" in ('waiting','offered');--> statement-breakpoint
CREATE INDEX "waitlist_ends_idx" ON "waitlist_entries" USING btree ("ends_at") WHERE "waitlist_entries"."status" in ('waiting','offered');--> statement-breakpoint
CREATE INDEX "waitlist_owner_idx" ON "waitlist_entries" USING btree ("owner_sub","created_at");--> statement-breakpoint
CREATE INDEX "waitlist_links_entry_idx" ON "waitlist_links" USING btree ("entry_id");--> statement-breakpoint
CREATE UNIQUE INDEX "waitlist_offers_one_live_per_slot" ON "waitlist_offers" USING btree ("slot_id") WHERE "waitlist_offers"."status" = 'live';--> statement-breakpoint
CREATE UNIQUE INDEX "waitlist_offers_one_live_per_entry" ON "waitlist_offers" USING btree ("entry_id") WHERE "waitlist_offers"."status" = 'live';--> statement-breakpoint
CREATE UNIQUE INDEX "waitlist_offers_slot_once_per_entry" ON "waitlist_offers" USING btree ("entry_id","slot_id");--> statement-breakpoint
CREATE INDEX "waitlist_offers_live_expiry_idx" ON "waitlist_offers" USING btree ("expires_at") WHERE "waitlist_offers"."status" = 'live';--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_offer_id_waitlist_offers_id_fk" FOREIGN KEY ("offer_id") REFERENCES "public"."waitlist_offers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_type_check" CHECK ("events"."type" IN ('booking.created', 'booking.rescheduled', 'booking.cancelled', 'booking.arrived', 'booking.noshow', 'booking.fulfilled', 'mission.declared', 'mission.cancelled', 'mission.reassigned', 'waitlist.offered', 'booking.doctor_changed'));--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_subject" CHECK (("notifications"."booking_id" IS NULL) <> ("notifications"."offer_id" IS NULL) AND ("notifications"."offer_id" IS NOT NULL) = ("notifications"."kind" = 'waitlist_offer'));--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_kind_check" CHECK ("notifications"."kind" IN ('confirmation', 'reminder', 'reminder_soon', 'cancellation', 'change', 'doctor_change', 'waitlist_offer'));--> statement-breakpoint
ALTER TABLE "webhook_endpoints" ADD CONSTRAINT "webhook_endpoints_event_types" CHECK (cardinality("webhook_endpoints"."event_types") between 1 and 9
      and "webhook_endpoints"."event_types" <@ array['booking.created', 'booking.rescheduled', 'booking.cancelled', 'booking.arrived', 'booking.noshow', 'booking.fulfilled', 'mission.cancelled', 'mission.reassigned', 'waitlist.offered']::text[]);--> statement-breakpoint
-- Whether a person may be offered one more slot: their upcoming bookings and live offers stay under
-- the per-person cap, so an accepted offer never meets booking_limit_reached. Read by the offering
-- statement to skip such a person, and by the trigger below to refuse the offer whatever the code.
CREATE FUNCTION waitlist_person_has_room(person text, at timestamptz) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT (SELECT count(*) FROM bookings WHERE identity_key = person AND status = 'booked' AND starts_at > at)
       + (SELECT count(*) FROM waitlist_offers o JOIN waitlist_entries e ON e.id = o.entry_id
          WHERE e.identity_key = person AND o.status = 'live' AND o.expires_at > at)
       < (SELECT max_future_bookings_per_patient FROM scheme_settings)
$$;
--> statement-breakpoint
-- An offer goes to a waiting entry, for a slot of its zone and window, within the person's caps;
-- it counts against the entry's three offers (the CHECK on offers refuses a fourth). The entry's
-- row lock and the person's lock (the booking trigger's) serialise offers and bookings of one person.
CREATE FUNCTION waitlist_offers_enforce_rules() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  entry waitlist_entries%ROWTYPE;
  slot_zone char(9);
  slot_date date;
BEGIN
  SELECT * INTO entry FROM waitlist_entries WHERE id = NEW.entry_id FOR UPDATE;
  IF entry.status <> 'waiting' OR entry.ends_at <= NEW.offered_at THEN
    RAISE EXCEPTION 'waitlist entry % is not waiting', NEW.entry_id USING ERRCODE = 'WL002';
  END IF;
  SELECT s.epci_siren, m.local_date INTO slot_zone, slot_date FROM slots s JOIN missions m ON m.id = s.mission_id WHERE s.id = NEW.slot_id;
  IF slot_zone <> entry.epci_siren OR slot_date NOT BETWEEN entry.from_date AND entry.to_date THEN
    RAISE EXCEPTION 'slot % is outside the zone or window of entry %', NEW.slot_id, NEW.entry_id USING ERRCODE = 'WL002';
  END IF;
  PERFORM pg_advisory_xact_lock(hashtext('identity:' || entry.identity_key));
  IF NOT waitlist_person_has_room(entry.identity_key, NEW.offered_at) THEN
    RAISE EXCEPTION 'the person of entry % is at their cap', NEW.entry_id USING ERRCODE = 'WL001';
  END IF;
  UPDATE waitlist_entries SET status = 'offered', offers = offers + 1 WHERE id = NEW.entry_id;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER waitlist_offers_rules BEFORE INSERT ON waitlist_offers
  FOR EACH ROW EXECUTE FUNCTION waitlist_offers_enforce_rules();
--> statement-breakpoint
-- A booked person leaves the waitlists of that zone, however they booked: the entry ends as booked,
-- its live offer is accepted (the slot booked) or withdrawn (its hold released, the slot free again).
CREATE FUNCTION bookings_leave_waitlists() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  zone char(9);
BEGIN
  SELECT epci_siren INTO zone FROM slots WHERE id = NEW.slot_id;
  WITH left_entries AS (
    UPDATE waitlist_entries SET status = 'booked', booking_id = NEW.id, ended_at = NEW.created_at
    WHERE epci_siren = zone AND identity_key = NEW.identity_key AND status IN ('waiting', 'offered')
    RETURNING id
  ), ended AS (
    UPDATE waitlist_offers SET status = CASE WHEN slot_id = NEW.slot_id THEN 'accepted' ELSE 'withdrawn' END, ended_at = NEW.created_at
    WHERE entry_id IN (SELECT id FROM left_entries) AND status = 'live'
    RETURNING hold_id, slot_id
  ), released AS (
    UPDATE holds SET status = 'released' WHERE id IN (SELECT hold_id FROM ended WHERE slot_id <> NEW.slot_id) AND status = 'active'
  )
  UPDATE slots SET hold_id = NULL, hold_owner = NULL, hold_expires_at = NULL
  WHERE id IN (SELECT slot_id FROM ended WHERE slot_id <> NEW.slot_id) AND hold_id IN (SELECT hold_id FROM ended);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER bookings_leave_waitlists AFTER INSERT ON bookings
  FOR EACH ROW WHEN (NEW.status = 'booked' AND NEW.identity_key IS NOT NULL) EXECUTE FUNCTION bookings_leave_waitlists();
