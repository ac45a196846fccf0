// What the board pack tools (board-pack-cpu.mjs, board-pack-ab.mjs) set up alike: a build's services on
// a bench database, and the strategy with the most actions, read by an admin of its partnership.
import { createRequire } from 'node:module';
import path from 'node:path';
import { REPO } from '../src/db.js';
import { ADMIN } from '../src/systems.js';

const require = createRequire(path.join(REPO, 'apps/api/package.json'));
require('reflect-metadata');

/** A module of a build (`dist`: its apps/api/dist), e.g. 'modules/board-pack/board-pack.pdf'. */
export const loadFrom = (dist, module) => require(path.join(dist, module));

/**
 * The services of the build in `dist` connected to `database` (on DATABASE_URL's server), with the
 * strategy to pack, its admin viewer and today's date: { dataSource, services, strategyId, viewer, asOf }.
 */
export async function packSetup(dist, database) {
  const { loadConfig } = loadFrom(dist, 'config/config');
  const { connectDatabase } = loadFrom(dist, 'database/connect');
  const { createServices } = loadFrom(dist, 'graphql/services');
  const { createLogger } = loadFrom(dist, 'logging/logger');
  const admin = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const config = loadConfig({
    ...process.env,
    DATABASE_URL: admin.replace(/\/[^/]*$/, `/${database}`),
    NODE_ENV: 'production',
    THROUGHLINE_DEMO: '0',
    THROUGHLINE_ADMIN_EMAIL: ADMIN.email,
    THROUGHLINE_ADMIN_PASSWORD: ADMIN.password,
  });
  const logger = createLogger('warn');
  const { dataSource } = await connectDatabase(config, logger);
  const services = createServices(dataSource, logger, { email: { configured: false, from: null } });
  const [{ id: strategyId, partnership_id: partnershipId }] = await dataSource.query(
    `SELECT s.id, s.partnership_id FROM strategy s JOIN action a ON a.strategy_id = s.id
      GROUP BY s.id ORDER BY count(*) DESC LIMIT 1`,
  );
  const [user] = await dataSource.query(`SELECT id FROM app_user LIMIT 1`);
  const viewer = {
    id: user.id,
    partnershipId,
    email: '',
    name: '',
    roles: ['ADMIN'],
    memberships: new Map(),
    sessionId: '',
  };
  const asOf = new Date().toISOString().slice(0, 10);
  return { dataSource, services, strategyId, viewer, asOf };
}
