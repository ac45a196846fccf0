import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Nobody but the table's owner may change or empty the audit trail through a grant to PUBLIC (a
 * careless `GRANT ALL ... TO PUBLIC` would otherwise reach it). The append-only trigger still refuses
 * the owner; infra/postgres/app-role.sql sets up an app role that owns nothing and lacks these
 * privileges on audit_entry (docs/security.md).
 */
export class AuditEntryRevokeFromPublic1795700000000 implements MigrationInterface {
  name = 'AuditEntryRevokeFromPublic1795700000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`REVOKE UPDATE, DELETE, TRUNCATE ON "audit_entry" FROM PUBLIC`);
  }

  public async down(): Promise<void> {
    // Nothing to give back: PUBLIC holds none of these by default, and granting them would weaken
    // the trail.
  }
}
