CREATE TABLE "caller_limits" (
	"caller_key" text PRIMARY KEY NOT NULL,
	"max_upcoming_bookings_per_zone" integer,
	"max_active_holds" integer,
	CONSTRAINT "caller_limits_bookings_not_negative" CHECK ("caller_limits"."max_upcoming_bookings_per_zone" is null or "caller_limits"."max_upcoming_bookings_per_zone" >= 0),
	CONSTRAINT "caller_limits_holds_not_negative" CHECK ("caller_limits"."max_active_holds" is null or "caller_limits"."max_active_holds" >= 0)
);
--> statement-breakpoint
ALTER TABLE "bookings" ADD COLUMN "patient_phone_mobile" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "scheme_settings" ADD COLUMN "max_upcoming_bookings_per_account" integer DEFAULT 4 NOT NULL;--> statement-breakpoint
ALTER TABLE "scheme_settings" ADD COLUMN "max_upcoming_bookings_per_client_zone" integer DEFAULT 200 NOT NULL;--> statement-breakpoint
ALTER TABLE "scheme_settings" ADD COLUMN "max_active_holds_per_caller" integer DEFAULT 20 NOT NULL;--> statement-breakpoint
CREATE INDEX "bookings_upcoming_owner_idx" ON "bookings" USING btree ("owner_sub","starts_at") WHERE "bookings"."status" = 'booked';--> statement-breakpoint
CREATE INDEX "bookings_upcoming_client_idx" ON "bookings" USING btree ("client_id","starts_at") WHERE "bookings"."status" = 'booked';--> statement-breakpoint
CREATE INDEX "holds_active_caller_idx" ON "holds" USING btree ("caller_key","expires_at") WHERE "holds"."status" = 'active';