import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * addActionUpdate's idempotency key: a client that retries an update (a double submit, a lost
 * response) sends the same key, and the unique index makes the retry find the first update rather
 * than add a second. Keys are scoped to the action; updates without a key (NULL) never clash.
 */
export class ActionUpdateClientKey1795620000000 implements MigrationInterface {
  name = 'ActionUpdateClientKey1795620000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "action_update" ADD "client_key" text`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_action_update_client_key" ON "action_update" ("action_id", "client_key")`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."uq_action_update_client_key"`);
    await queryRunner.query(`ALTER TABLE "action_update" DROP COLUMN "client_key"`);
  }
}
