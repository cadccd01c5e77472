-- The booking's short reference (issue 22): on every confirmation, in the API, what a patient types
-- in /rdv with their birth date and what agents search by. Drawn from gen_random_uuid()'s random
-- bytes (no extension needed), two bytes a character so the alphabet's 30 letters are near even;
-- drawn again in the rare case the code is taken (the unique index is the last line).
CREATE FUNCTION new_booking_reference() RETURNS text LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  alphabet constant text := '23456789ABCDEFGHJKMNPQRSTVWXYZ';
  bytes bytea;
  code text;
BEGIN
  LOOP
    bytes := uuid_send(gen_random_uuid());
    code := '';
    FOR i IN 0..7 LOOP
      code := code || substr(alphabet, 1 + ((get_byte(bytes, 2 * i) * 256 + get_byte(bytes, 2 * i + 1)) % 30), 1);
    END LOOP;
    EXIT WHEN NOT EXISTS (SELECT 1 FROM bookings WHERE reference = code);
  END LOOP;
  RETURN code;
END
$$;
--> statement-breakpoint
ALTER TABLE "bookings" ADD COLUMN "reference" text DEFAULT new_booking_reference() NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "bookings_reference_key" ON "bookings" USING btree ("reference");--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_reference_format" CHECK ("bookings"."reference" ~ '^[2-9A-HJKMNP-TV-Z]{8}$');--> statement-breakpoint
CREATE TABLE "booking_links" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"booking_id" uuid NOT NULL,
	"notification_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "booking_links_hash" CHECK ("booking_links"."token_hash" ~ '^[0-9a-f]{64}$')
);
--> statement-breakpoint
ALTER TABLE "booking_links" ADD CONSTRAINT "booking_links_booking_id_bookings_id_fk" FOREIGN KEY ("booking_id") REFERENCES "public"."bookings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booking_links" ADD CONSTRAINT "booking_links_notification_id_notifications_id_fk" FOREIGN KEY ("notification_id") REFERENCES "public"."notifications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "booking_links_booking_idx" ON "booking_links" USING btree ("booking_id");--> statement-breakpoint
CREATE TABLE "reference_tries" (
	"reference" text NOT NULL,
	"day" date NOT NULL,
	"failures" integer NOT NULL,
	CONSTRAINT "reference_tries_reference_day_pk" PRIMARY KEY("reference","day"),
	CONSTRAINT "reference_tries_failures" CHECK ("reference_tries"."failures" > 0)
);
