import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indicators as a multi-borough board reads them: rates (numerator and denominator), a tolerance, a
 * trajectory of targets per period (and area), where a measurement comes from, and the earlier values
 * a correction replaced (docs/decisions/0012-indicator-areas-trajectories-rates.md).
 */
export class IndicatorAreasTrajectoriesRates1796513249229 implements MigrationInterface {
  name = 'IndicatorAreasTrajectoriesRates1796513249229';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "measurement_revision" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "measurement_id" uuid NOT NULL,
                "value" double precision NOT NULL,
                "numerator" integer,
                "denominator" integer,
                "source" text NOT NULL DEFAULT '',
                "recorded_by" uuid,
                "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "replaced_by" uuid,
                "replaced_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_d7ff2a87e549851b232a4f86f84" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_ae2fffa8fcf6307643349923a9" ON "measurement_revision" ("measurement_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "indicator_target" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "indicator_id" uuid NOT NULL,
                "period" date NOT NULL,
                "value" double precision NOT NULL,
                "area" text NOT NULL DEFAULT '',
                "set_by" uuid,
                "set_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "uq_indicator_target_period_area" UNIQUE ("indicator_id", "period", "area"),
                CONSTRAINT "PK_9b6a07f7470f3a0f56e73b7a282" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            ALTER TABLE "indicator"
            ADD "is_rate" boolean NOT NULL DEFAULT false
        `);
    await queryRunner.query(`
            ALTER TABLE "indicator"
            ADD "tolerance" double precision NOT NULL DEFAULT '0'
        `);
    await queryRunner.query(`
            ALTER TABLE "measurement"
            ADD "numerator" integer
        `);
    await queryRunner.query(`
            ALTER TABLE "measurement"
            ADD "denominator" integer
        `);
    await queryRunner.query(`
            ALTER TABLE "measurement"
            ADD "source" text NOT NULL DEFAULT ''
        `);
    await queryRunner.query(`
            ALTER TABLE "measurement_revision"
            ADD CONSTRAINT "FK_ae2fffa8fcf6307643349923a9c" FOREIGN KEY ("measurement_id") REFERENCES "measurement"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "indicator_target"
            ADD CONSTRAINT "FK_aee24e10c440f5e7e44f95ce3bd" FOREIGN KEY ("indicator_id") REFERENCES "indicator"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "indicator_target" DROP CONSTRAINT "FK_aee24e10c440f5e7e44f95ce3bd"
        `);
    await queryRunner.query(`
            ALTER TABLE "measurement_revision" DROP CONSTRAINT "FK_ae2fffa8fcf6307643349923a9c"
        `);
    await queryRunner.query(`
            ALTER TABLE "measurement" DROP COLUMN "source"
        `);
    await queryRunner.query(`
            ALTER TABLE "measurement" DROP COLUMN "denominator"
        `);
    await queryRunner.query(`
            ALTER TABLE "measurement" DROP COLUMN "numerator"
        `);
    await queryRunner.query(`
            ALTER TABLE "indicator" DROP COLUMN "tolerance"
        `);
    await queryRunner.query(`
            ALTER TABLE "indicator" DROP COLUMN "is_rate"
        `);
    await queryRunner.query(`
            DROP TABLE "indicator_target"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_ae2fffa8fcf6307643349923a9"
        `);
    await queryRunner.query(`
            DROP TABLE "measurement_revision"
        `);
  }
}
