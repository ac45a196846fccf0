import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * ix_action_update_asof (action_id, reported_on, seq) also carries each update's status and RAG, so an
 * action's state "as of" a date is read from the index alone (an index-only scan, no heap visit): the
 * roll-up as of a past date and "what changed" look up thousands of actions' last update this way
 * (docs/performance.md, "What changed over a year"). Same name, same key, so every reader is unchanged.
 */
export class ActionUpdateAsofCovering1796549202859 implements MigrationInterface {
  name = 'ActionUpdateAsofCovering1796549202859';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_action_update_asof"`);
    await queryRunner.query(
      `CREATE INDEX "ix_action_update_asof" ON "action_update" ("action_id", "reported_on", "seq") INCLUDE ("status", "rag")`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_action_update_asof"`);
    await queryRunner.query(
      `CREATE INDEX "ix_action_update_asof" ON "action_update" ("action_id", "reported_on", "seq")`,
    );
  }
}
