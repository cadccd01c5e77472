CREATE TABLE "deliveries" (
	"event_id" uuid NOT NULL,
	"deliverer" text NOT NULL,
	"status" text NOT NULL,
	"attempts" integer DEFAULT 1 NOT NULL,
	"last_error" text,
	"next_attempt_at" timestamp with time zone,
	"delivered_at" timestamp with time zone,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "deliveries_event_id_deliverer_pk" PRIMARY KEY("event_id","deliverer"),
	CONSTRAINT "deliveries_status_check" CHECK ("deliveries"."status" IN ('delivering', 'delivered', 'failed'))
);
--> statement-breakpoint
CREATE TABLE "events" (
	"id" uuid PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"booking_id" uuid,
	"mission_id" uuid NOT NULL,
	"epci_siren" char(9) NOT NULL,
	"slot_id" uuid,
	"client_id" text,
	"cancelled_by" text,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"enqueued_at" timestamp with time zone,
	"attempts" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "events_type_check" CHECK ("events"."type" IN ('booking.created', 'booking.rescheduled', 'booking.cancelled', 'booking.arrived', 'booking.noshow', 'booking.fulfilled', 'mission.declared', 'mission.cancelled')),
	CONSTRAINT "events_booking_check" CHECK (("events"."type" LIKE 'booking.%') = ("events"."booking_id" IS NOT NULL)),
	CONSTRAINT "events_cancelled_by_check" CHECK (("events"."type" IN ('booking.cancelled', 'mission.cancelled')) = ("events"."cancelled_by" IS NOT NULL))
);
--> statement-breakpoint
ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "events_unenqueued_idx" ON "events" USING btree ("occurred_at") WHERE "events"."enqueued_at" IS NULL;--> statement-breakpoint
CREATE INDEX "events_booking_idx" ON "events" USING btree ("booking_id");