import {
  getDirectiveValues,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  Kind,
  valueFromASTUntyped,
  type GraphQLResolveInfo,
  type SelectionSetNode,
} from 'graphql';

/**
 * The string values of argument `arg` of every selection of sub-field `field` directly beneath the
 * field being resolved (through fragments and inline fragments, aliases included; literal or variable
 * values). Lets a parent resolver compute in its own statement what its children will ask for.
 * Selections dropped by @skip/@include are left out. Anything missed is merely not precomputed, so the
 * child resolver must still work alone.
 */
export function subFieldStringArguments(info: GraphQLResolveInfo, field: string, arg: string): string[] {
  const values: string[] = [];
  const variables = info.variableValues;
  const included = (node: Parameters<typeof getDirectiveValues>[1]) =>
    getDirectiveValues(GraphQLSkipDirective, node, variables)?.if !== true &&
    getDirectiveValues(GraphQLIncludeDirective, node, variables)?.if !== false;
  // Validation refuses fragment cycles; this only keeps the walk finite and each fragment read once.
  const seenFragments = new Set<string>();

  const visit = (set: SelectionSetNode | undefined) => {
    for (const selection of set?.selections ?? []) {
      if (!included(selection)) continue;
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value !== field) continue;
        const node = selection.arguments?.find((a) => a.name.value === arg);
        const value = node && valueFromASTUntyped(node.value, variables);
        if (typeof value === 'string') values.push(value);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        visit(selection.selectionSet);
      } else if (!seenFragments.has(selection.name.value)) {
        seenFragments.add(selection.name.value);
        visit(info.fragments[selection.name.value]?.selectionSet);
      }
    }
  };
  // Several nodes when the parent field is selected more than once under the same response key.
  for (const node of info.fieldNodes) visit(node.selectionSet);
  return values;
}
