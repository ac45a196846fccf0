import type { FieldNode, GraphQLResolveInfo, SelectionSetNode } from 'graphql';

/**
 * The names of the fields the client selected beneath the resolver's own field, following `path`
 * (e.g. ['edges', 'node']) through fragments and inline fragments. Conservative by design: a field
 * under @skip/@include counts as selected, so callers may fetch a little more, never too little.
 */
export function selectedFields(info: GraphQLResolveInfo, path: readonly string[] = []): Set<string> {
  let sets: SelectionSetNode[] = info.fieldNodes.flatMap((n) => (n.selectionSet ? [n.selectionSet] : []));
  for (const step of path) {
    sets = fieldsOf(info, sets)
      .filter((f) => f.name.value === step)
      .flatMap((f) => (f.selectionSet ? [f.selectionSet] : []));
  }
  return new Set(fieldsOf(info, sets).map((f) => f.name.value));
}

function fieldsOf(info: GraphQLResolveInfo, sets: SelectionSetNode[], seen = new Set<string>()): FieldNode[] {
  const out: FieldNode[] = [];
  for (const set of sets) {
    for (const sel of set.selections) {
      if (sel.kind === 'Field') out.push(sel);
      else if (sel.kind === 'InlineFragment') out.push(...fieldsOf(info, [sel.selectionSet], seen));
      else {
        const name = sel.name.value;
        const fragment = info.fragments[name];
        // Validation already refuses fragment cycles; `seen` only keeps this walk finite regardless.
        if (!fragment || seen.has(name)) continue;
        seen.add(name);
        out.push(...fieldsOf(info, [fragment.selectionSet], seen));
        seen.delete(name);
      }
    }
  }
  return out;
}
