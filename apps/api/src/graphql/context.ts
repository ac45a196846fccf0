import type { Request, Response } from 'express';
import type { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import type { MembershipRole } from '../modules/identity/membership.entity';
import type { Role } from '../modules/identity/user.entity';
import type { Services } from './services';

/** The signed-in person, as the request sees them. */
export interface Viewer {
  id: string;
  partnershipId: string;
  email: string;
  name: string;
  roles: Role[];
  /** groupId -> the viewer's role in that group. */
  memberships: Map<string, MembershipRole>;
  sessionId: string;
}

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
  /** Per-request DataLoaders, created on first use by `loader()`. */
  loaders: Map<string, unknown>;
}

/** Returns the request's DataLoader (or other per-request memo) under `key`, creating it once. */
export function loader<T>(ctx: Pick<GraphQLContext, 'loaders'>, key: string, create: () => T): T {
  let found = ctx.loaders.get(key) as T | undefined;
  if (!found) {
    found = create();
    ctx.loaders.set(key, found);
  }
  return found;
}
