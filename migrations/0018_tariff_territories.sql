-- The tarif opposable by territory (issue 23 §1): since the 2024 convention the G is 36 € in the five
-- DROM and 30 € in metropolitan France. A site's territory follows from its commune's département
-- (tariff_territory); every price, and every check of one, reads the row of that territory. Each
-- row cites its source. A figure no source gave is left out (the DROM's MEG, their G before
-- 2024-12-22): pricing it raises OB003 (tariff_unavailable) rather than guessing.
-- Custom SQLSTATE (mapped in src/db/errors.ts): OB003 no tarif opposable in effect for the visit.
ALTER TABLE "tariff_rates" ADD COLUMN "territory" text NOT NULL DEFAULT 'metropole';--> statement-breakpoint
ALTER TABLE "tariff_rates" ALTER COLUMN "territory" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "tariff_rates" ADD COLUMN "source" text;--> statement-breakpoint
ALTER TABLE "tariff_rates" DROP CONSTRAINT "tariff_rates_code_effective_from_pk";--> statement-breakpoint
-- 26.50 € applied from 1 November 2023 (the table said 2023-12-21); MEG is 5 € since 1 May 2017.
UPDATE "tariff_rates" SET "effective_from" = '2023-11-01',
  "source" = 'Règlement arbitral 2023 : G 26,50 € au 1er novembre 2023 (https://www.aefinfo.fr/depeche/692541)'
  WHERE "code" = 'G' AND "amount_cents" = 2650;--> statement-breakpoint
UPDATE "tariff_rates" SET
  "source" = 'Convention médicale 2024 : G 30 € au 22 décembre 2024 (https://www.europe1.fr/sante/generaliste-ou-specialiste-le-tarif-des-consultations-augmente-des-dimanche-236095)'
  WHERE "code" = 'G' AND "amount_cents" = 3000;--> statement-breakpoint
UPDATE "tariff_rates" SET "effective_from" = '2017-05-01',
  "source" = 'Convention médicale 2016 : MEG 5 € au 1er mai 2017 (https://static1.lequotidiendumedecin.fr/liberal/exercice/tarifs-et-cotations-ce-qui-change-pour-les-generalistes-et-les-pediatres) ; toujours 5 € en 2024, moins de 6 ans 35 € (https://goldy.fr/consultations-medicales-une-hausse-des-tarifs-a-partir-de-decembre-2024)'
  WHERE "code" = 'MEG' AND "amount_cents" = 500;--> statement-breakpoint
ALTER TABLE "tariff_rates" ALTER COLUMN "source" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "tariff_rates" ADD CONSTRAINT "tariff_rates_code_territory_effective_from_pk" PRIMARY KEY("code","territory","effective_from");--> statement-breakpoint
ALTER TABLE "tariff_rates" ADD CONSTRAINT "tariff_rates_territory" CHECK ("tariff_rates"."territory" in ('metropole','guadeloupe','martinique','guyane','reunion','mayotte'));--> statement-breakpoint
ALTER TABLE "tariff_rates" ADD CONSTRAINT "tariff_rates_amount" CHECK ("tariff_rates"."amount_cents" > 0);--> statement-breakpoint
ALTER TABLE "tariff_rates" ADD CONSTRAINT "tariff_rates_period" CHECK ("tariff_rates"."effective_to" is null or "tariff_rates"."effective_to" >= "tariff_rates"."effective_from");--> statement-breakpoint
ALTER TABLE "tariff_rates" ADD CONSTRAINT "tariff_rates_source" CHECK (length("tariff_rates"."source") >= 3);--> statement-breakpoint
-- Mayotte is a territory of its own; the sources give it the same G as the other four.
INSERT INTO "tariff_rates" ("code", "territory", "label", "amount_cents", "effective_from", "effective_to", "source")
SELECT 'G', t, 'Consultation de médecine générale', 3600, '2024-12-22', NULL,
  'Convention médicale 2024 : G 36 € en Guadeloupe, Martinique, Guyane, à La Réunion et à Mayotte (https://www.csmf.org/le-texte/drom-et-corse-le-rendez-vous-manque/ ; https://www.ameli.fr/assure/remboursements/rembourse/consultations-telemedecine/guadeloupe-martinique-guyane-reunion)'
