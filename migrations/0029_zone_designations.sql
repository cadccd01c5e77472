CREATE TABLE "zone_designations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"siren" char(9) NOT NULL,
	"source" text NOT NULL,
	"designated_at" timestamp with time zone NOT NULL,
	"withdrawn_at" timestamp with time zone,
	"designated_by" text NOT NULL,
	"withdrawn_by" text,
	CONSTRAINT "zone_designations_period" CHECK ("zone_designations"."withdrawn_at" is null or "zone_designations"."withdrawn_at" >= "zone_designations"."designated_at"),
	CONSTRAINT "zone_designations_withdrawn_by" CHECK (("zone_designations"."withdrawn_at" is null) = ("zone_designations"."withdrawn_by" is null))
);
--> statement-breakpoint
ALTER TABLE "zone_designations" ADD CONSTRAINT "zone_designations_siren_epci_siren_fk" FOREIGN KEY ("siren") REFERENCES "public"."epci"("siren") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "zone_designations_one_open" ON "zone_designations" USING btree ("siren") WHERE "zone_designations"."withdrawn_at" is null;--> statement-breakpoint
INSERT INTO zone_designations (id, siren, source, designated_at, designated_by)
SELECT gen_random_uuid(), siren, source, designated_at, 'migration' FROM priority_zones;
--> statement-breakpoint
-- Any write to priority_zones keeps the history, whoever makes it (seeds, scripts, a console). The
-- application's own statements record the period first, with the request's clock and the ARS
-- caller; these then find it done.
CREATE FUNCTION priority_zones_history() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO zone_designations (id, siren, source, designated_at, designated_by)
    VALUES (gen_random_uuid(), NEW.siren, NEW.source, NEW.designated_at, 'database')
    ON CONFLICT (siren) WHERE withdrawn_at IS NULL DO NOTHING;
    RETURN NEW;
  END IF;
  UPDATE zone_designations SET withdrawn_at = greatest(now(), designated_at), withdrawn_by = 'database'
  WHERE siren = OLD.siren AND withdrawn_at IS NULL;
  RETURN OLD;
END
$$;
--> statement-breakpoint
CREATE TRIGGER priority_zones_history AFTER INSERT OR DELETE ON priority_zones
  FOR EACH ROW EXECUTE FUNCTION priority_zones_history();
