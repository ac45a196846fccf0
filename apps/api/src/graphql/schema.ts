import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { actionRowFields } from '../modules/actions/action.resolver';
import { authChecker } from './auth-checker';
import { installDirectResolvers } from './direct-resolvers';
import { resolvers } from './resolvers';

let built: Promise<GraphQLSchema> | null = null;

/** Builds the schema once per process (type-graphql metadata is global anyway). */
export function getSchema(): Promise<GraphQLSchema> {
  built ??= buildSchema({
    resolvers,
    authChecker,
    authMode: 'error',
    // Inputs are validated by class-validator; unknown values are refused by GraphQL itself.
    validate: { forbidUnknownValues: false, validationError: { target: false, value: false } },
  }).then((schema) => {
    installDirectResolvers(schema, { Action: actionRowFields });
    return schema;
  });
  return built;
}
