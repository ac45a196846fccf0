import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Telling account holders about failed sign-ins: wrong passwords for an account are tallied in
 * sign_in_failure until its next successful sign-in, which copies the tally onto the new session (so
 * the person can be shown it) and clears it. See docs/security.md, "Login throttling".
 */
export class SignInAlerts1795800000000 implements MigrationInterface {
  name = 'SignInAlerts1795800000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "sign_in_failure" ("user_id" uuid NOT NULL, "failed_attempts" integer NOT NULL DEFAULT 0, "last_failed_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_sign_in_failure" PRIMARY KEY ("user_id"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "sign_in_failure" ADD CONSTRAINT "FK_sign_in_failure_user" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(`ALTER TABLE "session" ADD "failed_sign_ins_before" integer NOT NULL DEFAULT 0`);
    await queryRunner.query(
      `ALTER TABLE "session" ADD "last_failed_sign_in_before" TIMESTAMP WITH TIME ZONE`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "session" DROP COLUMN "last_failed_sign_in_before"`);
    await queryRunner.query(`ALTER TABLE "session" DROP COLUMN "failed_sign_ins_before"`);
    await queryRunner.query(`DROP TABLE "sign_in_failure"`);
  }
}
