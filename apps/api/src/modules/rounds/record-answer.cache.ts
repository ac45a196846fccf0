import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import {
  getNamedType,
  isObjectType,
  Kind,
  type GraphQLObjectType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import type { GraphQLContext } from '../../graphql/context';
import { isUuid } from '../../database/ids';
import { operationKey, planCache } from '../../graphql/answer-plan';
import { setAnswerText } from '../../graphql/answer-text';
import { isStoredRecord } from './round-record.queries';

/**
 * Stored answers of closed rounds' records (docs/decisions/0024-stored-record-answers.md).
 *
 * A closed round's record never changes (restatements are shown beside it, in `restatements`, which
 * is not a field this store answers). So the answer to an operation that reads only what the record
 * holds is kept after its first execution and served again without executing: keyed by the document,
 * its variables, the reader's partnership and roles (the restricted reader's tally and tag coverage
 * differ by role), and kept only after one statement has found the round CLOSED with its record, in
 * the reader's partnership. A stored answer is sent as the text it was stored as (graphql/answer-text.ts).
 *
 * An operation qualifies when it is a query of exactly one field, `reportingRound(id:)`, selecting only
 * fields whose values come from the record (FROZEN below: the roll-up's figures, and of the theory of
 * change's records only the columns the record stores), with no fragments or directives. Anything
 * else, or an answer with errors, is executed as usual and not kept.
 */

/** type name -> fields answered from the record ('*': every field of the type). */
const FROZEN: Record<string, ReadonlySet<string> | '*'> = {
  Query: new Set(['reportingRound']),
  ReportingRound: new Set(['id', 'status', 'rollup']),
  // Not `strategy` (the live strategy).
  BoardRollup: new Set([
    'asOf',
    'totals',
    'objectives',
    'tagCoverage',
    'recommendations',
    'feedback',
    'feedbackDecisions',
  ]),
  ObjectiveRollup: '*',
  OutputRollup: '*',
  OutcomeRollup: '*',
  IndicatorProgress: '*',
  IndicatorFigure: '*',
  TagCoverageCell: '*',
  ActionTally: '*',
  RecommendationTally: '*',
  FeedbackTally: '*',
  FeedbackDecisionTally: '*',
  // The columns the record stores of each (rollup/queries.ts: objectiveJson, nodeJson, the indicator's
  // and the tag's json): not their relations, nor viewerCan.
  Objective: new Set(['id', 'strategyId', 'code', 'title', 'description', 'position', 'version']),
  Output: new Set(['id', 'objectiveId', 'title', 'description', 'position', 'version']),
  Outcome: new Set(['id', 'objectiveId', 'title', 'description', 'position', 'version']),
  Indicator: new Set([
    'id',
    'outcomeId',
    'name',
    'unit',
    'baseline',
    'target',
    'isRate',
    'tolerance',
    'version',
  ]),
  Tag: new Set(['id', 'kind', 'slug', 'label']),
};

/** Whether every field of `set` (on `type`) is answered from the record. */
function frozenSelection(schema: GraphQLSchema, type: GraphQLObjectType, set: SelectionSetNode): boolean {
  const allowed = FROZEN[type.name];
  if (!allowed) return false;
  for (const s of set.selections) {
    if (s.kind !== Kind.FIELD || s.directives?.length) return false;
    const name = s.name.value;
    if (name === '__typename') continue;
    if (allowed !== '*' && !allowed.has(name)) return false;
    const field = type.getFields()[name];
    if (!field) return false;
    const named = getNamedType(field.type);
    if (isObjectType(named)) {
      if (!s.selectionSet || !frozenSelection(schema, named, s.selectionSet)) return false;
    } else if (s.selectionSet) return false;
  }
  return true;
}

/**
 * When the whole operation is answered from a closed round's record: how to find the round's id in its
 * variables (decided once per document). Null: the operation does not qualify.
 */
export function storedRecordRoundId(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
): ((variables: Record<string, unknown>) => string | null) | null {
  const query = schema.getQueryType();
  if (operation.operation !== 'query' || !query || operation.directives?.length) return null;
  const [root, ...rest] = operation.selectionSet.selections;
  if (rest.length || root?.kind !== Kind.FIELD || root.name.value !== 'reportingRound') return null;
  if (!frozenSelection(schema, query, operation.selectionSet)) return null;
  const arg = root.arguments?.find((a) => a.name.value === 'id')?.value;
  const pick = (value: unknown) => (typeof value === 'string' && isUuid(value) ? value : null);
  if (arg?.kind === Kind.VARIABLE) return (variables) => pick(variables[arg.name.value]);
  if (arg?.kind === Kind.STRING) return () => pick(arg.value);
  return null;
}

interface Stored {
  data: Record<string, unknown>;
  bytes: number;
}

/** Answers kept, least recently used out first, within both bounds. */
export class RecordAnswerStore {
  private readonly entries = new Map<string, Stored>();
  private bytes = 0;

  constructor(
    readonly maxEntries = 500,
    readonly maxBytes = 64 * 1024 * 1024,
  ) {}

  get(key: string): Record<string, unknown> | undefined {
    const hit = this.entries.get(key);
    if (!hit) return undefined;
    this.entries.delete(key);
    this.entries.set(key, hit);
    return hit.data;
  }

  set(key: string, data: Record<string, unknown>): void {
    const text = JSON.stringify(data);
    const bytes = text.length;
    if (bytes > this.maxBytes) return;
    const old = this.entries.get(key);
    if (old) {
      this.bytes -= old.bytes;
      this.entries.delete(key);
    }
    while (
      this.entries.size &&
      (this.entries.size >= this.maxEntries || this.bytes + bytes > this.maxBytes)
    ) {
      const [oldest, entry] = this.entries.entries().next().value!;
      this.entries.delete(oldest);
      this.bytes -= entry.bytes;
    }
    // Kept frozen: the same object is handed to every later reader.
    this.entries.set(key, { data: deepFreeze(data), bytes });
    setAnswerText(data, text);
    this.bytes += bytes;
  }

  get size(): number {
    return this.entries.size;
  }
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** The Apollo plugin serving and keeping stored record answers. */
export function recordAnswerCache(
  schema: GraphQLSchema,
  store = new RecordAnswerStore(),
): ApolloServerPlugin<GraphQLContext> {
  // Where an operation's round id is, or null when it does not qualify.
  const roundIdFor = planCache((operation) => storedRecordRoundId(schema, operation));
  return {
    async requestDidStart() {
      let key: string | null = null;
      return {
        async responseForOperation(rc) {
          const viewer = rc.contextValue.viewer;
          if (!viewer || !rc.operation) return null;
          const docKey = operationKey(rc);
          const roundIdOf = roundIdFor(rc, docKey);
          const variables = rc.request.variables ?? {};
          const roundId = roundIdOf?.(variables);
          if (!roundId) return null;
          const storeKey = JSON.stringify([
            docKey,
            variables,
            viewer.partnershipId,
            [...viewer.roles].sort(),
          ]);
          const data = store.get(storeKey);
          // A hit was kept only after the check below passed for this partnership, and what it checked
          // cannot change: a CLOSED round is never reopened, its record never rewritten, and the API
          // deletes no round.
          if (!data) {
            // The round must be CLOSED with its record, and the reader's partnership's: only then is the
            // answer about to be executed kept.
            if (await isStoredRecord(rc.contextValue.dataSource, roundId, viewer.partnershipId))
              key = storeKey;
            return null;
          }
          return {
            http: { status: undefined, headers: new HeaderMap() },
            body: { kind: 'single', singleResult: { data } },
          };
        },
        async willSendResponse(rc) {
          if (key === null || rc.response.body.kind !== 'single') return;
          const { data, errors } = rc.response.body.singleResult;
          if (!errors?.length && data) store.set(key, data);
        },
      };
    },
  };
}
