-- ARS corrections of a mission's attendance (issue 23 §2): the corrected times go to the mission,
-- and each correction is kept here with its reason, append-only like audit_events (SQLSTATE AU001).
-- audit_events names the mission a correction changed.
CREATE TABLE "attendance_corrections" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"mission_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_sub" text NOT NULL,
	"reason" text NOT NULL,
	"previous_checked_in_at" timestamp with time zone,
	"previous_checked_out_at" timestamp with time zone,
	"checked_in_at" timestamp with time zone NOT NULL,
	"checked_out_at" timestamp with time zone NOT NULL,
	CONSTRAINT "attendance_corrections_reason" CHECK (length(btrim("attendance_corrections"."reason")) between 10 and 500),
	CONSTRAINT "attendance_corrections_order" CHECK ("attendance_corrections"."checked_out_at" >= "attendance_corrections"."checked_in_at")
);
--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "mission_id" uuid;--> statement-breakpoint
CREATE INDEX "attendance_corrections_mission_idx" ON "attendance_corrections" USING btree ("mission_id","id");--> statement-breakpoint
CREATE INDEX "audit_mission_idx" ON "audit_events" USING btree ("mission_id","id");--> statement-breakpoint
CREATE FUNCTION attendance_corrections_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'attendance_corrections is append-only' USING ERRCODE = 'AU001';
END
$$;
--> statement-breakpoint
CREATE TRIGGER attendance_corrections_no_change BEFORE UPDATE OR DELETE OR TRUNCATE ON attendance_corrections
  FOR EACH STATEMENT EXECUTE FUNCTION attendance_corrections_append_only();
