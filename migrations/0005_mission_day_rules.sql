-- The mission day's rules that Drizzle's schema language cannot say.
-- Custom SQLSTATEs (mapped to problem codes in src/db/errors.ts):
--   OB002 billed acts or amount are not the tarif opposable · BK002 transition outside the booking state machine

-- Mirrors DEFAULT_INDEMNITY_RATES (src/domain/indemnity.ts); an ARS adds rows when the rates change.
INSERT INTO indemnity_rates (day_kind, amount_cents, effective_from, effective_to) VALUES
  ('full', 20000, '2025-09-01', NULL),
  ('half', 10000, '2025-09-01', NULL)
ON CONFLICT DO NOTHING;
--> statement-breakpoint
-- What a completed consultation bills must be exactly the tarif opposable on the mission's date:
-- G, plus MEG while the patient is under 6, at the rates in effect, and nothing else.
CREATE FUNCTION bookings_enforce_billing() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  on_date date;
  expected_acts text[];
  expected_cents integer;
BEGIN
  IF NEW.billed_cents IS NULL AND NEW.billed_acts IS NULL THEN RETURN NEW; END IF;
  SELECT local_date INTO on_date FROM missions WHERE id = NEW.mission_id;
  expected_acts := ARRAY['G'] || tariff_majorations(on_date, NEW.patient_birth_date);
  expected_cents := tariff_amount_cents(on_date, NEW.patient_birth_date);
  IF NEW.billed_cents IS DISTINCT FROM expected_cents
     OR NEW.billed_acts IS NULL
     OR cardinality(NEW.billed_acts) <> cardinality(expected_acts)
     OR NOT (NEW.billed_acts @> expected_acts AND NEW.billed_acts <@ expected_acts) THEN
    RAISE EXCEPTION 'billed % cents for %; the tarif opposable on % is % cents for %',
      NEW.billed_cents, array_to_string(NEW.billed_acts, '+'), on_date, expected_cents, array_to_string(expected_acts, '+')
      USING ERRCODE = 'OB002';
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER bookings_billing BEFORE INSERT OR UPDATE OF status, billed_acts, billed_cents, patient_birth_date, mission_id ON bookings
  FOR EACH ROW EXECUTE FUNCTION bookings_enforce_billing();
--> statement-breakpoint
-- Mirrors BOOKING_TRANSITIONS (src/domain/booking-status.ts): booked → arrived → fulfilled,
-- booked → cancelled, booked → noshow. Anything else, whoever writes it, is refused.
CREATE FUNCTION bookings_enforce_transition() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.status = OLD.status
     OR (OLD.status, NEW.status) IN (('booked', 'arrived'), ('arrived', 'fulfilled'), ('booked', 'cancelled'), ('booked', 'noshow')) THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'a booking that is % cannot become %', OLD.status, NEW.status USING ERRCODE = 'BK002';
END
$$;
--> statement-breakpoint
CREATE TRIGGER bookings_transition BEFORE UPDATE OF status ON bookings
  FOR EACH ROW EXECUTE FUNCTION bookings_enforce_transition();
