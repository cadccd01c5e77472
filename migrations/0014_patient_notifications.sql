CREATE TABLE "call_list" (
	"booking_id" uuid PRIMARY KEY NOT NULL,
	"reason" text NOT NULL,
	"kind" text NOT NULL,
	"event_id" uuid NOT NULL,
	"added_at" timestamp with time zone NOT NULL,
	"done_at" timestamp with time zone,
	"done_by" text,
	"call_reference" text,
	CONSTRAINT "call_list_reason_check" CHECK ("call_list"."reason" IN ('no_channel', 'notice_failed')),
	CONSTRAINT "call_list_kind_check" CHECK ("call_list"."kind" IN ('cancellation', 'change')),
	CONSTRAINT "call_list_done" CHECK (("call_list"."done_at" IS NULL) = ("call_list"."done_by" IS NULL))
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" uuid PRIMARY KEY NOT NULL,
	"booking_id" uuid NOT NULL,
	"event_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"channel" text NOT NULL,
	"status" text DEFAULT 'scheduled' NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone,
	"last_error" text,
	"sent_at" timestamp with time zone,
	"provider_message_id" text,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "notifications_kind_check" CHECK ("notifications"."kind" IN ('confirmation', 'reminder', 'reminder_soon', 'cancellation', 'change')),
	CONSTRAINT "notifications_channel_check" CHECK ("notifications"."channel" IN ('sms', 'email')),
	CONSTRAINT "notifications_status_check" CHECK ("notifications"."status" IN ('scheduled', 'sent', 'failed', 'cancelled')),
	CONSTRAINT "notifications_sent_at" CHECK (("notifications"."status" = 'sent') = ("notifications"."sent_at" IS NOT NULL)),
	CONSTRAINT "notifications_scheduled_next" CHECK (("notifications"."status" = 'scheduled') = ("notifications"."next_attempt_at" IS NOT NULL)),
	CONSTRAINT "notifications_attempts" CHECK ("notifications"."attempts" >= 0)
);
--> statement-breakpoint
ALTER TABLE "bookings" ADD COLUMN "notify_sms" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "bookings" ADD COLUMN "notify_email" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "call_list" ADD CONSTRAINT "call_list_booking_id_bookings_id_fk" FOREIGN KEY ("booking_id") REFERENCES "public"."bookings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_list" ADD CONSTRAINT "call_list_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_booking_id_bookings_id_fk" FOREIGN KEY ("booking_id") REFERENCES "public"."bookings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "call_list_open_idx" ON "call_list" USING btree ("added_at") WHERE "call_list"."done_at" IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "notifications_event_kind_channel" ON "notifications" USING btree ("event_id","kind","channel");--> statement-breakpoint
CREATE INDEX "notifications_due_idx" ON "notifications" USING btree ("next_attempt_at") WHERE "notifications"."status" = 'scheduled';--> statement-breakpoint
CREATE INDEX "notifications_booking_idx" ON "notifications" USING btree ("booking_id","created_at");--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_notify_sms_mobile" CHECK (not "bookings"."notify_sms" or "bookings"."patient_phone_mobile");--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_notify_email_given" CHECK (not "bookings"."notify_email" or "bookings"."patient_email" is not null);