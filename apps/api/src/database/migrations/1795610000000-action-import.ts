import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Checked uploads of action plans waiting for an administrator's confirmation (the import preview):
 * the rows as they will be created, the column mapping and the notes shown to the person.
 */
export class ActionImport1795610000000 implements MigrationInterface {
  name = 'ActionImport1795610000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "action_import" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "partnership_id" uuid NOT NULL,
                "strategy_id" uuid NOT NULL,
                "created_by" uuid NOT NULL,
                "file_name" text NOT NULL,
                "file_sha256" text NOT NULL,
                "format" text NOT NULL,
                "sheet_name" text,
                "columns" jsonb NOT NULL,
                "ignored_headings" jsonb NOT NULL,
                "notes" jsonb NOT NULL,
                "rows" jsonb NOT NULL,
                "row_count" integer NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "confirmed_at" TIMESTAMP WITH TIME ZONE,
                "confirmed_by" uuid,
                CONSTRAINT "PK_11ca2420172d282dc9ee0cf3f3c" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_58c77baccf9ee703ba31fa1bf0" ON "action_import" ("strategy_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_d3b4ef9c8666f89421a1791a16" ON "action_import" ("partnership_id", "created_at")
        `);
    await queryRunner.query(`
            ALTER TABLE "action_import"
            ADD CONSTRAINT "FK_acb6308ab733b1176f2fc2ffef2" FOREIGN KEY ("partnership_id") REFERENCES "partnership"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "action_import"
            ADD CONSTRAINT "FK_58c77baccf9ee703ba31fa1bf03" FOREIGN KEY ("strategy_id") REFERENCES "strategy"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "action_import" DROP CONSTRAINT "FK_58c77baccf9ee703ba31fa1bf03"
        `);
    await queryRunner.query(`
            ALTER TABLE "action_import" DROP CONSTRAINT "FK_acb6308ab733b1176f2fc2ffef2"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_d3b4ef9c8666f89421a1791a16"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_58c77baccf9ee703ba31fa1bf0"
        `);
    await queryRunner.query(`
            DROP TABLE "action_import"
        `);
  }
}
