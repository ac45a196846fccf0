import type { GraphQLRequestContextResponseForOperation } from '@apollo/server';
import {
  getArgumentValues,
  getVariableValues,
  type DocumentNode,
  type FieldNode,
  type GraphQLField,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import type { GraphQLContext } from './context';

/**
 * The prologue of the plugins that answer an operation without executing it (answer-text.ts): the
 * operation's plan, decided once per document, and its root field's arguments, coerced as execution
 * would coerce them. Nothing here allocates per request beyond the key and the coerced values.
 */

type RequestContext = GraphQLRequestContextResponseForOperation<GraphQLContext>;

/** The key of a request's operation: its document and the operation's name. */
export const operationKey = (rc: RequestContext): string => `${rc.queryHash}:${rc.operationName ?? ''}`;

/**
 * `planner`'s plan for a request's operation (null: it does not qualify), decided once per operationKey:
 * at most 500 kept, all forgotten when another comes (new documents cost a plan each, not memory).
 */
export function planCache<P>(
  planner: (operation: OperationDefinitionNode, document: DocumentNode) => P | null,
): (rc: RequestContext, key?: string) => P | null {
  const plans = new Map<string, P | null>();
  return (rc, key = operationKey(rc)) => {
    let plan = plans.get(key);
    if (plan === undefined) {
      plan = planner(rc.operation, rc.document);
      if (plans.size >= 500) plans.clear();
      plans.set(key, plan);
    }
    return plan;
  };
}

/** The request's variables coerced to the operation's definitions; null when they do not coerce. */
export function operationVariables(
  schema: GraphQLSchema,
  rc: RequestContext,
): Record<string, unknown> | null {
  const coerced = getVariableValues(
    schema,
    rc.operation.variableDefinitions ?? [],
    rc.request.variables ?? {},
  );
  return coerced.errors ? null : coerced.coerced;
}

/** The arguments of `field` at `node`, coerced with `variables`; null when they do not coerce. */
export function argumentValues(
  field: GraphQLField<unknown, unknown>,
  node: FieldNode,
  variables: Record<string, unknown>,
): Record<string, unknown> | null {
  try {
    return getArgumentValues(field, node, variables);
  } catch {
    return null;
  }
}

/** The root field's arguments at `node` (variables coerced first); null when either does not coerce. */
export function rootArguments(
  schema: GraphQLSchema,
  rc: RequestContext,
  field: GraphQLField<unknown, unknown>,
  node: FieldNode,
): Record<string, unknown> | null {
  const variables = operationVariables(schema, rc);
  return variables && argumentValues(field, node, variables);
}
