-- Rules that Drizzle's schema language cannot say. The application checks first for a clear
-- message; these make the invariants true whatever the application does.
-- Custom SQLSTATEs (mapped to problem codes in src/db/errors.ts):
--   MS001 mission cap per doctor and month reached · BK001 patient's future-booking limit reached
--   OB001 amount is not the tarif opposable · AU001 audit rows are append-only

INSERT INTO scheme_settings (id) VALUES (true) ON CONFLICT DO NOTHING;
--> statement-breakpoint
-- Only the history the scheme (from 2025) needs; an ARS can add rows when the convention changes.
INSERT INTO tariff_rates (code, label, amount_cents, effective_from, effective_to) VALUES
  ('G', 'Consultation de médecine générale', 2650, '2023-12-21', '2024-12-21'),
  ('G', 'Consultation de médecine générale', 3000, '2024-12-22', NULL),
  ('MEG', 'Majoration enfant de moins de 6 ans', 500, '2023-12-21', NULL)
ON CONFLICT DO NOTHING;
--> statement-breakpoint
CREATE FUNCTION tariff_rate_cents(p_code text, p_on date) RETURNS integer LANGUAGE sql STABLE AS $$
  SELECT amount_cents FROM tariff_rates
  WHERE code = p_code AND effective_from <= p_on AND (effective_to IS NULL OR effective_to >= p_on)
$$;
--> statement-breakpoint
-- MEG applies while the child is under 6 on the consultation date (not on their 6th birthday).
CREATE FUNCTION tariff_majorations(p_on date, p_birth date) RETURNS text[] LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN p_birth IS NOT NULL AND p_on < (p_birth + interval '6 years')::date
    THEN ARRAY['MEG'] ELSE ARRAY[]::text[] END
$$;
--> statement-breakpoint
CREATE FUNCTION tariff_amount_cents(p_on date, p_birth date) RETURNS integer LANGUAGE sql STABLE AS $$
  SELECT tariff_rate_cents('G', p_on)
    + CASE WHEN cardinality(tariff_majorations(p_on, p_birth)) > 0 THEN tariff_rate_cents('MEG', p_on) ELSE 0 END
$$;
--> statement-breakpoint
CREATE FUNCTION missions_enforce_monthly_cap() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  cap integer;
  taken integer;
BEGIN
  IF NEW.status = 'cancelled' THEN RETURN NEW; END IF;
  -- Serialise a doctor's declarations for one month; the count below then sees every committed one.
  PERFORM pg_advisory_xact_lock(hashtext('mission-cap:' || NEW.doctor_rpps || to_char(NEW.local_date, 'YYYY-MM')));
  SELECT max_mission_days_per_month INTO cap FROM scheme_settings;
  SELECT count(*) INTO taken FROM missions
    WHERE doctor_rpps = NEW.doctor_rpps AND status <> 'cancelled' AND id <> NEW.id
      AND date_trunc('month', local_date) = date_trunc('month', NEW.local_date);
  IF taken >= cap THEN
    RAISE EXCEPTION 'doctor % already has % mission day(s) in %', NEW.doctor_rpps, taken, to_char(NEW.local_date, 'YYYY-MM')
      USING ERRCODE = 'MS001';
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER missions_monthly_cap BEFORE INSERT OR UPDATE OF status, local_date ON missions
  FOR EACH ROW EXECUTE FUNCTION missions_enforce_monthly_cap();
--> statement-breakpoint
CREATE FUNCTION bookings_enforce_rules() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  on_date date;
  cap integer;
  taken integer;
BEGIN
  SELECT local_date INTO on_date FROM missions WHERE id = NEW.mission_id;
  IF NEW.amount_cents IS DISTINCT FROM tariff_amount_cents(on_date, NEW.patient_birth_date)
     OR NEW.tariff_code <> 'G'
     OR NEW.tariff_majorations IS DISTINCT FROM tariff_majorations(on_date, NEW.patient_birth_date) THEN
    RAISE EXCEPTION 'amount % is not the tarif opposable', NEW.amount_cents USING ERRCODE = 'OB001';
  END IF;
  IF TG_OP = 'INSERT' AND NEW.status = 'booked' THEN
    PERFORM pg_advisory_xact_lock(hashtext('patient:' || NEW.patient_key));
    SELECT max_future_bookings_per_patient INTO cap FROM scheme_settings;
    SELECT count(*) INTO taken FROM bookings
      WHERE patient_key = NEW.patient_key AND status = 'booked' AND starts_at > NEW.created_at;
    IF taken >= cap THEN
      RAISE EXCEPTION 'patient already has % future booking(s)', taken USING ERRCODE = 'BK001';
    END IF;
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER bookings_rules BEFORE INSERT OR UPDATE OF amount_cents, tariff_code, tariff_majorations, patient_birth_date ON bookings
  FOR EACH ROW EXECUTE FUNCTION bookings_enforce_rules();
--> statement-breakpoint
CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only' USING ERRCODE = 'AU001';
END
$$;
--> statement-breakpoint
CREATE TRIGGER audit_events_no_change BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();
