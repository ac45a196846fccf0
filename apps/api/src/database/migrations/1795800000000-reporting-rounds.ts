import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reporting rounds: a round per strategy period and one return per operational group in it, plus
 * the per-strategy reminder and escalation days the notifications scheduler reads.
 */
export class ReportingRounds1795800000000 implements MigrationInterface {
  name = 'ReportingRounds1795800000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "reporting_round" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "partnership_id" uuid NOT NULL,
                "strategy_id" uuid NOT NULL,
                "title" text NOT NULL,
                "period_end" date NOT NULL,
                "returns_due_on" date NOT NULL,
                "board_meeting_on" date,
                "status" text NOT NULL DEFAULT 'OPEN',
                "closed_at" TIMESTAMP WITH TIME ZONE,
                "opened_by_id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "version" integer NOT NULL DEFAULT '1',
                CONSTRAINT "PK_6d46a33caebcd667aa0e884cb2e" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_reporting_round_strategy" ON "reporting_round" ("strategy_id", "period_end")
        `);
    await queryRunner.query(`
            CREATE TABLE "group_return" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "partnership_id" uuid NOT NULL,
                "round_id" uuid NOT NULL,
                "group_id" uuid NOT NULL,
                "status" text NOT NULL DEFAULT 'NOT_STARTED',
                "submitted_at" TIMESTAMP WITH TIME ZONE,
                "submitted_by_id" uuid,
                "decided_at" TIMESTAMP WITH TIME ZONE,
                "decided_by_id" uuid,
                "comment" text,
                "version" integer NOT NULL DEFAULT '1',
                CONSTRAINT "uq_group_return_round_group" UNIQUE ("round_id", "group_id"),
                CONSTRAINT "PK_70081e651a8a28992219ec44218" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_group_return_group" ON "group_return" ("group_id")
        `);
    await queryRunner.query(`
            ALTER TABLE "strategy"
            ADD "reminder_days_before" integer NOT NULL DEFAULT '7'
        `);
    await queryRunner.query(`
            ALTER TABLE "strategy"
            ADD "escalate_after_days" integer NOT NULL DEFAULT '7'
        `);
    await queryRunner.query(`
            ALTER TABLE "reporting_round"
            ADD CONSTRAINT "FK_ce071db03e006fbfcc6e59bab00" FOREIGN KEY ("partnership_id") REFERENCES "partnership"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "reporting_round"
            ADD CONSTRAINT "FK_2304f9f8b5ab4d8c8e9c9521e42" FOREIGN KEY ("strategy_id") REFERENCES "strategy"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "reporting_round"
            ADD CONSTRAINT "FK_302ca636954a8acbf9212f60595" FOREIGN KEY ("opened_by_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "group_return"
            ADD CONSTRAINT "FK_4172ab8b9bbd8baf7e2c1cdbd18" FOREIGN KEY ("partnership_id") REFERENCES "partnership"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "group_return"
            ADD CONSTRAINT "FK_6b3b217200973dfb6adcf7ca1cb" FOREIGN KEY ("round_id") REFERENCES "reporting_round"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "group_return"
            ADD CONSTRAINT "FK_8ec10a90aa72e6b92717b476b57" FOREIGN KEY ("group_id") REFERENCES "operational_group"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "group_return" DROP CONSTRAINT "FK_8ec10a90aa72e6b92717b476b57"
        `);
    await queryRunner.query(`
            ALTER TABLE "group_return" DROP CONSTRAINT "FK_6b3b217200973dfb6adcf7ca1cb"
        `);
    await queryRunner.query(`
            ALTER TABLE "group_return" DROP CONSTRAINT "FK_4172ab8b9bbd8baf7e2c1cdbd18"
        `);
    await queryRunner.query(`
            ALTER TABLE "reporting_round" DROP CONSTRAINT "FK_302ca636954a8acbf9212f60595"
        `);
    await queryRunner.query(`
            ALTER TABLE "reporting_round" DROP CONSTRAINT "FK_2304f9f8b5ab4d8c8e9c9521e42"
        `);
    await queryRunner.query(`
            ALTER TABLE "reporting_round" DROP CONSTRAINT "FK_ce071db03e006fbfcc6e59bab00"
        `);
    await queryRunner.query(`
            ALTER TABLE "strategy" DROP COLUMN "escalate_after_days"
        `);
    await queryRunner.query(`
            ALTER TABLE "strategy" DROP COLUMN "reminder_days_before"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_group_return_group"
        `);
    await queryRunner.query(`
            DROP TABLE "group_return"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_reporting_round_strategy"
        `);
    await queryRunner.query(`
            DROP TABLE "reporting_round"
        `);
  }
}
