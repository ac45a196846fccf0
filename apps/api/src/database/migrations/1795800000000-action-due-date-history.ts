import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Due-date history: each action's first due date and every revision (who, when, why), so that the
 * board's views "as of" a past date use the due date in force then. Existing actions get their
 * current due date as the original one, in force from the day they were agreed (what the plan said
 * before history was kept: the best that can be known).
 */
export class ActionDueDateHistory1795800000000 implements MigrationInterface {
  name = 'ActionDueDateHistory1795800000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "action_due_date" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "action_id" uuid NOT NULL,
                "seq" BIGSERIAL NOT NULL,
                "due_on" date,
                "previous_due_on" date,
                "changed_on" date NOT NULL,
                "reason" text,
                "by_id" uuid,
                "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_084a967d81f1b06aed2fcb9f4dc" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_action_due_date_asof" ON "action_due_date" ("action_id", "changed_on", "seq")
        `);
    await queryRunner.query(`
            ALTER TABLE "action"
            ADD "due_on_since" date
        `);
    await queryRunner.query(`
            ALTER TABLE "action_due_date"
            ADD CONSTRAINT "FK_abff7495e86d958cfa87f1996aa" FOREIGN KEY ("action_id") REFERENCES "action"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "action_due_date"
            ADD CONSTRAINT "FK_0cd1dd06f12d496b6916ac19644" FOREIGN KEY ("by_id") REFERENCES "app_user"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            INSERT INTO "action_due_date" ("action_id", "due_on", "previous_due_on", "changed_on")
            SELECT "id", "due_on", NULL, "agreed_on" FROM "action" WHERE "due_on" IS NOT NULL
            ORDER BY "agreed_on", "id"
        `);
    await queryRunner.query(`
            UPDATE "action" SET "due_on_since" = "agreed_on" WHERE "due_on" IS NOT NULL
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "action_due_date" DROP CONSTRAINT "FK_0cd1dd06f12d496b6916ac19644"
        `);
    await queryRunner.query(`
            ALTER TABLE "action_due_date" DROP CONSTRAINT "FK_abff7495e86d958cfa87f1996aa"
        `);
    await queryRunner.query(`
            ALTER TABLE "action" DROP COLUMN "due_on_since"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_action_due_date_asof"
        `);
    await queryRunner.query(`
            DROP TABLE "action_due_date"
        `);
  }
}
