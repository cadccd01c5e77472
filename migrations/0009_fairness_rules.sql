-- Fairness that cannot be gamed: caps per patient account, per person, per integrator and zone,
-- and on active holds per caller, each under an advisory lock so that concurrent requests count
-- one another. Canonical phones (E.164) and plausible birth dates are held here too.
-- Custom SQLSTATEs (mapped to problem codes in src/db/errors.ts):
--   BK001 person's upcoming-booking limit · BK003 account's upcoming-booking limit
--   BK004 integrator's upcoming-booking limit in a zone · HL001 caller's active-hold limit

-- Phones were stored as typed (separators removed); from now on they are E.164. National forms
-- get their plan's country code (overseas ranges as src/domain/phone.ts reads them).
UPDATE bookings b SET patient_phone = CASE
    WHEN p.d ~ '^00' THEN '+' || substr(p.d, 3)
    WHEN p.d ~ '^0(594|694)' THEN '+594' || substr(p.d, 2)
    WHEN p.d ~ '^0(262|263|269|639|692|693)' THEN '+262' || substr(p.d, 2)
    WHEN p.d ~ '^0(590|690|691)' THEN '+590' || substr(p.d, 2)
    WHEN p.d ~ '^0(596|696|697)' THEN '+596' || substr(p.d, 2)
    WHEN p.d ~ '^0' THEN '+33' || substr(p.d, 2)
    ELSE p.d END
FROM (SELECT id, regexp_replace(replace(patient_phone, '(0)', ''), '[^0-9+]', '', 'g') AS d FROM bookings) p
WHERE p.id = b.id AND b.patient_phone !~ '^\+[1-9][0-9]{5,14}$';
--> statement-breakpoint
UPDATE bookings SET patient_phone_mobile = true
WHERE patient_phone ~ '^\+(33[67]|594694|262(639|69[23])|590(69[01])|596(69[67]))';
--> statement-breakpoint
ALTER TABLE bookings ADD CONSTRAINT bookings_patient_phone_e164 CHECK (patient_phone ~ '^\+[1-9][0-9]{5,14}$');
--> statement-breakpoint
-- Mirrors birthDateRefusal (src/domain/birth-date.ts): not after the booking's date in Paris, not
-- more than 120 years before it.
CREATE FUNCTION birth_date_plausible(p_birth date, p_at timestamptz) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
  SELECT p_birth <= (p_at AT TIME ZONE 'Europe/Paris')::date
     AND p_birth >= ((p_at AT TIME ZONE 'Europe/Paris')::date - interval '120 years')::date
$$;
--> statement-breakpoint
ALTER TABLE bookings ADD CONSTRAINT bookings_birth_date_plausible CHECK (birth_date_plausible(patient_birth_date, created_at));
--> statement-breakpoint
-- The caps count upcoming active bookings at the booking's own instant (created_at, the request's
-- clock). Locks are always taken in the same order — the account's or the client-zone's, then the
-- person's — so that two bookings never wait on each other crosswise.
CREATE OR REPLACE FUNCTION bookings_enforce_rules() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  on_date date;
  settings scheme_settings%ROWTYPE;
  zone char(9);
  cap integer;
  taken integer;
BEGIN
  SELECT local_date INTO on_date FROM missions WHERE id = NEW.mission_id;
  IF NEW.amount_cents IS DISTINCT FROM tariff_amount_cents(on_date, NEW.patient_birth_date)
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
  -- One person, whoever books for them: agents are trusted staff, but this cap holds for them too.
  PERFORM pg_advisory_xact_lock(hashtext('patient:' || NEW.patient_key));
  SELECT count(*) INTO taken FROM bookings
    WHERE patient_key = NEW.patient_key AND status = 'booked' AND starts_at > NEW.created_at;
  IF taken >= settings.max_future_bookings_per_patient THEN
    RAISE EXCEPTION 'patient already has % future booking(s)', taken USING ERRCODE = 'BK001';
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
-- Integrators and agents hold for many patients (one hold each); a patient holds one slot anyway.
-- A hold that the same statement releases (a new hold for the same patient) no longer counts.
CREATE FUNCTION holds_enforce_caller_cap() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  cap integer;
  taken integer;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('holds:' || NEW.caller_key));
  cap := COALESCE((SELECT max_active_holds FROM caller_limits WHERE caller_key = NEW.caller_key),
                  (SELECT max_active_holds_per_caller FROM scheme_settings));
  SELECT count(*) INTO taken FROM holds
    WHERE caller_key = NEW.caller_key AND status = 'active' AND expires_at > NEW.created_at AND id <> NEW.id;
  IF taken >= cap THEN
    RAISE EXCEPTION 'caller already has % active hold(s)', taken USING ERRCODE = 'HL001';
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER holds_caller_cap BEFORE INSERT ON holds
  FOR EACH ROW WHEN (NEW.status = 'active' AND NEW.caller_key NOT LIKE 'patient:%')
  EXECUTE FUNCTION holds_enforce_caller_cap();
