ALTER TABLE "bookings" ADD COLUMN "referral_source" text;--> statement-breakpoint
ALTER TABLE "bookings" ADD COLUMN "referral_id" text;--> statement-breakpoint
ALTER TABLE "holds" ADD COLUMN "referral_source" text;--> statement-breakpoint
ALTER TABLE "holds" ADD COLUMN "referral_id" text;--> statement-breakpoint
CREATE INDEX "slots_published_start_idx" ON "slots" USING btree ("starts_at") WHERE "slots"."status" <> 'withdrawn';--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_referral" CHECK (char_length("bookings"."referral_source") between 1 and 128 and char_length("bookings"."referral_id") between 1 and 128);--> statement-breakpoint
ALTER TABLE "holds" ADD CONSTRAINT "holds_referral" CHECK (char_length("holds"."referral_source") between 1 and 128 and char_length("holds"."referral_id") between 1 and 128);