FROM unnest(ARRAY['guadeloupe', 'martinique', 'guyane', 'reunion', 'mayotte']) AS t
ON CONFLICT DO NOTHING;--> statement-breakpoint
-- 971 Guadeloupe, 972 Martinique, 973 Guyane, 974 La Réunion, 976 Mayotte; every other département
-- is priced as metropolitan France (the same list as territoryOf in src/domain/public-holidays.ts).
CREATE FUNCTION tariff_territory(p_departement text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE p_departement WHEN '971' THEN 'guadeloupe' WHEN '972' THEN 'martinique' WHEN '973' THEN 'guyane'
    WHEN '974' THEN 'reunion' WHEN '976' THEN 'mayotte' ELSE 'metropole' END
$$;--> statement-breakpoint
-- The territory of a mission's site, for the triggers that price a booking from its mission.
CREATE FUNCTION mission_tariff_territory(p_mission uuid) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT tariff_territory(c.departement) FROM missions m
  JOIN sites s ON s.id = m.site_id JOIN communes c ON c.insee = s.commune_insee
  WHERE m.id = p_mission
$$;--> statement-breakpoint
DROP FUNCTION tariff_amount_cents(date, date);--> statement-breakpoint
DROP FUNCTION tariff_rate_cents(text, date);--> statement-breakpoint
CREATE FUNCTION tariff_rate_cents(p_code text, p_territory text, p_on date) RETURNS integer LANGUAGE sql STABLE AS $$
  SELECT amount_cents FROM tariff_rates
  WHERE code = p_code AND territory = p_territory AND effective_from <= p_on AND (effective_to IS NULL OR effective_to >= p_on)
$$;--> statement-breakpoint
-- NULL when an act the visit needs has no rate in effect there: nothing is priced by a guess.
CREATE FUNCTION tariff_amount_cents(p_territory text, p_on date, p_birth date) RETURNS integer LANGUAGE sql STABLE AS $$
  SELECT tariff_rate_cents('G', p_territory, p_on)
    + CASE WHEN cardinality(tariff_majorations(p_on, p_birth)) > 0 THEN tariff_rate_cents('MEG', p_territory, p_on) ELSE 0 END
$$;--> statement-breakpoint
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
  -- One person, whoever books for them: agents are trusted staff, but this cap holds for them too.
  PERFORM pg_advisory_xact_lock(hashtext('patient:' || NEW.patient_key));
  SELECT count(*) INTO taken FROM bookings
    WHERE patient_key = NEW.patient_key AND status = 'booked' AND starts_at > NEW.created_at;
  IF taken >= settings.max_future_bookings_per_patient THEN
    RAISE EXCEPTION 'patient already has % future booking(s)', taken USING ERRCODE = 'BK001';
  END IF;
  RETURN NEW;
END
$$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION bookings_enforce_billing() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  on_date date;
  expected_acts text[];
  expected_cents integer;
BEGIN
  IF NEW.billed_cents IS NULL AND NEW.billed_acts IS NULL THEN RETURN NEW; END IF;
  SELECT local_date INTO on_date FROM missions WHERE id = NEW.mission_id;
  expected_acts := ARRAY['G'] || tariff_majorations(on_date, NEW.patient_birth_date);
  expected_cents := tariff_amount_cents(mission_tariff_territory(NEW.mission_id), on_date, NEW.patient_birth_date);
  IF expected_cents IS NULL THEN
    RAISE EXCEPTION 'no tarif opposable in effect on % for this site', on_date USING ERRCODE = 'OB003';
  END IF;
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
