import type { ApolloServerOptionsWithGateway } from '@apollo/server';
import {
  execute,
  getVariableValues,
  GraphQLError,
  type ExecutionResult,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import type { Logger } from 'pino';

type Gateway = ApolloServerOptionsWithGateway<Record<string, unknown>>['gateway'];
type GatewayExecutor = NonNullable<Awaited<ReturnType<Gateway['load']>>['executor']>;
type GatewayRequestContext = Parameters<GatewayExecutor>[0];

/** Distinct documents kept compiled; the web app and SDK send a few dozen, so this only bounds abuse. */
export const COMPILED_QUERY_CACHE_SIZE = 500;

/**
 * Executes operations with graphql-jit instead of graphql-js: each (document, operation) is compiled
 * once into a plain function (no per-field promise, no generic dispatch), which is most of a list
 * page's CPU. Apollo still parses, validates (graphql-armor's rules, maxRecursiveSelections), checks
 * CSRF and formats errors; only execution is replaced, through Apollo's `gateway` hook, the one place
 * Apollo Server 5 lets an executor in. Resolvers, type-graphql's auth checker and DataLoaders run as before.
 */
/**
 * graphql-jit's errors are GraphQLError look-alikes with read-only properties; graphql-armor's plugin
 * rewrites `message` in place (field suggestions), so hand Apollo the real thing, as graphql-js would.
 */
function asGraphQLJsError(e: GraphQLError): GraphQLError {
  const error = new GraphQLError(e.message, {
    path: e.path,
    originalError: e.originalError ?? undefined,
    extensions: e.extensions,
  });
  // graphql-js derives locations from AST nodes, which graphql-jit does not keep on its errors.
  if (e.locations) (error as { locations?: GraphQLError['locations'] }).locations = e.locations;
  return error;
}

export function jitGateway(schema: GraphQLSchema, logger: Logger): Gateway {
  const compiled = new Map<string, CompiledQuery>();
  // Documents graphql-jit cannot compile run on graphql-js; remembered so we try (and log) only once.
  const notCompilable = new Set<string>();

  const compiledFor = (ctx: GatewayRequestContext): CompiledQuery | null => {
    const key = `${ctx.queryHash}:${ctx.request.operationName ?? ''}`;
    const hit = compiled.get(key);
    if (hit) {
      // Least recently used first out: re-insert at the end of the Map's order.
      compiled.delete(key);
      compiled.set(key, hit);
      return hit;
    }
    if (notCompilable.has(key)) return null;
    let result: CompiledQuery | ExecutionResult;
    try {
      result = compileQuery(schema, ctx.document, ctx.request.operationName ?? undefined, {
        customJSONSerializer: false,
      }) as CompiledQuery | ExecutionResult;
    } catch (err) {
      result = { errors: [] };
      logger.warn({ err }, 'graphql-jit could not compile an operation; executing it with graphql-js');
    }
    if (!isCompiledQuery(result)) {
      if (notCompilable.size >= COMPILED_QUERY_CACHE_SIZE) notCompilable.clear();
      notCompilable.add(key);
      return null;
    }
    if (compiled.size >= COMPILED_QUERY_CACHE_SIZE) compiled.delete(compiled.keys().next().value!);
    compiled.set(key, result);
    return result;
  };

  const executor: GatewayExecutor = async (ctx) => {
    const variables = ctx.request.variables ?? {};
    const operation = ctx.operation as OperationDefinitionNode | undefined;
    const query = operation ? compiledFor(ctx) : null;
    const onGraphqlJs = async () =>
      (await execute({
        schema,
        document: ctx.document,
        contextValue: ctx.context,
        variableValues: variables,
        operationName: ctx.request.operationName,
      })) as ExecutionResult<Record<string, unknown>>;
    if (!operation || !query) return onGraphqlJs();
    // Variables are coerced by graphql-js first so that a bad one fails exactly as before (same message,
    // which Apollo turns into BAD_USER_INPUT and formatError into the field's name); graphql-jit then
    // coerces the raw values again for itself, which for valid input gives the same values.
    if (operation.variableDefinitions?.length) {
      const coerced = getVariableValues(schema, operation.variableDefinitions, variables, { maxErrors: 50 });
      if (coerced.errors) return { errors: coerced.errors };
    }
    const result = (await query.query(undefined, ctx.context, variables)) as ExecutionResult<
      Record<string, unknown>
    >;
    // No `data` at all: graphql-jit refused variables graphql-js has just accepted. It ignores the
    // default of a non-null input field left out (createUser's `roles: [Role!]! = []`), so the request
    // would fail unmasked (found by fuzzing): let graphql-js, which applies it, run this one.
    if (!('data' in result)) return onGraphqlJs();
    return result.errors?.length ? { ...result, errors: result.errors.map(asGraphQLJsError) } : result;
  };

  return {
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: '' });
      return () => undefined;
    },
    async load() {
      return { schema, executor };
    },
    async stop() {
      compiled.clear();
    },
  };
}
