-- Issue 28: a doctor may undo an arrival (before its consultation) or a no-show, which puts the
-- booking back to booked. Mirrors BOOKING_TRANSITIONS (src/domain/booking-status.ts); that the undo
-- happens before the mission's day is over is the undoing statement's guard (it has the request's clock).
CREATE OR REPLACE FUNCTION bookings_enforce_transition() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.status = OLD.status
     OR (OLD.status, NEW.status) IN (('booked', 'arrived'), ('arrived', 'fulfilled'), ('booked', 'cancelled'), ('booked', 'noshow'),
                                     ('arrived', 'booked'), ('noshow', 'booked')) THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'a booking that is % cannot become %', OLD.status, NEW.status USING ERRCODE = 'BK002';
END
$$;
