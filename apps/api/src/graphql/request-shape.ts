import { GraphQLError, type OperationTypeNode } from 'graphql';

/** Deeper than any input this schema takes (inputs nest a few levels); far below the stack's limit. */
export const MAX_VARIABLE_DEPTH = 32;

/**
 * Requests no operation here can mean, refused with HTTP 400 and a code before anything walks them:
 * subscriptions (the schema has none; graphql-js answered with a 500) and variables nested thousands
 * deep (every recursive walk, ours included, ran out of stack: a 500 and a stack trace in the log).
 */
export function assertServableRequest(operation: OperationTypeNode | undefined, variables: unknown): void {
  if (operation === 'subscription') {
    throw new GraphQLError('Subscriptions are not supported: use a query or a mutation.', {
      extensions: { code: 'BAD_REQUEST', http: { status: 400 } },
    });
  }
  if (depthExceeds(variables, MAX_VARIABLE_DEPTH)) {
    throw new GraphQLError(`Variables may be nested at most ${MAX_VARIABLE_DEPTH} levels deep.`, {
      extensions: { code: 'BAD_REQUEST', http: { status: 400 } },
    });
  }
}

/** Whether arrays and objects in `value` nest deeper than `max`, without recursion. */
function depthExceeds(value: unknown, max: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth >= max) return true;
    for (const item of Array.isArray(v) ? v : Object.values(v)) stack.push([item, depth + 1]);
  }
  return false;
}
