import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { RequestHandler } from 'express';
import { bootstrap } from './bootstrap';
import { formatDemoLogins, loadDemo } from './demo/load-demo';
import type { Config } from './config/config';
import { connectDatabase } from './database/connect';
import { createServices } from './graphql/services';
import { createLogger } from './logging/logger';
import { createApp } from './server';
import { MessageDelivery } from './modules/notifications/message-delivery';
import { NotificationScheduler } from './modules/notifications/scheduler';

/** Private header carrying the client address (as the API decides it) to the web app's handler. */
const CLIENT_ADDRESS_HEADER = 'x-throughline-client-address';

/** The built SvelteKit app (adapter-node), when present. */
async function loadWebHandler(config: Config): Promise<RequestHandler | undefined> {
  const file = path.resolve(__dirname, '../../web/build/handler.js');
  if (!fs.existsSync(file)) return undefined;
  // adapter-node derives the page origin from these headers; we set them for every request below.
  process.env.PROTOCOL_HEADER ??= 'x-forwarded-proto';
  process.env.HOST_HEADER ??= 'host';
  // Room for an action plan upload (2 MB, /admin/import) and its form; every other form is far smaller.
  process.env.BODY_SIZE_LIMIT ??= '3M';
  // The web app's getClientAddress() reads this header, which we set below from Express's req.ip: the
  // address the API's own trust-proxy rule (TRUST_PROXY in server.ts) derives from X-Forwarded-For.
  // Without it the web app saw the reverse proxy's address and passed that on, so one person's failed
  // sign-ins throttled everyone behind the proxy.
  process.env.ADDRESS_HEADER = CLIENT_ADDRESS_HEADER;
  void config;
  const mod = (await import(pathToFileURL(file).href)) as { handler: RequestHandler };
  return (req, res, next) => {
    if (!req.headers['x-forwarded-proto']) req.headers['x-forwarded-proto'] = req.protocol;
    // Always overwritten, so a client cannot choose its own address by sending this header.
    req.headers[CLIENT_ADDRESS_HEADER] = req.ip ?? req.socket.remoteAddress ?? '';
    mod.handler(req, res, next);
  };
}

/** Everything after the configuration: the database, migrations, the demo, the app and the scheduler. */
export async function start(config: Config, startedAt: number): Promise<void> {
  const logger = createLogger(config.logLevel);
  if (config.embeddedInProduction) {
    const warning =
      'WARNING: NODE_ENV=production with the embedded PostgreSQL (THROUGHLINE_EMBEDDED_DATABASE_IN_PRODUCTION=1). ' +
      'It is not backed up, tuned or monitored: set DATABASE_URL to a managed PostgreSQL.';
    logger.warn(warning);
    process.stderr.write(`${warning}\n`);
  }
  const db = await connectDatabase(config, logger);
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    try {
      await scheduler?.stop();
      await app?.stop();
    } finally {
      await db.close();
      process.exit(0);
    }
  };
  // eslint-disable-next-line prefer-const -- assigned after the signal handlers are in place
  let app: Awaited<ReturnType<typeof createApp>> | undefined;
  // eslint-disable-next-line prefer-const -- assigned once the app is up
  let scheduler: NotificationScheduler | undefined;
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  const applied = await db.dataSource.runMigrations({ transaction: 'each' });
  if (applied.length) logger.info({ applied: applied.map((m) => m.name) }, 'migrations applied');
  const services = createServices(db.dataSource, logger, {
    email: { configured: !!config.smtp, from: config.smtp?.from ?? null },
  });
  await bootstrap(config, services, logger);
  // The demo partnership, once, when the database holds no strategy (src/demo/load-demo.ts). In
  // production it is loaded without demo logins: its people get passwords nobody knows.
  let demoSignIns = '';
  if (config.demo) {
    const partnership = await services.identity.ensurePartnership();
    const demo = await loadDemo(services, db.dataSource, partnership.id, logger, {
      withLogins: !config.production,
    });
    logger.info({ loaded: demo.loaded, ms: demo.ms, counts: demo.counts }, 'demo partnership checked');
    demoSignIns = formatDemoLogins(demo.logins);
  }

  const webHandler = await loadWebHandler(config);
  if (!webHandler) logger.warn('web app not built (apps/web/build): serving the API only');
  app = await createApp({ config, dataSource: db.dataSource, services, logger, webHandler });
  await new Promise<void>((resolve) => app!.httpServer.listen(config.port, config.host, resolve));
  // Reminders and email delivery (pg-boss, on this database): started by every API process.
  scheduler = new NotificationScheduler({
    databaseUrl: db.url,
    dataSource: db.dataSource,
    intervalSeconds: config.scheduleSeconds,
    delivery: config.smtp
      ? new MessageDelivery(
          db.dataSource,
          { smtpUrl: config.smtp.url, from: config.smtp.from, publicUrl: config.publicUrl },
          logger,
        )
      : null,
    logger,
  });
  await scheduler.start();
  if (!config.smtp) logger.warn('SMTP_URL not set: messages are kept and shown in the web app, not emailed');
  const url = `http://localhost:${config.port}/`;
  logger.info({ url, ms: Date.now() - startedAt }, 'Throughline is ready');
  process.stdout.write(`\nThroughline is running at ${url}  (GraphQL at ${url}graphql)\n\n`);
  if (demoSignIns) process.stdout.write(`${demoSignIns}\n`);
}
