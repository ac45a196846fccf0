import type { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import type { Config } from '../config/config';
import { createDataSource } from './data-source';
import { statementCounterLogger } from './statement-counter';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './embedded';

export interface Database {
  dataSource: DataSource;
  embedded: EmbeddedDatabase | null;
  /** The connection URL (DATABASE_URL or the embedded server's), for pg-boss's own pool. */
  url: string;
  close(): Promise<void>;
}

/** DATABASE_URL when given; otherwise the embedded server under THROUGHLINE_DATA_DIR. */
export async function connectDatabase(config: Config, logger: Logger): Promise<Database> {
  let embedded: EmbeddedDatabase | null = null;
  let url = config.databaseUrl;
  if (!url) {
    const t0 = Date.now();
    embedded = await startEmbeddedPostgres(config.dataDir, { log: (line) => logger.debug({ pg: line }) });
    url = embedded.url;
    logger.info({ dataDir: config.dataDir, ms: Date.now() - t0 }, 'embedded PostgreSQL started');
  }
  const dataSource = createDataSource({ url, poolSize: config.dbPoolSize, logger: statementCounterLogger() });
  try {
    await dataSource.initialize();
  } catch (e) {
    await embedded?.stop();
    throw e;
  }
  return {
    dataSource,
    embedded,
    url,
    async close() {
      if (dataSource.isInitialized) await dataSource.destroy();
      await embedded?.stop();
    },
  };
}

/** One round trip to the database, for the health check: resolves when PostgreSQL answers. */
export async function pingDatabase(dataSource: DataSource): Promise<void> {
  await dataSource.query('SELECT 1');
}
