ALTER TABLE "audit_events" ALTER COLUMN "booking_id" DROP NOT NULL;--> statement-breakpoint
CREATE INDEX "audit_call_reference_idx" ON "audit_events" USING btree ("call_reference","id");--> statement-breakpoint
CREATE INDEX "bookings_patient_phone_idx" ON "bookings" USING btree ("patient_phone","starts_at");--> statement-breakpoint
CREATE INDEX "bookings_patient_birth_date_idx" ON "bookings" USING btree ("patient_birth_date","starts_at");