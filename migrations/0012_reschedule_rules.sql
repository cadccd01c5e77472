-- Rescheduling moves a booking to another slot by an UPDATE of slot_id, mission_id and starts_at.
-- The tariff depends on the consultation date (MEG while the patient is under 6), so the tariff
-- rule must run on every move, whoever writes it, not only when the amount columns are set. The
-- caps are not counted again: bookings_enforce_rules counts them on INSERT only, and a move keeps
-- the number of upcoming bookings. The billing trigger already runs on mission_id.
DROP TRIGGER bookings_rules ON bookings;
--> statement-breakpoint
CREATE TRIGGER bookings_rules BEFORE INSERT OR UPDATE OF amount_cents, tariff_code, tariff_majorations, patient_birth_date, slot_id, mission_id, starts_at ON bookings
  FOR EACH ROW EXECUTE FUNCTION bookings_enforce_rules();
--> statement-breakpoint
-- The account's and the person's caps are scheme-wide, so a move leaves them as they were. The
-- integrator's cap is per zone: a move into another zone takes a place there, counted under the
-- same lock as a new booking in that zone (SQLSTATE BK004 → client_zone_booking_limit_reached).
-- An UPDATE carries no request clock (a new booking counts from its created_at): now() it is.
CREATE FUNCTION bookings_enforce_move_caps() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  zone char(9);
  cap integer;
  taken integer;
BEGIN
  SELECT epci_siren INTO zone FROM slots WHERE id = NEW.slot_id;
  IF zone = (SELECT epci_siren FROM slots WHERE id = OLD.slot_id) THEN RETURN NEW; END IF;
  PERFORM pg_advisory_xact_lock(hashtext('client-zone:' || NEW.client_id || ':' || zone));
  cap := COALESCE((SELECT max_upcoming_bookings_per_zone FROM caller_limits WHERE caller_key = 'client:' || NEW.client_id),
                  (SELECT max_upcoming_bookings_per_client_zone FROM scheme_settings));
  SELECT count(*) INTO taken FROM bookings b JOIN slots s ON s.id = b.slot_id
    WHERE b.client_id = NEW.client_id AND b.owner_role = 'integrator' AND b.status = 'booked'
      AND b.starts_at > now() AND s.epci_siren = zone AND b.id <> NEW.id;
  IF taken >= cap THEN
    RAISE EXCEPTION 'client already has % upcoming booking(s) in zone %', taken, zone USING ERRCODE = 'BK004';
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER bookings_move_caps BEFORE UPDATE OF slot_id ON bookings
  FOR EACH ROW WHEN (NEW.owner_role = 'integrator' AND NEW.status = 'booked' AND OLD.slot_id IS DISTINCT FROM NEW.slot_id)
  EXECUTE FUNCTION bookings_enforce_move_caps();
