CREATE TABLE "doctors" (
	"rpps" char(11) PRIMARY KEY NOT NULL,
	"given_name" text NOT NULL,
	"family_name" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
