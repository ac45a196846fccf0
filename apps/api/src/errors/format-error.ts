import type { GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import type { Logger } from 'pino';
import { maskTokenLimit } from '../graphql/limits';
import { currentRequestId } from '../logging/request-context';

const PASS_THROUGH_CODES = new Set([
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'BAD_USER_INPUT',
  'CONFLICT',
  'TOO_MANY_REQUESTS',
  // Apollo's own client-side failures: malformed queries are the caller's fault and say nothing of us.
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

/**
 * Shapes every error that leaves the API. Known domain errors keep their code and message; anything else is logged in full
 * and reaches the client only as a generic message with the request id. No stack, no SQL.
 */
export function makeFormatError(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    const requestId = currentRequestId();

    const code = formatted.extensions?.code as string | undefined;
    if (code && PASS_THROUGH_CODES.has(code)) {
      const { stacktrace: _s, exception: _e, ...extensions } = formatted.extensions ?? {};
      void _s;
      void _e;
      // graphql-armor reports its limits as "Syntax Error: ..." although the query parsed fine.
      const message =
        code === 'GRAPHQL_VALIDATION_FAILED'
          ? formatted.message.replace(/^Syntax Error: /, '')
          : code === 'GRAPHQL_PARSE_FAILED'
            ? maskTokenLimit(formatted.message)
            : formatted.message;
      // A variable GraphQL itself refused (e.g. dueOn "2025-02-30" failing the Date scalar) names its path
      // only in the message ('at "input.dueOn"'): expose the field as services do.
      if (code === 'BAD_USER_INPUT' && extensions.field === undefined) {
        const at = /got invalid value .* at "([^"]+)"/.exec(formatted.message);
        // Also a variable left out ('of required type "ID!" was not provided') or null where it may not be.
        const variable = /^Variable "\$(\w+)"/.exec(formatted.message);
        // A missing required input field, or one the input type does not have: name that field.
        const named = /; Field "(\w+)" (?:of required type .* was not provided|is not defined by type)/.exec(
          formatted.message,
        );
        if (named) extensions.field = named[1];
        else if (at)
          extensions.field = at[1]
            .split('.')
            .pop()!
            .replace(/\[\d+\]$/, '');
        else if (variable) extensions.field = variable[1];
      }
      return { ...formatted, message, extensions };
    }

    logger.error({ err: original, requestId, path: formatted.path }, 'unexpected error');
    return {
      message: `Something went wrong. Quote reference ${requestId ?? 'unknown'} if you contact support.`,
      path: formatted.path,
      locations: formatted.locations,
      extensions: { code: 'INTERNAL_SERVER_ERROR', requestId },
    };
  };
}
