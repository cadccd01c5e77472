-- Integrators sync on a booking's last change (GET /v1/bookings?updatedSince=, issue 24). Existing
-- bookings take their latest known change.
ALTER TABLE "bookings" ADD COLUMN "updated_at" timestamp with time zone;--> statement-breakpoint
UPDATE "bookings" SET "updated_at" = greatest("created_at", "cancelled_at", "arrived_at", "completed_at", "noshow_at");--> statement-breakpoint
ALTER TABLE "bookings" ALTER COLUMN "updated_at" SET NOT NULL;--> statement-breakpoint
CREATE INDEX "bookings_updated_idx" ON "bookings" USING btree ("updated_at");--> statement-breakpoint
-- Each statement that changes a booking sets updated_at from the request's clock; this is the last
-- line. A new booking starts at its created_at; a change that did not set it is stamped with the
-- transaction's time (an UPDATE carries no request clock here), never before the previous stamp, so
-- no change escapes a client syncing on it.
CREATE FUNCTION bookings_touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    NEW.updated_at := coalesce(NEW.updated_at, NEW.created_at);
  ELSIF NEW.updated_at IS NOT DISTINCT FROM OLD.updated_at THEN
    NEW.updated_at := greatest(OLD.updated_at, now());
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER bookings_created BEFORE INSERT ON bookings FOR EACH ROW EXECUTE FUNCTION bookings_touch();--> statement-breakpoint
CREATE TRIGGER bookings_touch BEFORE UPDATE ON bookings FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION bookings_touch();
