CREATE TABLE "indemnity_rates" (
	"day_kind" text NOT NULL,
	"amount_cents" integer NOT NULL,
	"effective_from" date NOT NULL,
	"effective_to" date,
	CONSTRAINT "indemnity_rates_day_kind_effective_from_pk" PRIMARY KEY("day_kind","effective_from"),
	CONSTRAINT "indemnity_rates_day_kind" CHECK ("indemnity_rates"."day_kind" in ('full','half')),
	CONSTRAINT "indemnity_rates_amount" CHECK ("indemnity_rates"."amount_cents" >= 0),
	CONSTRAINT "indemnity_rates_period" CHECK ("indemnity_rates"."effective_to" is null or "indemnity_rates"."effective_to" >= "indemnity_rates"."effective_from")
);
--> statement-breakpoint
ALTER TABLE "bookings" ADD COLUMN "arrived_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "bookings" ADD COLUMN "completed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "bookings" ADD COLUMN "noshow_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "bookings" ADD COLUMN "billed_acts" text[];--> statement-breakpoint
ALTER TABLE "bookings" ADD COLUMN "billed_cents" integer;--> statement-breakpoint
ALTER TABLE "missions" ADD COLUMN "checked_in_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "missions" ADD COLUMN "checked_out_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "missions" ADD COLUMN "check_in_latitude" double precision;--> statement-breakpoint
ALTER TABLE "missions" ADD COLUMN "check_in_longitude" double precision;--> statement-breakpoint
CREATE INDEX "missions_epci_idx" ON "missions" USING btree ("epci_siren","local_date");--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_arrived" CHECK ("bookings"."status" not in ('arrived','fulfilled') or "bookings"."arrived_at" is not null);--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_noshow" CHECK (("bookings"."status" = 'noshow') = ("bookings"."noshow_at" is not null));--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_fulfilled_billed" CHECK ("bookings"."status" <> 'fulfilled' or ("bookings"."completed_at" is not null and "bookings"."billed_acts" is not null and "bookings"."billed_cents" is not null));--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_billed_no_depassement" CHECK (not ("bookings"."billed_acts" && array['DE','DA']::text[]));--> statement-breakpoint
ALTER TABLE "missions" ADD CONSTRAINT "missions_check_in_point" CHECK (("missions"."check_in_latitude" is null) = ("missions"."check_in_longitude" is null));--> statement-breakpoint
ALTER TABLE "missions" ADD CONSTRAINT "missions_check_out_after_in" CHECK ("missions"."checked_out_at" is null or ("missions"."checked_in_at" is not null and "missions"."checked_out_at" >= "missions"."checked_in_at"));
