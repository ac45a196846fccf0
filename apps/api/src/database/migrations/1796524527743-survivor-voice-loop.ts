import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Survivor voice, closing the loop (docs/decisions/0019-survivor-voice-loop.md): forum meetings (feedback
 * may belong to one), decisions on feedback (append-only, dated), objectives named by a response, and
 * "you said, we did" digests per forum and period. Responses already named any number of actions
 * (feedback_response_action), so no existing link moves.
 */

export class SurvivorVoiceLoop1796524527743 implements MigrationInterface {
  name = 'SurvivorVoiceLoop1796524527743';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "forum_meeting" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "partnership_id" uuid NOT NULL,
                "forum" text NOT NULL,
                "held_on" date NOT NULL,
                "recorded_by" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_a1c8fbd590e4608d5a9c26a8e53" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_f5b48ad8bcc3ec79be7e7799ec" ON "forum_meeting" ("partnership_id", "held_on")
        `);
    await queryRunner.query(`
            CREATE TABLE "feedback_decision" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "feedback_id" uuid NOT NULL,
                "decision" text NOT NULL,
                "reason" text,
                "decided_on" date NOT NULL,
                "decided_by" uuid,
                "feedback_version" integer NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_2da10e785e75c73c8c8a38e5357" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_7f8bc1cc23504df17f8b5df3b0" ON "feedback_decision" ("feedback_id", "decided_on")
        `);
    await queryRunner.query(`
            CREATE TABLE "feedback_response_objective" (
                "response_id" uuid NOT NULL,
                "objective_id" uuid NOT NULL,
                CONSTRAINT "PK_82862577c4c63f6d5bb4407bb8c" PRIMARY KEY ("response_id", "objective_id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_2f9469e2b71e7c7a81cb501d34" ON "feedback_response_objective" ("objective_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "feedback_digest" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "partnership_id" uuid NOT NULL,
                "forum" text NOT NULL,
                "period_from" date NOT NULL,
                "period_to" date NOT NULL,
                "status" text NOT NULL DEFAULT 'DRAFT',
                "created_by" uuid,
                "released_by" uuid,
                "released_at" TIMESTAMP WITH TIME ZONE,
                "version" integer NOT NULL DEFAULT '1',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_3a9d0bc83eeb87e9ee8e26b0051" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_a313170b8c440e60b13bc8dac6" ON "feedback_digest" (
                "partnership_id",
                "forum",
                "period_from",
                "period_to"
            )
        `);
    await queryRunner.query(`
            ALTER TABLE "feedback"
            ADD "meeting_id" uuid
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_c15e62d4237acb3ce716912dae" ON "feedback" ("meeting_id")
        `);
    await queryRunner.query(`
            ALTER TABLE "forum_meeting"
            ADD CONSTRAINT "FK_b45ab270444ad9fc9c2de0683fd" FOREIGN KEY ("partnership_id") REFERENCES "partnership"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "feedback_decision"
            ADD CONSTRAINT "FK_2897434aea978d829220003ba5a" FOREIGN KEY ("feedback_id") REFERENCES "feedback"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "feedback_response_objective"
            ADD CONSTRAINT "FK_854e96af8fbab84f25c495a9ef8" FOREIGN KEY ("response_id") REFERENCES "feedback_response"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "feedback_response_objective"
            ADD CONSTRAINT "FK_2f9469e2b71e7c7a81cb501d349" FOREIGN KEY ("objective_id") REFERENCES "objective"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "feedback_digest"
            ADD CONSTRAINT "FK_44a3c716970f385e991d5defa1e" FOREIGN KEY ("partnership_id") REFERENCES "partnership"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "feedback"
            ADD CONSTRAINT "FK_c15e62d4237acb3ce716912dae4" FOREIGN KEY ("meeting_id") REFERENCES "forum_meeting"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "feedback" DROP CONSTRAINT "FK_c15e62d4237acb3ce716912dae4"
        `);
    await queryRunner.query(`
            ALTER TABLE "feedback_digest" DROP CONSTRAINT "FK_44a3c716970f385e991d5defa1e"
        `);
    await queryRunner.query(`
            ALTER TABLE "feedback_response_objective" DROP CONSTRAINT "FK_2f9469e2b71e7c7a81cb501d349"
        `);
    await queryRunner.query(`
            ALTER TABLE "feedback_response_objective" DROP CONSTRAINT "FK_854e96af8fbab84f25c495a9ef8"
        `);
    await queryRunner.query(`
            ALTER TABLE "feedback_decision" DROP CONSTRAINT "FK_2897434aea978d829220003ba5a"
        `);
    await queryRunner.query(`
            ALTER TABLE "forum_meeting" DROP CONSTRAINT "FK_b45ab270444ad9fc9c2de0683fd"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_c15e62d4237acb3ce716912dae"
        `);
    await queryRunner.query(`
            ALTER TABLE "feedback" DROP COLUMN "meeting_id"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_a313170b8c440e60b13bc8dac6"
        `);
    await queryRunner.query(`
            DROP TABLE "feedback_digest"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_2f9469e2b71e7c7a81cb501d34"
        `);
    await queryRunner.query(`
            DROP TABLE "feedback_response_objective"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_7f8bc1cc23504df17f8b5df3b0"
        `);
    await queryRunner.query(`
            DROP TABLE "feedback_decision"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_f5b48ad8bcc3ec79be7e7799ec"
        `);
    await queryRunner.query(`
            DROP TABLE "forum_meeting"
        `);
  }
}
