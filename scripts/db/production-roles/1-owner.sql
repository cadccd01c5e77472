-- Production database roles, step 1 of 2: before the first migration, as a superuser (on Neon, the
-- project's own role, a member of neon_superuser), connected to any database:
--   psql "$ADMIN_URL" -v ON_ERROR_STOP=1 -f scripts/db/production-roles/1-owner.sql
-- The owner role owns the database and everything the migrations create; only migrations log in
-- as it. Names can be changed with -v owner_role=… -v database=… (the test does, to stay apart).
\if :{?owner_role}
\else
  \set owner_role mpdcv_owner
\endif
\if :{?database}
\else
  \set database mpdcv
\endif

CREATE ROLE :"owner_role" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS;
CREATE DATABASE :"database" OWNER :"owner_role";
