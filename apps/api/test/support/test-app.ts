import type { AddressInfo } from 'node:net';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print, type DocumentNode } from 'graphql';
import type { DataSource } from 'typeorm';
import { createDataSource } from '../../src/database/data-source';
import { createServices, type Services } from '../../src/graphql/services';
import { createLogger, type Logger } from '../../src/logging/logger';
import { MembershipEntity, MembershipRole } from '../../src/modules/identity/membership.entity';
import { Role } from '../../src/modules/identity/user.entity';
import { createApp, type App } from '../../src/server';
import { createTestDatabase, type TestDatabase } from './database';
import { StatementCounter } from './statement-counter';

export interface GraphQLResponse<T> {
  data?: T | null;
  errors?: Array<{ message: string; path?: string[]; extensions?: Record<string, unknown> }>;
}

export interface RequestOptions {
  token?: string | null;
  headers?: Record<string, string>;
}

export interface TestUser {
  id: string;
  email: string;
  token: string;
}

export interface TestApp {
  url: string;
  db: TestDatabase;
  dataSource: DataSource;
  services: Services;
  partnershipId: string;
  statements: StatementCounter;
  app: App;
  /** POSTs a GraphQL operation over HTTP, as a client would. */
  request<TData = Record<string, unknown>, TVars = Record<string, unknown>>(
    document: TypedDocumentNode<TData, TVars> | DocumentNode | string,
    variables?: TVars,
    opts?: RequestOptions,
  ): Promise<GraphQLResponse<TData>>;
  /** Like request() but throws on errors and returns data. */
  ok<TData = Record<string, unknown>, TVars = Record<string, unknown>>(
    document: TypedDocumentNode<TData, TVars> | DocumentNode | string,
    variables?: TVars,
    opts?: RequestOptions,
  ): Promise<TData>;
  /** Creates a user through the identity service and signs them in; returns their bearer token. */
  user(opts?: {
    roles?: Role[];
    name?: string;
    email?: string;
    memberships?: Array<{ groupId: string; role: MembershipRole }>;
  }): Promise<TestUser>;
  /** Adds a group membership directly (for tests that run before groups have a public API). */
  addMembership(userId: string, groupId: string, role: MembershipRole): Promise<void>;
  /**
   * Waits until changes made with SQL behind the API's back (sessions, users, memberships) have reached
   * the server's session cache through their database notifications, as they would within milliseconds.
   */
  settle(): Promise<void>;
  close(): Promise<void>;
}

let userSeq = 0;

/**
 * A real server on a random port over a fresh database: tests talk to it over HTTP, through the same
 * Express + Apollo stack as production.
 */
export async function startTestApp(
  opts: {
    production?: boolean;
    /** to inspect what the server logs */
    logger?: Logger;
    /** The mutation rate limit per user per minute (0: off); the production default when absent. */
    mutationsPerMinute?: number;
    /** The URL the app connects with, when not as the database's owner (set up the role here). */
    connectAs?: (db: TestDatabase) => Promise<string>;
    /**
     * The fast paths (src/fast-paths.ts); on unless given, or unless THROUGHLINE_FAST_PATHS=0, which runs
     * any test file with them off.
     */
    fastPaths?: boolean;
  } = {},
): Promise<TestApp> {
  const db = await createTestDatabase();
  const statements = new StatementCounter();
  const databaseUrl = opts.connectAs ? await opts.connectAs(db) : db.url;
  const dataSource = createDataSource({ url: databaseUrl, poolSize: 5, logger: statements });
  await dataSource.initialize();
  const logger = opts.logger ?? createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
  const services = createServices(dataSource, logger);
  const partnership = await services.identity.ensurePartnership('Test partnership');
  const app = await createApp({
    config: {
      production: !!opts.production,
      mutationsPerMinute: opts.mutationsPerMinute,
      fastPaths: opts.fastPaths ?? process.env.THROUGHLINE_FAST_PATHS !== '0',
    },
    dataSource,
    services,
    logger,
  });
  await new Promise<void>((resolve) => app.httpServer.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(app.httpServer.address() as AddressInfo).port}`;

  const request: TestApp['request'] = async (document, variables, ro = {}) => {
    const query = typeof document === 'string' ? document : print(document as DocumentNode);
    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(ro.token ? { authorization: `Bearer ${ro.token}` } : {}),
        ...ro.headers,
      },
      body: JSON.stringify({ query, variables }),
    });
    return (await res.json()) as GraphQLResponse<never>;
  };

  const testApp: TestApp = {
    url,
    db,
    dataSource,
    services,
    partnershipId: partnership.id,
    statements,
    app,
    request,
    async ok(document, variables, ro) {
      const res = await request(document, variables, ro);
      if (res.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(res.errors)}`);
      return res.data as never;
    },
    async user(o = {}) {
      userSeq++;
      const email = o.email ?? `user${userSeq}-${Math.random().toString(36).slice(2, 8)}@example.org`;
      const password = 'a-long-test-password';
      const created = await services.identity.createUser(
        partnership.id,
        { email, name: o.name ?? `Person ${userSeq}`, password, roles: o.roles ?? [] },
        null,
      );
      for (const m of o.memberships ?? []) await testApp.addMembership(created.id, m.groupId, m.role);
      const { token } = await services.identity.login(email, password);
      return { id: created.id, email, token };
    },
    async addMembership(userId, groupId, role) {
      await dataSource
        .getRepository(MembershipEntity)
        .upsert({ userId, groupId, role }, ['groupId', 'userId']);
      await app.viewerChanges.sync();
    },
    settle: () => app.viewerChanges.sync(),
    async close() {
      await app.stop();
      await dataSource.destroy();
      await db.drop();
    },
  };
  return testApp;
}

export { MembershipRole, Role, StatementCounter };
