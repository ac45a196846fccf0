// `npm run migrate`: applies pending migrations to DATABASE_URL or the embedded database.
import { loadConfig, ConfigError } from '../config/config';
import { createLogger } from '../logging/logger';
import { connectDatabase } from './connect';
import { installSchedulerSchema } from '../modules/notifications/scheduler';

async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(`Configuration error: ${e.message}`);
      process.exit(1);
    }
    throw e;
  }
  const logger = createLogger(config.logLevel);
  const db = await connectDatabase(config, logger);
  try {
    const ran = await db.dataSource.runMigrations({ transaction: 'each' });
    logger.info(
      { applied: ran.map((m) => m.name) },
      ran.length ? 'migrations applied' : 'no pending migrations',
    );
    // The scheduler's own tables (pg-boss), created here too so that an app role need not create any.
    await installSchedulerSchema(db.url);
  } finally {
    await db.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
