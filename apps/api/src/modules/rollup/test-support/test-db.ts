/**
 * Test-only: a fresh migrated database with a DataSource whose statements are counted, without the
 * HTTP server (the roll-up's SQL tests need nothing else).
 */
import type { DataSource } from 'typeorm';
import { createDataSource } from '../../../database/data-source';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/database';
import { StatementCounter } from '../../../../test/support/statement-counter';

export { StatementCounter };

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
