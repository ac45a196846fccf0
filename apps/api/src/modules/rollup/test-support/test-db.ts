/**
 * Test-only: a fresh migrated database with a DataSource whose statements are counted, without the
 * HTTP server (the roll-up's SQL tests need nothing else).
 */
import type { DataSource, Logger as TypeOrmLogger } from 'typeorm';
import { createDataSource } from '../../../database/data-source';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/database';

/** Counts the SQL statements sent through TypeORM (transaction control excluded). */
export class StatementCounter implements TypeOrmLogger {
  count = 0;
  statements: string[] = [];
  logQuery(query: string) {
    if (/^\s*(START TRANSACTION|COMMIT|ROLLBACK|BEGIN)/i.test(query)) return;
    this.count++;
    this.statements.push(query);
  }
  logQueryError() {}
  logQuerySlow() {}
  logSchemaBuild() {}
  logMigration() {}
  log() {}
  reset() {
    this.count = 0;
    this.statements = [];
  }
}

export interface RollupTestDb {
  db: TestDatabase;
  dataSource: DataSource;
  statements: StatementCounter;
  close(): Promise<void>;
}

export async function openRollupTestDb(): Promise<RollupTestDb> {
  const db = await createTestDatabase();
  const statements = new StatementCounter();
  const dataSource = createDataSource({ url: db.url, poolSize: 3, logger: statements });
  await dataSource.initialize();
  return {
    db,
    dataSource,
    statements,
    async close() {
      await dataSource.destroy();
      await db.drop();
    },
  };
}
