import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Review action plans (docs/reviews.md): each recommendation's plan (the action to take, progress
 * rating, completion date and what changed), national routing (addressed to, sent, acknowledged,
 * answered, the answer, when it was last chased), when it was made, its key milestones and the dated
 * agency responses; and the date a status change took effect, so history can be back-dated.
 */
export class ReviewActionPlans1795820000000 implements MigrationInterface {
  name = 'ReviewActionPlans1795820000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "recommendation"
      ADD "made_on" date,
      ADD "plan_action" text,
      ADD "progress_rating" text,
      ADD "completed_on" date,
      ADD "outcome" text,
      ADD "addressed_to" text,
      ADD "sent_on" date,
      ADD "acknowledged_on" date,
      ADD "answered_on" date,
      ADD "answer" text`);
    await queryRunner.query(`ALTER TABLE "recommendation_status_change" ADD "effective_on" date`);
    await queryRunner.query(
      `CREATE TABLE "recommendation_milestone" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "recommendation_id" uuid NOT NULL,
        "title" text NOT NULL,
        "target_on" date NOT NULL,
        "completed_on" date,
        "version" integer NOT NULL DEFAULT 1,
        "created_by" uuid,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_recommendation_milestone" PRIMARY KEY ("id"),
        CONSTRAINT "FK_recommendation_milestone_recommendation" FOREIGN KEY ("recommendation_id")
          REFERENCES "recommendation"("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_recommendation_milestone_recommendation" ON "recommendation_milestone" ("recommendation_id")`,
    );
    await queryRunner.query(
      `CREATE TABLE "agency_response" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "recommendation_id" uuid NOT NULL,
        "agency" text NOT NULL,
        "responded_on" date NOT NULL,
        "text" text NOT NULL,
        "recorded_by" uuid,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_agency_response" PRIMARY KEY ("id"),
        CONSTRAINT "FK_agency_response_recommendation" FOREIGN KEY ("recommendation_id")
          REFERENCES "recommendation"("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_agency_response_recommendation" ON "agency_response" ("recommendation_id")`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "agency_response"`);
    await queryRunner.query(`DROP TABLE "recommendation_milestone"`);
    await queryRunner.query(`ALTER TABLE "recommendation_status_change" DROP COLUMN "effective_on"`);
    await queryRunner.query(`ALTER TABLE "recommendation"
      DROP COLUMN "made_on", DROP COLUMN "plan_action", DROP COLUMN "progress_rating",
      DROP COLUMN "completed_on", DROP COLUMN "outcome", DROP COLUMN "addressed_to", DROP COLUMN "sent_on",
      DROP COLUMN "acknowledged_on", DROP COLUMN "answered_on", DROP COLUMN "answer"`);
  }
}
