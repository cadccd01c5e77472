CREATE TABLE "reference_tries" (
	"reference" text NOT NULL,
	"day" date NOT NULL,
	"failures" integer NOT NULL,
	CONSTRAINT "reference_tries_reference_day_pk" PRIMARY KEY("reference","day"),
	CONSTRAINT "reference_tries_failures" CHECK ("reference_tries"."failures" > 0)
);
