import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Closing a round (docs/rollup-rules.md, "Closed periods and restatements"): the record frozen at
 * closing (one row per closed round, written once, never updated) and the restatements recorded
 * against a closed period afterwards. The record's parts are `json` (stored as written, returned
 * as stored: nothing is re-encoded on the way in or out); the indicators' figures and the tag coverage
 * (by kind) are apart, read only when a query asks for them.
 */
export class RoundRecordsRestatements1796524482593 implements MigrationInterface {
  name = 'RoundRecordsRestatements1796524482593';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "round_record" (
        "round_id" uuid NOT NULL,
        "partnership_id" uuid NOT NULL,
        "as_of" date NOT NULL,
        "closed_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "rollup" json NOT NULL,
        "restricted" json NOT NULL,
        "figures" json NOT NULL,
        "coverage" json NOT NULL,
        "returns" json NOT NULL,
        "closed_by_id" uuid NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "pk_round_record" PRIMARY KEY ("round_id"),
        CONSTRAINT "fk_round_record_round" FOREIGN KEY ("round_id") REFERENCES "reporting_round"("id") ON DELETE CASCADE,
        CONSTRAINT "fk_round_record_closed_by" FOREIGN KEY ("closed_by_id") REFERENCES "app_user"("id") ON DELETE RESTRICT
      )`);
    await queryRunner.query(`
      CREATE TABLE "restatement" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "partnership_id" uuid NOT NULL,
        "round_id" uuid NOT NULL,
        "entity_type" text NOT NULL,
        "entity_id" uuid NOT NULL,
        "field" text NOT NULL,
        "effective_on" date NOT NULL,
        "what" text NOT NULL,
        "from_value" text,
        "to_value" text,
        "confidential" boolean NOT NULL DEFAULT false,
        "reason" text NOT NULL,
        "by_id" uuid NOT NULL,
        "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "pk_restatement" PRIMARY KEY ("id"),
        CONSTRAINT "fk_restatement_round" FOREIGN KEY ("round_id") REFERENCES "reporting_round"("id") ON DELETE CASCADE,
        CONSTRAINT "fk_restatement_by" FOREIGN KEY ("by_id") REFERENCES "app_user"("id") ON DELETE RESTRICT
      )`);
    await queryRunner.query(`CREATE INDEX "ix_restatement_round" ON "restatement" ("round_id", "at")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "restatement"`);
    await queryRunner.query(`DROP TABLE "round_record"`);
  }
}
