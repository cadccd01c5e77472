-- The per-person cap counts the person (folded name and birth date), not the person and a phone:
-- another number no longer opens two more upcoming bookings (issue 21 §5).
ALTER TABLE "bookings" ADD COLUMN "identity_key" text;--> statement-breakpoint
CREATE INDEX "bookings_identity_idx" ON "bookings" USING btree ("identity_key","starts_at");--> statement-breakpoint
CREATE OR REPLACE FUNCTION bookings_enforce_rules() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  on_date date;
  expected integer;
  settings scheme_settings%ROWTYPE;
  zone char(9);
  cap integer;
  taken integer;
BEGIN
  SELECT local_date INTO on_date FROM missions WHERE id = NEW.mission_id;
  expected := tariff_amount_cents(mission_tariff_territory(NEW.mission_id), on_date, NEW.patient_birth_date);
  IF expected IS NULL THEN
    RAISE EXCEPTION 'no tarif opposable in effect on % for this site', on_date USING ERRCODE = 'OB003';
  END IF;
  IF NEW.amount_cents IS DISTINCT FROM expected
     OR NEW.tariff_code <> 'G'
     OR NEW.tariff_majorations IS DISTINCT FROM tariff_majorations(on_date, NEW.patient_birth_date) THEN
    RAISE EXCEPTION 'amount % is not the tarif opposable', NEW.amount_cents USING ERRCODE = 'OB001';
  END IF;
  IF TG_OP <> 'INSERT' OR NEW.status <> 'booked' THEN RETURN NEW; END IF;
  SELECT * INTO settings FROM scheme_settings;
  IF NEW.owner_role = 'patient' THEN
    -- One account books for a family, not for a town.
    PERFORM pg_advisory_xact_lock(hashtext('account:' || NEW.owner_sub));
    SELECT count(*) INTO taken FROM bookings
      WHERE owner_role = 'patient' AND owner_sub = NEW.owner_sub AND status = 'booked' AND starts_at > NEW.created_at;
    IF taken >= settings.max_upcoming_bookings_per_account THEN
      RAISE EXCEPTION 'account already has % upcoming booking(s)', taken USING ERRCODE = 'BK003';
    END IF;
  ELSIF NEW.owner_role = 'integrator' THEN
    -- A partner app may not corner a zone; caller_limits keys integrators as 'client:<client_id>'.
    SELECT epci_siren INTO zone FROM slots WHERE id = NEW.slot_id;
    PERFORM pg_advisory_xact_lock(hashtext('client-zone:' || NEW.client_id || ':' || zone));
    cap := COALESCE((SELECT max_upcoming_bookings_per_zone FROM caller_limits WHERE caller_key = 'client:' || NEW.client_id),
                    settings.max_upcoming_bookings_per_client_zone);
    SELECT count(*) INTO taken FROM bookings b JOIN slots s ON s.id = b.slot_id
      WHERE b.client_id = NEW.client_id AND b.owner_role = 'integrator' AND b.status = 'booked'
        AND b.starts_at > NEW.created_at AND s.epci_siren = zone;
    IF taken >= cap THEN
      RAISE EXCEPTION 'client already has % upcoming booking(s) in zone %', taken, zone USING ERRCODE = 'BK004';
    END IF;
  END IF;
  -- One person, whoever books for them and whatever phone they give: agents are trusted staff, but
  -- this cap holds for them too. Bookings made before identity_key existed count by patient_key.
  PERFORM pg_advisory_xact_lock(hashtext('identity:' || COALESCE(NEW.identity_key, NEW.patient_key)));
  SELECT count(*) INTO taken FROM bookings
    WHERE (identity_key = NEW.identity_key OR patient_key = NEW.patient_key) AND status = 'booked' AND starts_at > NEW.created_at;
  IF taken >= settings.max_future_bookings_per_patient THEN
    RAISE EXCEPTION 'patient already has % future booking(s)', taken USING ERRCODE = 'BK001';
  END IF;
  RETURN NEW;
END
$$;
