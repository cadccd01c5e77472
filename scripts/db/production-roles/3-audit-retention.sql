-- Audit retention (docs/operating.md#audit-retention): deletes the audit rows older than `before`,
-- as the OWNER role (the application role can never delete them), in one transaction:
--   psql "$OWNER_URL" -v ON_ERROR_STOP=1 -1 -v before=2026-01-04 -f scripts/db/production-roles/3-audit-retention.sql
-- `before` is the audit cut-off `npm run purge -- --as-of <today> --dry-run` prints (auditBefore):
-- today less RETENTION.auditMonths. Without -v before, the first statement fails and nothing runs.
-- The append-only trigger is off only inside this transaction: ALTER TABLE holds an exclusive lock
-- on audit_events until COMMIT, so no other session ever writes or deletes while it is off.
SELECT :'before'::timestamptz AS deleting_audit_rows_before;
ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_change;
DELETE FROM audit_events WHERE at < :'before'::timestamptz;
ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_change;
