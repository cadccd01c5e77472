-- Page sessions ended on the server (issue 21 §3): signing out, or an account taken off the staff
-- lists, records the session's id until its absolute limit; a copy of the cookie then opens nothing.
CREATE TABLE "revoked_sessions" (
	"sid" text PRIMARY KEY NOT NULL,
	"until" timestamp with time zone NOT NULL,
	CONSTRAINT "revoked_sessions_sid" CHECK ("revoked_sessions"."sid" ~ '^[A-Za-z0-9_-]{43}$')
);
--> statement-breakpoint
CREATE INDEX "revoked_sessions_until_idx" ON "revoked_sessions" USING btree ("until");