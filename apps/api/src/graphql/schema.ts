import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { actionRowFields } from '../modules/actions/action.resolver';
import { indicatorProgressFields } from '../modules/rollup/indicator-progress.resolver';
import { authChecker } from './auth-checker';
import { installFastResolvers } from '../fast-paths';
import { resolvers } from './resolvers';

const built = new Map<boolean, Promise<GraphQLSchema>>();

/**
 * Builds the schema once per process and setting of the fast paths (src/fast-paths.ts; type-graphql
 * metadata is global anyway). Both answer alike; with fast paths on, the list page's relation fields
 * skip type-graphql's wrapper.
 */
export function getSchema(fastPaths = true): Promise<GraphQLSchema> {
  let schema = built.get(fastPaths);
  if (schema) return schema;
  schema = buildSchema({
    resolvers,
    authChecker,
    authMode: 'error',
    // Inputs are checked by the services, each refusal naming its field (decision 0009); GraphQL itself
    // refuses values of the wrong type.
    validate: false,
  }).then((s) =>
    installFastResolvers(
      s,
      { Action: actionRowFields, IndicatorProgress: indicatorProgressFields },
      fastPaths,
    ),
  );
  built.set(fastPaths, schema);
  return schema;
}
