ALTER TABLE "idempotency_keys" ALTER COLUMN "booking_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "bookings" ADD COLUMN "external_ref" text;--> statement-breakpoint
ALTER TABLE "bookings" ADD COLUMN "cancel_reason" text;--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "tx" "xid8" DEFAULT pg_current_xact_id() NOT NULL;--> statement-breakpoint
ALTER TABLE "idempotency_keys" ADD COLUMN "hold_id" uuid;--> statement-breakpoint
ALTER TABLE "idempotency_keys" ADD COLUMN "webhook_endpoint_id" uuid;--> statement-breakpoint
ALTER TABLE "idempotency_keys" ADD CONSTRAINT "idempotency_keys_hold_id_holds_id_fk" FOREIGN KEY ("hold_id") REFERENCES "public"."holds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "idempotency_keys" ADD CONSTRAINT "idempotency_keys_webhook_endpoint_id_webhook_endpoints_id_fk" FOREIGN KEY ("webhook_endpoint_id") REFERENCES "public"."webhook_endpoints"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "events_feed_idx" ON "events" USING btree ("tx","id");--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_external_ref" CHECK ("bookings"."external_ref" ~ '^[A-Za-z0-9._:-]{1,64}$');--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_cancel_reason" CHECK ("bookings"."cancel_reason" is null or ("bookings"."cancel_reason" in ('patient_request', 'patient_unavailable', 'booked_elsewhere', 'duplicate', 'entered_in_error', 'other') and "bookings"."status" = 'cancelled'));--> statement-breakpoint
ALTER TABLE "idempotency_keys" ADD CONSTRAINT "idempotency_keys_one_result" CHECK (num_nonnulls("idempotency_keys"."booking_id", "idempotency_keys"."hold_id", "idempotency_keys"."webhook_endpoint_id") = 1);