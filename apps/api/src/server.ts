import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import express, { type RequestHandler } from 'express';
import helmet from 'helmet';
import type { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import { DEFAULT_MUTATIONS_PER_MINUTE, type Config } from './config/config';
import { makeFormatError } from './errors/format-error';
import { RequestContext, type GraphQLContext } from './graphql/context';
import { mutationRateLimit } from './graphql/mutation-rate-limit';
import { createArmor, parseOptions } from './graphql/limits';
import { nulGuard } from './graphql/nul-guard';
import { getSchema } from './graphql/schema';
import type { Services } from './graphql/services';
import { requestContext } from './logging/request-context';
import { countSqlEnabled, sqlStatementHeader } from './database/statement-counter';
import { sessionTokenFrom } from './modules/identity/session-cookie';
import { ViewerChangeListener } from './modules/identity/viewer-change-listener';
import { actionPlanRoutes } from './modules/action-plan/action-plan.routes';
import { createHttpServer, executionOptions, setFastPaths } from './fast-paths';
import { returnSheetRoutes } from './modules/rounds/return-sheet.routes';
import { recordAnswerCache } from './modules/rounds/record-answer.cache';
import { stringifyResult } from './graphql/answer-text';
import { graphqlHandler } from './graphql/http-handler';
import { changesAnswer } from './modules/rollup/changes-answer';
import { rollupAnswer } from './modules/rollup/rollup-answer';
import { boardPackRoutes } from './modules/board-pack/board-pack.routes';
import { feedbackDigestRoutes } from './modules/voice/feedback-digest.routes';
import { reviewExportRoutes } from './modules/reviews/review-export.routes';
import { pingDatabase } from './database/connect';

export interface AppOptions {
  config: Pick<Config, 'production'> & Partial<Pick<Config, 'fastPaths' | 'mutationsPerMinute'>>;
  dataSource: DataSource;
  services: Services;
  logger: Logger;
  /** The built SvelteKit app's request handler, mounted at / after the API routes. */
  webHandler?: RequestHandler;
}

export interface App {
  httpServer: http.Server;
  apollo: ApolloServer<GraphQLContext>;
  /** Applies database notifications of viewer changes to the session cache. */
  viewerChanges: ViewerChangeListener;
  stop(): Promise<void>;
}

/**
 * Which proxies' X-Forwarded-For we believe: a reverse proxy on this host. req.ip is then the client's
 * address, for the API's limits and, through main.ts, for the web app's calls to the API.
 */
export const TRUST_PROXY = 'loopback';

/** Request bodies above this are refused before parsing; no legitimate operation comes close. */
export const MAX_BODY_BYTES = 100 * 1024;

export async function createApp(opts: AppOptions): Promise<App> {
  const { dataSource, services, logger, config } = opts;
  const app = express();
  app.disable('x-powered-by');
  // No ETag: responses are POST answers marked no-store, so hashing each body would buy nothing.
  app.set('etag', false);
  app.set('trust proxy', TRUST_PROXY);
  // THROUGHLINE_FAST_PATHS (src/fast-paths.ts): on unless the config turns it off.
  const fastPaths = config.fastPaths ?? true;
  setFastPaths(dataSource, fastPaths);
  const httpServer = createHttpServer(app, fastPaths);
  // Idle keep-alive connections live longer than a proxy's or a client's (a load balancer keeps them
  // 60 s; Node closes its side after 5 s by default): otherwise a request sent on a connection the
  // server is just closing fails with ECONNRESET (a 502 behind a proxy). Headers may take a little longer.
  httpServer.keepAliveTimeout = 65_000;
  httpServer.headersTimeout = 66_000;

  const armor = createArmor().protect();
  const mutationsPerMinute = config.mutationsPerMinute ?? DEFAULT_MUTATIONS_PER_MINUTE;
  const schema = await getSchema(fastPaths);
  const apollo = new ApolloServer<GraphQLContext>({
    // Fast paths on: execution by graphql-jit (compiled once per document); everything before and after
    // stays Apollo's. Off: Apollo's own executor.
    ...executionOptions(schema, logger, fastPaths),
    ...armor,
    introspection: !config.production,
    includeStacktraceInErrorResponses: false,
    hideSchemaDetailsFromClientErrors: true,
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    persistedQueries: false,
    parseOptions,
    // Apollo's own guard against exponential fragment expansion (10 million selections), under armor's cost limit.
    maxRecursiveSelections: true,
    formatError: makeFormatError(logger),
    // Stored record answers, "what changed" and the roll-up are sent as the text made for them (graphql/answer-text.ts).
    stringifyResult,
    validationRules: [...(armor.validationRules ?? [])],
    plugins: [
      nulGuard,
      ...(armor.plugins ?? []),
      ...(mutationsPerMinute > 0 ? [mutationRateLimit(mutationsPerMinute, logger)] : []),
      // Closed rounds' records: an answer read only from a record is kept and served as stored.
      recordAnswerCache(schema),
      // "What changed": its action lines written by PostgreSQL as the answer's text.
      changesAnswer(schema),
      // The board roll-up: written by PostgreSQL as the answer's text.
      rollupAnswer(schema),
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginCacheControlDisabled(),
      ...(config.production ? [ApolloServerPluginLandingPageDisabled()] : []),
    ],
  });
  await apollo.start();
  // Until this connection listens, the session cache stays off (every request reads its session).
  const viewerChanges = new ViewerChangeListener(dataSource, services.identity.viewers, logger);
  await viewerChanges.start();

  // Request id + structured access log (when the level logs it); the id follows the request through
  // AsyncLocalStorage.
  const accessLog = logger.isLevelEnabled('info');
  app.use((req, res, next) => {
    const incoming = req.get('x-request-id');
    const requestId = incoming && /^[\w-]{1,64}$/.test(incoming) ? incoming : randomUUID();
    res.setHeader('x-request-id', requestId);
    if (accessLog) {
      const started = process.hrtime.bigint();
      res.on('finish', () => {
        logger.info(
          {
            requestId,
            method: req.method,
            path: req.originalUrl.split('?')[0],
            status: res.statusCode,
            ms: Number(process.hrtime.bigint() - started) / 1e6,
          },
          'request',
        );
      });
    }
    requestContext.run({ requestId }, () => next());
  });
  // Opt-in per-request SQL statement count for the benchmark (THROUGHLINE_COUNT_SQL=1).
  if (countSqlEnabled()) app.use(sqlStatementHeader);
  // SvelteKit sets its own CSP for pages; helmet supplies the other headers for everything.
  app.use(helmet({ contentSecurityPolicy: false, crossOriginEmbedderPolicy: false }));

  app.get('/healthz', async (_req, res) => {
    try {
      await pingDatabase(dataSource);
      res.json({ status: 'ok', database: 'up' });
    } catch {
      res.status(503).json({ status: 'unavailable', database: 'down' });
    }
  });

  // The action plan as a spreadsheet, download and upload (files do not travel through GraphQL).
  app.use('/api', actionPlanRoutes({ services, logger, production: config.production }));
  app.use('/api', returnSheetRoutes({ services, logger, production: config.production }));
  // The board pack, PDF or Word, made on request (docs/decisions/0011-board-pack.md).
  app.use('/reports', boardPackRoutes({ services, logger, production: config.production, fastPaths }));
  app.use('/reports', feedbackDigestRoutes({ services, logger, production: config.production, fastPaths }));
  app.use('/api', reviewExportRoutes({ services, logger, production: config.production }));

  app.use(
    '/graphql',
    (_req, res, next) => {
      res.setHeader('Cache-Control', 'no-store');
      next();
    },
    express.json({ limit: MAX_BODY_BYTES }),
    graphqlHandler(apollo, async ({ req, res }): Promise<GraphQLContext> => {
      const requestId = String(res.getHeader('x-request-id') ?? randomUUID());
      const sessionToken = sessionTokenFrom(req, config.production);
      const viewer = sessionToken ? await services.identity.authenticate(sessionToken) : null;
      return new RequestContext(
        { requestId, viewer, sessionToken, production: config.production, dataSource, services, req, res },
        logger,
      );
    }),
  );

  if (opts.webHandler) app.use(opts.webHandler);

  // Body too large, malformed JSON and the like: answer plainly, never with a stack.
  app.use(((err, req, res, next) => {
    void next;
    const status = typeof err?.status === 'number' ? err.status : 500;
    if (status >= 500) logger.error({ err, path: req.path }, 'unhandled error');
    res.status(status).json({
      errors: [
        {
          message:
            status === 413 ? 'Request body is too large.' : status < 500 ? 'Bad request.' : 'Internal error.',
          extensions: {
            code:
              status === 413 ? 'PAYLOAD_TOO_LARGE' : status < 500 ? 'BAD_REQUEST' : 'INTERNAL_SERVER_ERROR',
          },
        },
      ],
    });
  }) as express.ErrorRequestHandler);

  return {
    httpServer,
    apollo,
    viewerChanges,
    async stop() {
      await apollo.stop();
      if (httpServer.listening) await new Promise<void>((r) => httpServer.close(() => r()));
      await viewerChanges.stop();
    },
  };
}
