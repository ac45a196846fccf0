import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import {
  execute,
  Kind,
  type DocumentNode,
  type FieldNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import type { GraphQLContext } from '../../graphql/context';
import { planCache, rootArguments } from '../../graphql/answer-plan';
import { setAnswerText, type AnswerPiece } from '../../graphql/answer-text';
import { refSortsBytewise } from '../../database/collation';
import { isUuid } from '../../database/ids';
import { todayIso } from '../../shared/dates';
import {
  ACTION_LINE_FIELDS,
  PLAIN_ACTION_COLUMNS,
  planActionLines,
  queryActionLines,
  type ActionLineKind,
  type ActionLinesPlan,
  type LineSelection,
} from './changes-text.queries';

/**
 * "What changed" answered as text (docs/decisions/0018-what-changed.md, "Answer text"). Over a year at
 * size L the answer has about 26,000 action lines; executing them means parsing the lines' JSON from
 * PostgreSQL, completing each line and its action, then serialising them again: most of the request.
 * Here the action lines' JSON text is written straight from PostgreSQL's rows as they arrive, in the
 * shape and order the operation selects (changes-text.queries.ts, from the same changed actions as the
 * executed path; decision 0018, "Lines written as the rows arrive"), and the rest of the answer (from,
 * to, indicators, recommendations, feedback: few lines, with other modules' records) is executed as
 * usual (graphql-js `execute` of the operation without the action lines). The
 * two are joined in the operation's order into the answer's text (graphql/answer-text.ts): byte for
 * byte what executing the whole operation gives (changes-answer.test.ts).
 *
 * An operation qualifies only when it is a query of exactly one field, rollupChanges, whose action
 * lines select plain fields: the lines' own, __typename, and of `action` only plain columns
 * (PLAIN_ACTION_COLUMNS), with no fragments, directives, arguments or repeated keys in them. Anything
 * else, or any error (signed out, a bad argument, no such strategy, "from" after "to"), and the
 * operation is executed as usual, which answers or reports it.
 */

interface Plan {
  rootKey: string;
  root: FieldNode;
  /** The rollupChanges selections in order: an action line kind's index into `kinds`, or its key. */
  order: Array<{ key: string; kind: number | null }>;
  kinds: Array<{ kind: ActionLineKind; selection: LineSelection[] }>;
  /** How the lines are read and written. */
  lines: ActionLinesPlan;
  /** The operation without the action lines (executed as usual), and the name to run it by. */
  rest: DocumentNode;
}

const isKind = (name: string): name is ActionLineKind => name in ACTION_LINE_FIELDS;

/** Plain fields of a selection set: [key, field] pairs; null if anything else or a key repeats. */
function plainFields(set: SelectionSetNode | undefined): Array<{ key: string; node: FieldNode }> | null {
  if (!set) return null;
  const out: Array<{ key: string; node: FieldNode }> = [];
  const keys = new Set<string>();
  for (const s of set.selections) {
    if (s.kind !== Kind.FIELD || s.directives?.length || s.arguments?.length) return null;
    const key = s.alias?.value ?? s.name.value;
    if (keys.has(key)) return null;
    keys.add(key);
    out.push({ key, node: s });
  }
  return out;
}

/** The selection of one kind of action line, or null when it is not plain. */
function lineSelection(
  kind: ActionLineKind,
  set: SelectionSetNode | undefined,
  plain: ReadonlySet<string>,
): LineSelection[] | null {
  const fields = plainFields(set);
  if (!fields) return null;
  const out: LineSelection[] = [];
  for (const { key, node } of fields) {
    const name = node.name.value;
    if (name === '__typename' || (plain.has(`${kind}.${name}`) && !node.selectionSet)) {
      out.push({ key, field: name });
    } else if (name === 'action' && plain.has(`${kind}.action`)) {
      const action = plainFields(node.selectionSet);
      if (!action) return null;
      const picked: Array<{ key: string; field: string }> = [];
      for (const f of action) {
        const n = f.node.name.value;
        if (f.node.selectionSet || (n !== '__typename' && !plain.has(`Action.${n}`))) return null;
        picked.push({ key: f.key, field: n });
      }
      out.push({ key, field: 'action', action: picked });
    } else return null;
  }
  return out;
}

/** The plan for an operation, or null when it does not qualify. */
export function planChangesAnswer(
  document: DocumentNode,
  operation: OperationDefinitionNode,
  plain: ReadonlySet<string>,
): Plan | null {
  if (operation.operation !== 'query' || operation.directives?.length) return null;
  const [root, ...others] = operation.selectionSet.selections;
  if (others.length || root?.kind !== Kind.FIELD || root.name.value !== 'rollupChanges') return null;
  if (root.directives?.length || !root.selectionSet) return null;
  const order: Plan['order'] = [];
  const kinds: Plan['kinds'] = [];
  const rest: FieldNode[] = [];
  const keys = new Set<string>();
  for (const s of root.selectionSet.selections) {
    if (s.kind === Kind.FIELD && isKind(s.name.value)) {
      const key = s.alias?.value ?? s.name.value;
      if (s.directives?.length || s.arguments?.length || keys.has(key)) return null;
      const selection = lineSelection(s.name.value, s.selectionSet, plain);
      if (!selection) return null;
      keys.add(key);
      order.push({ key, kind: kinds.length });
      kinds.push({ kind: s.name.value, selection });
    } else if (s.kind === Kind.FIELD && !s.directives?.length) {
      const key = s.alias?.value ?? s.name.value;
      if (keys.has(key)) return null;
      keys.add(key);
      order.push({ key, kind: null });
      rest.push(s);
    } else return null;
  }
  if (!kinds.length) return null;
  // The rest must select something: `from` stands in when only action lines are selected (not sent).
  const restSelections: FieldNode[] = rest.length
    ? rest
    : [{ kind: Kind.FIELD, name: { kind: Kind.NAME, value: 'from' } }];
  const restOperation: OperationDefinitionNode = {
    ...operation,
    selectionSet: {
      kind: Kind.SELECTION_SET,
      selections: [{ ...root, selectionSet: { kind: Kind.SELECTION_SET, selections: restSelections } }],
    },
  };
  return {
    rootKey: root.alias?.value ?? root.name.value,
    root,
    order,
    kinds,
    lines: planActionLines(kinds),
    rest: {
      ...document,
      definitions: document.definitions.map((d) => (d === operation ? restOperation : d)),
    },
  };
}

/**
 * The fields written as text ('kind.field' for the lines' own, 'Action.field'), as the built schema has
 * them: only fields it resolves by reading the property (no resolver), so that a resolver added later to
 * any of them (a policy on a title, say) sends operations selecting it to be executed as usual.
 */
function writableFields(schema: GraphQLSchema): Set<string> {
  const out = new Set<string>();
  const resolvesPlainly = (typeName: string, field: string) => {
    const type = schema.getType(typeName);
    const def = type && 'getFields' in type ? type.getFields()[field] : undefined;
    return !!def && !('resolve' in def && def.resolve);
  };
  for (const [kind, spec] of Object.entries(ACTION_LINE_FIELDS)) {
    if (resolvesPlainly(spec.type, 'action')) out.add(`${kind}.action`);
    for (const f of Object.keys(spec.fields)) if (resolvesPlainly(spec.type, f)) out.add(`${kind}.${f}`);
  }
  for (const f of Object.keys(PLAIN_ACTION_COLUMNS)) if (resolvesPlainly('Action', f)) out.add(`Action.${f}`);
  return out;
}

/** The Apollo plugin answering qualifying rollupChanges operations as text. */
export function changesAnswer(schema: GraphQLSchema): ApolloServerPlugin<GraphQLContext> {
  const field = schema.getQueryType()?.getFields().rollupChanges;
  const plain = writableFields(schema);
  const planFor = planCache((operation, document) => planChangesAnswer(document, operation, plain));
  return {
    async requestDidStart() {
      return {
        async responseForOperation(rc) {
          const viewer = rc.contextValue.viewer;
          if (!viewer || !rc.operation || !field) return null;
          const plan = planFor(rc);
          if (!plan) return null;
          const args = rootArguments(schema, rc, field, plan.root);
          if (!args) return null;
          const strategyId = args.strategyId as string;
          const from = args.from as string;
          const to = (args.to as string | null | undefined) ?? todayIso();
          if (!isUuid(strategyId) || typeof from !== 'string' || from > to) return null;
          const db = rc.contextValue.dataSource;
          const bytewise = await refSortsBytewise(db);
          const [rest, lines] = await Promise.all([
            execute({
              schema,
              document: plan.rest,
              contextValue: rc.contextValue,
              variableValues: rc.request.variables,
              operationName: rc.operationName,
            }),
            queryActionLines(
              db,
              plan.lines,
              { strategyId, partnershipId: viewer.partnershipId, from, to },
              bytewise,
            ),
          ]);
          const executed = (rest.data as Record<string, Record<string, unknown> | null> | null | undefined)?.[
            plan.rootKey
          ];
          if (rest.errors?.length || !executed) {
            for (const l of lines) l.written();
            return null;
          }
          // The answer's text in pieces: the lines' bytes are copied once, into the response's buffer.
          const pieces: AnswerPiece[] = [`{${JSON.stringify(plan.rootKey)}:{`];
          plan.order.forEach(({ key, kind }, n) => {
            pieces.push(`${n ? ',' : ''}${JSON.stringify(key)}:`);
            if (kind === null) pieces.push(JSON.stringify(executed[key]));
            else pieces.push('[', lines[kind]!, ']');
          });
          pieces.push('}}');
          const data = {};
          // In pieces: sent as they are (graphql/http-handler.ts), never joined here.
          setAnswerText(data, pieces);
          return {
            http: { status: undefined, headers: new HeaderMap() },
            body: { kind: 'single', singleResult: { data } },
          };
        },
      };
    },
  };
}
