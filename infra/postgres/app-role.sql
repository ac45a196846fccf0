-- Privileges for the role Throughline runs as when it does not own the tables (docs/security.md,
-- "Running as a role that does not own the tables"). Run it as the owner, in Throughline's database,
-- after every migration (new tables need their grants):
--
--   psql "$OWNER_DATABASE_URL" -v app_role=throughline_app -f infra/postgres/app-role.sql
--
-- The app role may then read and write the application's tables, but owns nothing, so it cannot ALTER
-- or DROP a table or disable the audit trigger; it may not UPDATE, DELETE or TRUNCATE audit_entry, nor
-- change the migration history. apps/api/test/database-role.test.ts runs this file.

GRANT USAGE ON SCHEMA public TO :"app_role";
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO :"app_role";
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO :"app_role";

-- The audit trail is append-only: insert and read, nothing else.
REVOKE UPDATE, DELETE, TRUNCATE ON audit_entry FROM :"app_role";
-- Start-up reads the migration history to see that nothing is pending; only the owner migrates.
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON typeorm_migrations FROM :"app_role";
-- Redaction (docs/security.md, "Redaction"): the one audited path that rewrites earlier audit snapshots,
-- replacing only the given words in the snapshots of one record. It runs with the owner's rights.
GRANT EXECUTE ON FUNCTION redact_audit_snapshots(uuid, uuid, text, text, text, text[], text, text, jsonb)
  TO :"app_role";

-- The scheduler's tables (pg-boss, schema pgboss), which `npm run migrate` creates as the owner: the
-- app role queues and takes jobs there. (The schema is made here if missing so that the grants apply;
-- its tables come from migrate, which must run first.)
CREATE SCHEMA IF NOT EXISTS pgboss;
GRANT USAGE ON SCHEMA pgboss TO :"app_role";
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA pgboss TO :"app_role";
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA pgboss TO :"app_role";
GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA pgboss TO :"app_role";
