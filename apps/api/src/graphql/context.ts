import type { Request, Response } from 'express';
import type { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import { RequestMemos } from '../shared/per-request';
import type { Viewer } from '../shared/viewer';
import type { Services } from './services';

export interface GraphQLContext {
  requestId: string;
  viewer: Viewer | null;
  /** The raw session token presented (cookie or bearer), so that logout can revoke it. */
  sessionToken: string | null;
  /** Production mode: the session cookie is then `__Host-` and Secure. */
  production?: boolean;
  dataSource: DataSource;
  services: Services;
  logger: Logger;
  req: Request;
  res: Response;
  /** Per-request DataLoaders, each made on first use by its `perRequest` definition (shared/per-request.ts). */
  loaders: RequestMemos;
}

/**
 * One request's context. `logger` is a getter on the prototype, made on first use (most requests log
 * nothing): Apollo copies the context's own properties before executing (cloneObject), which would
 * call a getter defined on the object itself and build a pino child logger for every request.
 */
export class RequestContext implements GraphQLContext {
  readonly loaders = new RequestMemos();
  private requestLogger: Logger | undefined = undefined;

  constructor(
    fields: Omit<GraphQLContext, 'logger' | 'loaders'>,
    private readonly rootLogger: Logger,
  ) {
    this.requestId = fields.requestId;
    this.viewer = fields.viewer;
    this.sessionToken = fields.sessionToken;
    this.production = fields.production;
    this.dataSource = fields.dataSource;
    this.services = fields.services;
    this.req = fields.req;
    this.res = fields.res;
  }

  readonly requestId: string;
  readonly viewer: Viewer | null;
  readonly sessionToken: string | null;
  readonly production?: boolean;
  readonly dataSource: DataSource;
  readonly services: Services;
  readonly req: Request;
  readonly res: Response;

  get logger(): Logger {
    return (this.requestLogger ??= this.rootLogger.child({ requestId: this.requestId }));
  }
}
