-- At most 10 webhook endpoints per client: each endpoint multiplies every event's deliveries, so an
-- integrator registering hundreds would turn our sender against its receivers (and our cron).
-- Counted under a transaction lock per client, so two registrations at once cannot both take the last place.
CREATE OR REPLACE FUNCTION webhook_endpoints_cap() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  taken int;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('webhook_endpoints:' || NEW.client_id));
  SELECT count(*) INTO taken FROM webhook_endpoints WHERE client_id = NEW.client_id;
  IF taken >= 10 THEN
    RAISE EXCEPTION 'client already has % webhook endpoints', taken USING ERRCODE = 'WH001';
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER webhook_endpoints_cap BEFORE INSERT ON webhook_endpoints FOR EACH ROW EXECUTE FUNCTION webhook_endpoints_cap();
