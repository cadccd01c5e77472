-- Rescheduling moves a booking to another slot by an UPDATE of slot_id, mission_id and starts_at.
-- The tariff depends on the consultation date (MEG while the patient is under 6), so the tariff
-- rule must run on every move, whoever writes it, not only when the amount columns are set. The
-- caps are not counted again: bookings_enforce_rules counts them on INSERT only, and a move keeps
-- the number of upcoming bookings. The billing trigger already runs on mission_id.
DROP TRIGGER bookings_rules ON bookings;
--> statement-breakpoint
CREATE TRIGGER bookings_rules BEFORE INSERT OR UPDATE OF amount_cents, tariff_code, tariff_majorations, patient_birth_date, slot_id, mission_id, starts_at ON bookings
  FOR EACH ROW EXECUTE FUNCTION bookings_enforce_rules();
