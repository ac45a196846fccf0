import type { MigrationInterface, QueryRunner } from 'typeorm';

const CHECKS: Array<[table: string, name: string, expression: string]> = [
  [
    'action',
    'chk_action_current_status',
    `"current_status" IN ('NOT_STARTED', 'IN_PROGRESS', 'COMPLETE', 'CANCELLED')`,
  ],
  ['action', 'chk_action_current_rag', `"current_rag" IN ('RED', 'AMBER', 'GREEN')`],
  [
    'action_update',
    'chk_action_update_status',
    `"status" IN ('NOT_STARTED', 'IN_PROGRESS', 'COMPLETE', 'CANCELLED')`,
  ],
  ['action_update', 'chk_action_update_rag', `"rag" IN ('RED', 'AMBER', 'GREEN')`],
];

/**
 * Actions' and updates' statuses and RAGs are the contract's values, held by the database itself (the
 * API only ever wrote those). "What changed" writes them into its answer's text as they are stored
 * (modules/rollup/changes-text.queries.ts); it used to read every changed action once more to check
 * them first (docs/performance.md, "What changed, session 9"). A RAG may still be NULL (unrated).
 */
export class StatusChecks1796560000000 implements MigrationInterface {
  name = 'StatusChecks1796560000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const [table, name, expression] of CHECKS) {
      await queryRunner.query(`ALTER TABLE "${table}" ADD CONSTRAINT "${name}" CHECK (${expression})`);
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const [table, name] of [...CHECKS].reverse()) {
      await queryRunner.query(`ALTER TABLE "${table}" DROP CONSTRAINT "${name}"`);
    }
  }
}
