ALTER TABLE "bookings" ALTER COLUMN "patient_first_name" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "bookings" ALTER COLUMN "patient_last_name" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "bookings" ALTER COLUMN "patient_birth_date" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "bookings" ALTER COLUMN "patient_phone" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "bookings" ALTER COLUMN "patient_key" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "bookings" ADD COLUMN "anonymised_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_patient_data" CHECK (case when "bookings"."anonymised_at" is null
      then "bookings"."patient_first_name" is not null and "bookings"."patient_last_name" is not null and "bookings"."patient_birth_date" is not null and "bookings"."patient_phone" is not null and "bookings"."patient_key" is not null
      else "bookings"."patient_first_name" is null and "bookings"."patient_last_name" is null and "bookings"."patient_birth_date" is null and "bookings"."patient_phone" is null and "bookings"."patient_email" is null and "bookings"."patient_key" is null end);--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_anonymised_past" CHECK ("bookings"."anonymised_at" is null or "bookings"."status" = 'cancelled' or "bookings"."anonymised_at" >= "bookings"."starts_at");--> statement-breakpoint
-- The rule triggers recompute the tariff from the birth date: an anonymised row has none, and its
-- amounts were checked when they were set. The freeze below keeps them from changing afterwards.
DROP TRIGGER bookings_rules ON bookings;
--> statement-breakpoint
CREATE TRIGGER bookings_rules BEFORE INSERT OR UPDATE OF amount_cents, tariff_code, tariff_majorations, patient_birth_date, slot_id, mission_id, starts_at ON bookings
  FOR EACH ROW WHEN (NEW.anonymised_at IS NULL) EXECUTE FUNCTION bookings_enforce_rules();
--> statement-breakpoint
DROP TRIGGER bookings_billing ON bookings;
--> statement-breakpoint
CREATE TRIGGER bookings_billing BEFORE INSERT OR UPDATE OF status, billed_acts, billed_cents, patient_birth_date, mission_id ON bookings
  FOR EACH ROW WHEN ((NEW.billed_cents IS NOT NULL OR NEW.billed_acts IS NOT NULL) AND NEW.anonymised_at IS NULL)
  EXECUTE FUNCTION bookings_enforce_billing();
--> statement-breakpoint
-- An anonymised booking is history: no status, amount or date of it changes any more, so the
-- statistics and indemnities it counts in stay as they were. (Named to fire before the others.)
CREATE FUNCTION bookings_refuse_anonymised_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'booking % is anonymised', OLD.id USING ERRCODE = 'AN001';
END
$$;
--> statement-breakpoint
CREATE TRIGGER bookings_anonymised_frozen BEFORE UPDATE ON bookings
  FOR EACH ROW WHEN (OLD.anonymised_at IS NOT NULL) EXECUTE FUNCTION bookings_refuse_anonymised_change();
--> statement-breakpoint
-- The purge finds bookings past retention by date among those not yet anonymised.
CREATE INDEX bookings_to_anonymise_idx ON bookings (coalesce(cancelled_at, starts_at)) WHERE anonymised_at IS NULL;--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "reason" text;--> statement-breakpoint
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_reason_length" CHECK ("audit_events"."reason" is null or length(btrim("audit_events"."reason")) between 10 and 500);--> statement-breakpoint
-- The per-person digest without the phone (migration 0024) goes with the rest of the patient data.
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_identity_anonymised" CHECK ("bookings"."anonymised_at" is null or "bookings"."identity_key" is null);
