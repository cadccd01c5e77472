-- Production database roles, step 2 of 2: after `npm run db:migrate` has run as the owner role, as
-- a superuser connected to the API's database, in one transaction:
--   psql "$ADMIN_URL_OF_THE_API_DATABASE" -v ON_ERROR_STOP=1 -1 -f scripts/db/production-roles/2-application.sql
-- The application role (the worker's DATABASE_URL) reads and writes rows, nothing more. It owns
-- nothing, so it cannot ALTER or DROP a table nor disable a trigger; it has no TRUNCATE anywhere and
-- no UPDATE or DELETE on audit_events; as a non-superuser it cannot SET session_replication_role
-- (replica mode would silence every trigger, the append-only one included).
\if :{?owner_role}
\else
  \set owner_role mpdcv_owner
\endif
\if :{?app_role}
\else
  \set app_role mpdcv_app
\endif

-- Run before the migrations, the revoke on audit_events would act on nothing: stop instead.
SELECT 'audit_events'::regclass AS migrated;

CREATE ROLE :"app_role" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS NOINHERIT;

-- PostgreSQL 15 already denies CREATE on public to everyone but its owner; older servers do not.
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO :"app_role";
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO :"app_role";
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO :"app_role";
REVOKE UPDATE, DELETE, TRUNCATE ON audit_events FROM :"app_role";

-- Tables and sequences of later migrations get the same rights. A migration that recreated
-- audit_events would get them too: rerun the revoke above in that migration.
ALTER DEFAULT PRIVILEGES FOR ROLE :"owner_role" IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO :"app_role";
ALTER DEFAULT PRIVILEGES FOR ROLE :"owner_role" IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO :"app_role";
