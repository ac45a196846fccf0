import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import {
  Kind,
  type FieldNode,
  type GraphQLField,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import type { GraphQLContext } from '../../graphql/context';
import { argumentValues, operationVariables, planCache } from '../../graphql/answer-plan';
import { setAnswerText } from '../../graphql/answer-text';
import { RESOLVED_FIELDS, rollupTextSql, TEXT_TYPES, type TextSelection } from './rollup-text.queries';
import { MAX_PRECOMPUTED_KINDS } from './rollup.service';

/**
 * The board roll-up answered as text (docs/performance.md, "Roll-up today, session 8"). At size L the
 * answer is ~150 kB of JSON; executing it meant parsing the roll-up's ~250 kB JSON row, completing
 * thousands of fields and serialising them again: most of the API's CPU per request. Here PostgreSQL
 * writes the answer's text in the selected shape (rollup-text.queries.ts, from the same CTEs as the
 * roll-up's statement), byte for byte what executing the operation gives (rollup-answer.test.ts).
 *
 * An operation qualifies only when it is a query of exactly one field, boardRollup, selecting only
 * fields the text writes (TEXT_TYPES) that the schema resolves by reading the property (or that
 * RESOLVED_FIELDS names), with no fragments, directives, repeated keys or arguments but tagCoverage's
 * kind. Anything else, any error (signed out, a bad argument, no such strategy, a blank kind), more
 * tag kinds than the roll-up computes, or a value the text cannot write (a rate indicator's figures),
 * and the operation is executed as usual, which answers or reports it.
 */

interface Plan {
  rootKey: string;
  root: FieldNode;
  sel: TextSelection[];
  /** The tagCoverage fields, in the order of their kind's index ($5). */
  coverage: FieldNode[];
  sql: string;
}

/** The selection of a field of `type`, or null when it does not qualify. */
function selection(
  schema: GraphQLSchema,
  type: string,
  set: SelectionSetNode | undefined,
  coverage: FieldNode[],
): TextSelection[] | null {
  const fields = TEXT_TYPES[type];
  const schemaType = schema.getType(type);
  if (!set || !fields || !schemaType || !('getFields' in schemaType)) return null;
  const defs = schemaType.getFields() as Record<string, GraphQLField<unknown, unknown>>;
  const out: TextSelection[] = [];
  const keys = new Set<string>();
  for (const s of set.selections) {
    if (s.kind !== Kind.FIELD || s.directives?.length) return null;
    const key = s.alias?.value ?? s.name.value;
    const field = s.name.value;
    if (keys.has(key)) return null;
    keys.add(key);
    if (field === '__typename') {
      if (s.selectionSet) return null;
      out.push({ key, field });
      continue;
    }
    const def = defs[field];
    if (!def || !(field in fields)) return null;
    if (def.resolve && !RESOLVED_FIELDS.has(`${type}.${field}`)) return null;
    const isCoverage = type === 'BoardRollup' && field === 'tagCoverage';
    if (s.arguments?.length && !(isCoverage && s.arguments.length === 1)) return null;
    const child = fields[field];
    if (!child) {
      if (s.selectionSet) return null;
      out.push({ key, field });
      continue;
    }
    const sub = selection(schema, child, s.selectionSet, coverage);
    if (!sub) return null;
    if (isCoverage) {
      coverage.push(s);
      out.push({ key, field, sub, kind: coverage.length });
    } else out.push({ key, field, sub });
  }
  return out;
}

/** The plan for an operation, or null when it does not qualify. */
export function planRollupAnswer(schema: GraphQLSchema, operation: OperationDefinitionNode): Plan | null {
  if (operation.operation !== 'query' || operation.directives?.length) return null;
  const [root, ...others] = operation.selectionSet.selections;
  if (others.length || root?.kind !== Kind.FIELD || root.name.value !== 'boardRollup') return null;
  if (root.directives?.length) return null;
  const coverage: FieldNode[] = [];
  const sel = selection(schema, 'BoardRollup', root.selectionSet, coverage);
  if (!sel || coverage.length > MAX_PRECOMPUTED_KINDS) return null;
  return { rootKey: root.alias?.value ?? root.name.value, root, sel, coverage, sql: rollupTextSql(sel) };
}

/** The Apollo plugin answering qualifying boardRollup operations as text. */
export function rollupAnswer(schema: GraphQLSchema): ApolloServerPlugin<GraphQLContext> {
  const query = schema.getQueryType();
  const field = query?.getFields().boardRollup;
  const coverageField = schema.getType('BoardRollup');
  const kindField =
    coverageField && 'getFields' in coverageField
      ? (coverageField.getFields() as Record<string, GraphQLField<unknown, unknown>>).tagCoverage
      : undefined;
  const planFor = planCache((operation) => planRollupAnswer(schema, operation));
  return {
    async requestDidStart() {
      return {
        async responseForOperation(rc) {
          const viewer = rc.contextValue.viewer;
          if (!viewer || !rc.operation || !field || !kindField) return null;
          const plan = planFor(rc);
          if (!plan) return null;
          const variables = operationVariables(schema, rc);
          if (!variables) return null;
          const args = argumentValues(field, plan.root, variables);
          if (!args) return null;
          const kinds: string[] = [];
          for (const c of plan.coverage) {
            const coverage = argumentValues(kindField, c, variables);
            if (!coverage) return null;
            kinds.push(typeof coverage.kind === 'string' ? coverage.kind.trim() : '');
          }
          // A blank kind is refused by tagCoverage, with the field named.
          if (kinds.some((k) => !k) || new Set(kinds).size > MAX_PRECOMPUTED_KINDS) return null;
          const text = await rc.contextValue.services.rollup.boardRollupText(viewer, {
            sql: plan.sql,
            strategyId: args.strategyId as string,
            asOf: args.asOf as string | null | undefined,
            kinds,
          });
          if (typeof text !== 'string') return null;
          const data = {};
          setAnswerText(data, `{${JSON.stringify(plan.rootKey)}:${text}}`);
          return {
            http: { status: undefined, headers: new HeaderMap() },
            body: { kind: 'single', singleResult: { data } },
          };
        },
      };
    },
  };
}
