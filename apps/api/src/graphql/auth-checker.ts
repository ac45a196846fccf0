import type { AuthChecker } from 'type-graphql';
import { ForbiddenError, UnauthenticatedError } from '../errors/errors';
import type { GraphQLContext } from './context';

/**
 * Coarse, role-level checks for @Authorized(): no roles = any signed-in user; roles = any of them.
 * Record-level rules ("a chair's rights reach only that group's actions") live in the policies
 * that services call. Denials throw our own errors so clients always see the contract's codes.
 */
export const authChecker: AuthChecker<GraphQLContext> = ({ context, info }, roles) => {
  const viewer = context.viewer;
  if (!viewer) throw new UnauthenticatedError();
  if (roles.length === 0) return true;
  if (roles.some((r) => viewer.roles.includes(r as never))) return true;
  // Authorisation failures are security events (ASVS 16.3.2): who, what, never the arguments.
  context.logger?.warn(
    { event: 'authz.denied', userId: viewer.id, field: `${info.parentType.name}.${info.fieldName}`, roles },
    'permission denied',
  );
  throw new ForbiddenError();
};
