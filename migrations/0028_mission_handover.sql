CREATE TABLE "mission_handovers" (
	"id" uuid PRIMARY KEY NOT NULL,
	"mission_id" uuid NOT NULL,
	"from_rpps" char(11) NOT NULL,
	"to_rpps" char(11) NOT NULL,
	"offered_by" text NOT NULL,
	"offered_at" timestamp with time zone NOT NULL,
	"taken_at" timestamp with time zone NOT NULL,
	CONSTRAINT "mission_handovers_other_doctor" CHECK ("mission_handovers"."from_rpps" <> "mission_handovers"."to_rpps")
);
--> statement-breakpoint
ALTER TABLE "call_list" DROP CONSTRAINT "call_list_kind_check";--> statement-breakpoint
ALTER TABLE "events" DROP CONSTRAINT "events_type_check";--> statement-breakpoint
ALTER TABLE "notifications" DROP CONSTRAINT "notifications_kind_check";--> statement-breakpoint
ALTER TABLE "webhook_endpoints" DROP CONSTRAINT "webhook_endpoints_event_types";--> statement-breakpoint
ALTER TABLE "missions" ADD COLUMN "offered_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "missions" ADD COLUMN "offered_by" text;--> statement-breakpoint
ALTER TABLE "mission_handovers" ADD CONSTRAINT "mission_handovers_mission_id_missions_id_fk" FOREIGN KEY ("mission_id") REFERENCES "public"."missions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "mission_handovers_mission_idx" ON "mission_handovers" USING btree ("mission_id","taken_at");--> statement-breakpoint
CREATE INDEX "missions_offered_idx" ON "missions" USING btree ("starts_at") WHERE "missions"."offered_at" is not null;--> statement-breakpoint
ALTER TABLE "call_list" ADD CONSTRAINT "call_list_kind_check" CHECK ("call_list"."kind" IN ('cancellation', 'change', 'doctor_change'));--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_type_check" CHECK ("events"."type" IN ('booking.created', 'booking.rescheduled', 'booking.cancelled', 'booking.arrived', 'booking.noshow', 'booking.fulfilled', 'mission.declared', 'mission.cancelled', 'mission.reassigned', 'booking.doctor_changed'));--> statement-breakpoint
ALTER TABLE "missions" ADD CONSTRAINT "missions_offered_by" CHECK (("missions"."offered_at" is null) = ("missions"."offered_by" is null));--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_kind_check" CHECK ("notifications"."kind" IN ('confirmation', 'reminder', 'reminder_soon', 'cancellation', 'change', 'doctor_change'));--> statement-breakpoint
ALTER TABLE "webhook_endpoints" ADD CONSTRAINT "webhook_endpoints_event_types" CHECK (cardinality("webhook_endpoints"."event_types") between 1 and 8
      and "webhook_endpoints"."event_types" <@ array['booking.created', 'booking.rescheduled', 'booking.cancelled', 'booking.arrived', 'booking.noshow', 'booking.fulfilled', 'mission.cancelled', 'mission.reassigned']::text[]);--> statement-breakpoint
-- A day taken over counts in the receiving doctor's month: the cap trigger also fires when the doctor changes.
DROP TRIGGER missions_monthly_cap ON missions;
--> statement-breakpoint
CREATE TRIGGER missions_monthly_cap BEFORE INSERT OR UPDATE OF status, local_date, doctor_rpps ON missions
  FOR EACH ROW WHEN (NEW.status <> 'cancelled')
  EXECUTE FUNCTION missions_enforce_monthly_cap();
--> statement-breakpoint
-- A day changes hands only while nobody has come yet and it still stands: the attendance and the
-- indemnity belong to the doctor who checked in.
CREATE FUNCTION missions_handover_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.checked_in_at IS NOT NULL THEN
    RAISE EXCEPTION 'mission % was checked in; it can no longer be handed over', OLD.id USING ERRCODE = 'HO001';
  END IF;
  IF OLD.status = 'cancelled' THEN
    RAISE EXCEPTION 'mission % is cancelled', OLD.id USING ERRCODE = 'HO002';
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER missions_handover_guard BEFORE UPDATE OF doctor_rpps ON missions
  FOR EACH ROW WHEN (OLD.doctor_rpps IS DISTINCT FROM NEW.doctor_rpps)
  EXECUTE FUNCTION missions_handover_guard();
--> statement-breakpoint
CREATE FUNCTION mission_handovers_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'mission_handovers is append-only' USING ERRCODE = 'AU001';
END
$$;
--> statement-breakpoint
CREATE TRIGGER mission_handovers_no_change BEFORE UPDATE OR DELETE OR TRUNCATE ON mission_handovers
  FOR EACH STATEMENT EXECUTE FUNCTION mission_handovers_append_only();
