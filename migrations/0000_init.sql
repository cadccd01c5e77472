CREATE TABLE "audit_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_role" text NOT NULL,
	"actor_sub" text NOT NULL,
	"booking_id" uuid NOT NULL,
	"action" text NOT NULL,
	"outcome" text NOT NULL,
	"call_reference" text
);
--> statement-breakpoint
CREATE TABLE "bookings" (
	"id" uuid PRIMARY KEY NOT NULL,
	"slot_id" uuid NOT NULL,
	"mission_id" uuid NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'booked' NOT NULL,
	"channel" text NOT NULL,
	"owner_role" text NOT NULL,
	"owner_sub" text NOT NULL,
	"client_id" text,
	"call_reference" text,
	"patient_first_name" text NOT NULL,
	"patient_last_name" text NOT NULL,
	"patient_birth_date" date NOT NULL,
	"patient_phone" text NOT NULL,
	"patient_email" text,
	"patient_key" text NOT NULL,
	"tariff_code" text NOT NULL,
	"tariff_majorations" text[] NOT NULL,
	"amount_cents" integer NOT NULL,
	"no_overbilling" boolean NOT NULL,
	"overbilling_cents" integer DEFAULT 0 NOT NULL,
	"cancelled_at" timestamp with time zone,
	"cancelled_by" text,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "bookings_no_overbilling" CHECK ("bookings"."no_overbilling" and "bookings"."overbilling_cents" = 0),
	CONSTRAINT "bookings_amount_positive" CHECK ("bookings"."amount_cents" > 0),
	CONSTRAINT "bookings_status" CHECK ("bookings"."status" in ('booked','arrived','fulfilled','cancelled','noshow')),
	CONSTRAINT "bookings_channel" CHECK ("bookings"."channel" in ('web','app','partner','phone')),
	CONSTRAINT "bookings_partner_client" CHECK ("bookings"."channel" <> 'partner' or "bookings"."client_id" is not null),
	CONSTRAINT "bookings_phone_call_ref" CHECK ("bookings"."channel" <> 'phone' or "bookings"."call_reference" is not null),
	CONSTRAINT "bookings_cancelled" CHECK (("bookings"."status" = 'cancelled') = ("bookings"."cancelled_at" is not null))
);
--> statement-breakpoint
CREATE TABLE "communes" (
	"insee" varchar(5) PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"departement" varchar(3) NOT NULL,
	"region" text NOT NULL,
	"postcodes" text[] NOT NULL,
	"epci_siren" char(9)
);
--> statement-breakpoint
CREATE TABLE "epci" (
	"siren" char(9) PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"type" text NOT NULL,
	"population" integer NOT NULL,
	"departements" text[] NOT NULL,
	"region" text NOT NULL,
	"time_zone" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "holds" (
	"id" uuid PRIMARY KEY NOT NULL,
	"slot_id" uuid NOT NULL,
	"owner_key" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "holds_status" CHECK ("holds"."status" in ('active','released','consumed'))
);
--> statement-breakpoint
CREATE TABLE "idempotency_keys" (
	"owner" text NOT NULL,
	"key" text NOT NULL,
	"request_hash" text NOT NULL,
	"booking_id" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "idempotency_keys_owner_key_pk" PRIMARY KEY("owner","key")
);
--> statement-breakpoint
CREATE TABLE "missions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"doctor_rpps" char(11) NOT NULL,
	"site_id" uuid NOT NULL,
	"epci_siren" char(9) NOT NULL,
	"local_date" date NOT NULL,
	"start_local" time NOT NULL,
	"end_local" time NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"slot_minutes" integer NOT NULL,
	"day_kind" text NOT NULL,
	"status" text DEFAULT 'planned' NOT NULL,
	"cancelled_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "missions_slot_minutes" CHECK ("missions"."slot_minutes" between 10 and 60),
	CONSTRAINT "missions_order" CHECK ("missions"."ends_at" > "missions"."starts_at"),
	CONSTRAINT "missions_status" CHECK ("missions"."status" in ('planned','cancelled')),
	CONSTRAINT "missions_day_kind" CHECK ("missions"."day_kind" in ('full','half'))
);
--> statement-breakpoint
CREATE TABLE "priority_zones" (
	"siren" char(9) PRIMARY KEY NOT NULL,
	"source" text NOT NULL,
	"designated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "scheme_settings" (
	"id" boolean PRIMARY KEY DEFAULT true NOT NULL,
	"max_mission_days_per_month" integer DEFAULT 2 NOT NULL,
	"max_future_bookings_per_patient" integer DEFAULT 2 NOT NULL,
	CONSTRAINT "scheme_settings_single_row" CHECK ("scheme_settings"."id")
);
--> statement-breakpoint
CREATE TABLE "sites" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"address" text NOT NULL,
	"commune_insee" varchar(5) NOT NULL,
	"epci_siren" char(9) NOT NULL,
	"finess" char(9),
	"kind" text NOT NULL,
	"accessibility" text,
	"phone" text NOT NULL,
	"time_zone" text NOT NULL,
	"latitude" double precision,
	"longitude" double precision,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "sites_kind_check" CHECK ("sites"."kind" in ('maison_de_sante','centre_de_sante','cabinet','local_communal','hopital_de_proximite'))
);
--> statement-breakpoint
CREATE TABLE "slots" (
	"id" uuid PRIMARY KEY NOT NULL,
	"mission_id" uuid NOT NULL,
	"site_id" uuid NOT NULL,
	"epci_siren" char(9) NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"hold_id" uuid,
	"hold_owner" text,
	"hold_expires_at" timestamp with time zone,
	CONSTRAINT "slots_status" CHECK ("slots"."status" in ('open','booked','withdrawn')),
	CONSTRAINT "slots_hold_complete" CHECK (("slots"."hold_id" is null) = ("slots"."hold_expires_at" is null) and ("slots"."hold_id" is null) = ("slots"."hold_owner" is null))
);
--> statement-breakpoint
CREATE TABLE "tariff_rates" (
	"code" text NOT NULL,
	"label" text NOT NULL,
	"amount_cents" integer NOT NULL,
	"effective_from" date NOT NULL,
	"effective_to" date,
	CONSTRAINT "tariff_rates_code_effective_from_pk" PRIMARY KEY("code","effective_from")
);
--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_slot_id_slots_id_fk" FOREIGN KEY ("slot_id") REFERENCES "public"."slots"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_mission_id_missions_id_fk" FOREIGN KEY ("mission_id") REFERENCES "public"."missions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "communes" ADD CONSTRAINT "communes_epci_siren_epci_siren_fk" FOREIGN KEY ("epci_siren") REFERENCES "public"."epci"("siren") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "holds" ADD CONSTRAINT "holds_slot_id_slots_id_fk" FOREIGN KEY ("slot_id") REFERENCES "public"."slots"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "idempotency_keys" ADD CONSTRAINT "idempotency_keys_booking_id_bookings_id_fk" FOREIGN KEY ("booking_id") REFERENCES "public"."bookings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "missions" ADD CONSTRAINT "missions_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "priority_zones" ADD CONSTRAINT "priority_zones_siren_epci_siren_fk" FOREIGN KEY ("siren") REFERENCES "public"."epci"("siren") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sites" ADD CONSTRAINT "sites_commune_insee_communes_insee_fk" FOREIGN KEY ("commune_insee") REFERENCES "public"."communes"("insee") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sites" ADD CONSTRAINT "sites_epci_siren_priority_zones_siren_fk" FOREIGN KEY ("epci_siren") REFERENCES "public"."priority_zones"("siren") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "slots" ADD CONSTRAINT "slots_mission_id_missions_id_fk" FOREIGN KEY ("mission_id") REFERENCES "public"."missions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "slots" ADD CONSTRAINT "slots_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_booking_idx" ON "audit_events" USING btree ("booking_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "bookings_one_active_per_slot" ON "bookings" USING btree ("slot_id") WHERE "bookings"."status" <> 'cancelled';--> statement-breakpoint
CREATE INDEX "bookings_owner_idx" ON "bookings" USING btree ("owner_sub","created_at");--> statement-breakpoint
CREATE INDEX "bookings_patient_idx" ON "bookings" USING btree ("patient_key","starts_at");--> statement-breakpoint
CREATE INDEX "bookings_mission_idx" ON "bookings" USING btree ("mission_id");--> statement-breakpoint
CREATE INDEX "communes_postcodes_idx" ON "communes" USING gin ("postcodes");--> statement-breakpoint
CREATE INDEX "communes_epci_idx" ON "communes" USING btree ("epci_siren");--> statement-breakpoint
CREATE UNIQUE INDEX "holds_one_active_per_owner" ON "holds" USING btree ("owner_key") WHERE "holds"."status" = 'active';--> statement-breakpoint
CREATE UNIQUE INDEX "missions_one_per_doctor_day" ON "missions" USING btree ("doctor_rpps","local_date") WHERE "missions"."status" <> 'cancelled';--> statement-breakpoint
CREATE INDEX "missions_doctor_idx" ON "missions" USING btree ("doctor_rpps","local_date");--> statement-breakpoint
CREATE INDEX "sites_epci_idx" ON "sites" USING btree ("epci_siren","id");--> statement-breakpoint
CREATE INDEX "slots_search_idx" ON "slots" USING btree ("epci_siren","starts_at","id") WHERE "slots"."status" = 'open';--> statement-breakpoint
CREATE INDEX "slots_mission_idx" ON "slots" USING btree ("mission_id");