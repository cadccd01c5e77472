-- Three rule triggers began with an early exit that most writes take: the billing check (only a
-- completed consultation carries billed values), the monthly mission cap (a cancellation never
-- breaks it) and the transition check (an update that keeps the status). The same conditions as
-- WHEN clauses spare those writes a PL/pgSQL call; the functions and what they refuse are unchanged.
DROP TRIGGER bookings_billing ON bookings;
--> statement-breakpoint
CREATE TRIGGER bookings_billing BEFORE INSERT OR UPDATE OF status, billed_acts, billed_cents, patient_birth_date, mission_id ON bookings
  FOR EACH ROW WHEN (NEW.billed_cents IS NOT NULL OR NEW.billed_acts IS NOT NULL)
  EXECUTE FUNCTION bookings_enforce_billing();
--> statement-breakpoint
DROP TRIGGER missions_monthly_cap ON missions;
--> statement-breakpoint
CREATE TRIGGER missions_monthly_cap BEFORE INSERT OR UPDATE OF status, local_date ON missions
  FOR EACH ROW WHEN (NEW.status <> 'cancelled')
  EXECUTE FUNCTION missions_enforce_monthly_cap();
--> statement-breakpoint
DROP TRIGGER bookings_transition ON bookings;
--> statement-breakpoint
CREATE TRIGGER bookings_transition BEFORE UPDATE OF status ON bookings
  FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status)
  EXECUTE FUNCTION bookings_enforce_transition();
