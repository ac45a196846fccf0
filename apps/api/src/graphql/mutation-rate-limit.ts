import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { Kind, type DocumentNode, type SelectionSetNode } from 'graphql';
import type { Logger } from 'pino';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { TooManyRequestsError } from '../errors/errors';
import type { GraphQLContext } from './context';

/** Root fields of the operation, through inline fragments and fragment spreads: each one is a mutation. */
function countRootFields(
  selectionSet: SelectionSetNode,
  document: DocumentNode,
  seen = new Set<string>(),
): number {
  let n = 0;
  for (const s of selectionSet.selections) {
    if (s.kind === Kind.FIELD) n += s.name.value === '__typename' ? 0 : 1;
    else if (s.kind === Kind.INLINE_FRAGMENT) n += countRootFields(s.selectionSet, document, seen);
    else if (!seen.has(s.name.value)) {
      seen.add(s.name.value);
      const fragment = document.definitions.find(
        (d) => d.kind === Kind.FRAGMENT_DEFINITION && d.name.value === s.name.value,
      );
      if (fragment?.kind === Kind.FRAGMENT_DEFINITION)
        n += countRootFields(fragment.selectionSet, document, seen);
    }
  }
  return n;
}

/**
 * A burst limit on mutations (docs/security.md, checklist S11), checked once the operation is known and before
 * anything runs: per signed-in user, or per client address for anonymous callers (sign-in also has its
 * own, stricter throttle of failures in PostgreSQL). Each root field of a mutation takes one point.
 *
 * RateLimiterMemory, deliberately not RateLimiterPostgres: the count lives in this process, so the hot
 * path (addActionUpdate) gains no SQL statement. The price: the limit is per replica, so behind a load
 * balancer spreading requests over N replicas one user can make up to N times the limit. It is a guard
 * against a runaway script or a stolen session flooding writes, not an exact quota; a replica restart
 * forgets its counts.
 */
export function mutationRateLimit(
  perMinute: number,
  logger: Pick<Logger, 'warn'>,
): ApolloServerPlugin<GraphQLContext> {
  const limiter = new RateLimiterMemory({ points: perMinute, duration: 60 });
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, document, contextValue }) {
          if (operation?.operation !== 'mutation') return;
          const { viewer, req } = contextValue;
          const key = viewer ? `user:${viewer.id}` : `ip:${req.ip ?? 'unknown'}`;
          const points = Math.max(1, countRootFields(operation.selectionSet, document));
          try {
            await limiter.consume(key, points);
          } catch (e) {
            if (!(e instanceof RateLimiterRes)) throw e;
            const retryAfterSeconds = Math.max(1, Math.ceil(e.msBeforeNext / 1000));
            logger.warn(
              {
                event: 'mutation.throttled',
                userId: viewer?.id ?? null,
                ip: req.ip,
                requestId: contextValue.requestId,
              },
              'mutation refused: rate limit',
            );
            // The whole request is refused before execution: HTTP 429 with Retry-After, as well as
            // the contract's TOO_MANY_REQUESTS in the body (Apollo moves `http` out of the extensions).
            throw new TooManyRequestsError(
              `Too many changes in a short time. Try again in ${retryAfterSeconds} second${retryAfterSeconds === 1 ? '' : 's'}.`,
              retryAfterSeconds,
              { http: { status: 429, headers: new HeaderMap([['retry-after', String(retryAfterSeconds)]]) } },
            );
          }
        },
      };
    },
  };
}
