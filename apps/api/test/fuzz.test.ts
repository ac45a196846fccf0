/**
 * Fuzzing every mutation (docs/security.md, checklist R6). For each mutation in the schema, fast-check
 * builds variables from its argument types and sends them over HTTP as an ADMIN:
 * - mostly well-typed variables (so they get past GraphQL into the services' rules) holding hostile
 *   values: ids of real records of the right and the wrong kind, malformed ids, huge strings, unicode,
 *   control characters, negative and boundary numbers, impossible and far-off dates;
 * - and some ill-typed ones: wrong types, nulls and left-out required fields, unknown fields.
 * Whatever the input, the answer is an error the contract names: never a 5xx, never
 * INTERNAL_SERVER_ERROR, and a BAD_USER_INPUT names a field the mutation takes.
 *
 * Seeded and bounded (FUZZ_RUNS per mutation, default 30): a failure replays exactly, and the file
 * takes seconds. FUZZ_SEED explores other inputs.
 */

import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES } from '../src/server';
import {
  CONTRACT_CODES,
  documentFor,
  EXTRA_CODES,
  fieldNamesOf,
  ids,
  operations,
  RUNS,
  SEED,
  variablesArb,
} from './support/fuzz-arbitraries';
import { Role, startTestApp, type TestApp } from './support/test-app';

describe('fuzzing every mutation and query with fast-check (as an ADMIN, over HTTP)', () => {
  let t: TestApp;
  let token: string;

  beforeAll(async () => {
    // One admin sends thousands of mutations here, far past the per-user rate limit a person meets.
    t = await startTestApp({ mutationsPerMinute: 0 });
    const admin = await t.user({ roles: [Role.ADMIN] });
    token = admin.token;
    // Real records of every kind, so that valid-looking inputs reach the services' deeper rules.
    // The admin's own id is left out: deactivating or demoting the fuzzer would only end the run early.
    const other = await t.user({ roles: [Role.BOARD] });
    const create = async (mutation: string, type: string, input: Record<string, unknown>) =>
      (
        await t.ok<Record<string, { id: string }>>(
          `mutation($input: ${type}!) { ${mutation}(input: $input) { id } }`,
          { input },
          { token },
        )
      )[mutation].id;
    const strategy = await create('createStrategy', 'StrategyInput', {
      title: 'Fuzz strategy',
      startsOn: '2025-04-01',
    });
    const objective = await create('createObjective', 'ObjectiveInput', {
      strategyId: strategy,
      code: 'F1',
      title: 'Fuzzed objective',
    });
    const outcome = await create('createOutcome', 'OutcomeInput', {
      objectiveId: objective,
      title: 'Fewer repeat victims',
    });
    const output = await create('createOutput', 'OutputInput', {
      objectiveId: objective,
      title: 'Training',
      outcomeIds: [outcome],
    });
    const indicator = await create('createIndicator', 'IndicatorInput', {
      outcomeId: outcome,
      name: 'Repeat referrals',
      baseline: 10,
      target: 5,
    });
    const group = await create('createOperationalGroup', 'OperationalGroupInput', {
      name: 'Fuzz group',
      chairId: other.id,
    });
    const action = await create('createAction', 'ActionInput', {
      objectiveId: objective,
      outputId: output,
      groupId: group,
      ref: 'FZ1',
      title: 'Fuzzed action',
    });
    const review = await create('createReview', 'ReviewInput', {
      kind: 'DHR',
      ref: 'DHR-FZ',
      title: 'Fuzz review',
    });
    const recommendation = await create('addRecommendation', 'RecommendationInput', {
      reviewId: review,
      ref: 'R1',
      text: 'Share information sooner',
    });
    const feedback = await create('recordFeedback', 'FeedbackInput', {
      forum: 'Survivor forum',
      receivedOn: '2025-05-01',
      summary: 'The helpline closes too early.',
    });
    Object.assign(ids, {
      strategy: [strategy],
      objective: [objective],
      outcome: [outcome],
      output: [output],
      indicator: [indicator],
      group: [group],
      action: [action],
      review: [review],
      recommendation: [recommendation],
      feedback: [feedback],
      user: [other.id],
    });
    ids.all = Object.values(ids).flat();
  });
  afterAll(() => t.close());

  for (const { kind, field } of operations) {
    it(`${kind} ${field.name}: no 5xx, only the contract's codes, bad input names its field`, async () => {
      const query = documentFor(kind, field);
      const allowed = new Set([...CONTRACT_CODES, ...(EXTRA_CODES[field.name] ?? [])]);
      const names = fieldNamesOf(field);
      const variables = fc.oneof(
        { weight: 3, arbitrary: variablesArb(field, 'typed') },
        { weight: 1, arbitrary: variablesArb(field, 'hostile') },
      );
      await fc.assert(
        fc.asyncProperty(variables, async (vars) => {
          const body = JSON.stringify({ query, variables: vars });
          fc.pre(Buffer.byteLength(body) < MAX_BODY_BYTES);
          const res = await fetch(`${t.url}/graphql`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
            body,
          });
          const text = await res.text();
          expect(res.status, text).toBeLessThan(500);
          const json = JSON.parse(text) as {
            errors?: Array<{ message: string; extensions?: { code?: string; field?: unknown } }>;
          };
          for (const e of json.errors ?? []) {
            const code = e.extensions?.code;
            expect(allowed.has(String(code)), `${code}: ${e.message}`).toBe(true);
            if (code === 'BAD_USER_INPUT') {
              const named = String(e.extensions?.field ?? '');
              // "input.dueOn", "tags[2]", "dueOn": the last name is one the operation takes, or the
              // unknown field the message refuses.
              const last = named
                .split('.')
                .pop()!
                .replace(/\[\d+\]$/, '');
              const known = names.has(last) || (last !== '' && e.message.includes(`Field "${last}"`));
              expect(known, `BAD_USER_INPUT naming "${named}": ${e.message}`).toBe(true);
            }
          }
        }),
        { seed: SEED, numRuns: RUNS, endOnFailure: true },
      );
    });
  }
});
