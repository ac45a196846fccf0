import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * NOTIFY throughline_viewer with the user's id whenever something a signed-in viewer is made of
 * changes: a session's validity (revoked, expiry, owner; not the last-seen bump), the user row
 * (roles, active, name, email, password) or a group membership; '*' on TRUNCATE. Each API process
 * keeps signed-in viewers in memory (modules/identity/viewer-cache.ts) and forgets them on these
 * notifications, so a change takes effect at once whoever makes it: another replica, a migration, an
 * operator's SQL. Notifications are sent at commit, never for a rolled-back change.
 */
export class ViewerChangeNotifications1795600000000 implements MigrationInterface {
  name = 'ViewerChangeNotifications1795600000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION notify_viewer_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_LEVEL = 'STATEMENT' THEN
          PERFORM pg_notify('throughline_viewer', '*');
        ELSIF TG_TABLE_NAME = 'app_user' THEN
          PERFORM pg_notify('throughline_viewer', (CASE WHEN TG_OP = 'DELETE' THEN OLD.id ELSE NEW.id END)::text);
        ELSE
          IF TG_OP <> 'INSERT' THEN PERFORM pg_notify('throughline_viewer', OLD.user_id::text); END IF;
          IF TG_OP <> 'DELETE' THEN PERFORM pg_notify('throughline_viewer', NEW.user_id::text); END IF;
        END IF;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER session_viewer_changed AFTER UPDATE OF revoked_at, expires_at, user_id OR DELETE
        ON session FOR EACH ROW EXECUTE FUNCTION notify_viewer_changed()`);
    await queryRunner.query(`
      CREATE TRIGGER app_user_viewer_changed AFTER UPDATE OR DELETE
        ON app_user FOR EACH ROW EXECUTE FUNCTION notify_viewer_changed()`);
    await queryRunner.query(`
      CREATE TRIGGER membership_viewer_changed AFTER INSERT OR UPDATE OR DELETE
        ON membership FOR EACH ROW EXECUTE FUNCTION notify_viewer_changed()`);
    for (const table of ['session', 'app_user', 'membership']) {
      await queryRunner.query(`
        CREATE TRIGGER ${table}_viewer_truncated AFTER TRUNCATE
          ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION notify_viewer_changed()`);
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['session', 'app_user', 'membership']) {
      await queryRunner.query(`DROP TRIGGER ${table}_viewer_truncated ON ${table}`);
    }
    await queryRunner.query(`DROP TRIGGER membership_viewer_changed ON membership`);
    await queryRunner.query(`DROP TRIGGER app_user_viewer_changed ON app_user`);
    await queryRunner.query(`DROP TRIGGER session_viewer_changed ON session`);
    await queryRunner.query(`DROP FUNCTION notify_viewer_changed()`);
  }
}
