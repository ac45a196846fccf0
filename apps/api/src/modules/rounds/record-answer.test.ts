import { daysFromToday } from '../../../test/support/dates';
import { viewerOf } from '../../../test/support/viewer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closedRound, roundPlan, twoRecommendations } from '../../../test/support/closed-round';
import { outsiderAdmin } from '../../../test/support/outsider';
import { startTestApp, type TestApp, type TestUser } from '../../../test/support/test-app';
import type { Viewer } from '../../shared/viewer';
import { Role } from '../identity/user.entity';

/**
 * Stored answers of closed rounds' records (record-answer.cache.ts), through the public GraphQL API:
 * served as first answered, per reader class and partnership; restatements and live fields beside
 * the record are never served stale.
 */

const TALLY = `total red amber green unrated notStarted inProgress complete cancelled overdue staleUpdates`;
/** Only what the record holds: this operation qualifies for a stored answer. */
const RECORD = `query RecordOnly($id: ID!) { reportingRound(id: $id) { id status rollup { asOf totals { ${TALLY} }
  objectives { score derivedRag objective { id code title } actions { ${TALLY} } }
  tagCoverage(kind: "ecological-level") { actionCount objective { id } tag { slug } }
  recommendations { total open inProgress implemented assured overdue } } } }`;
const WITH_RESTATEMENTS = `query RecordAndRestatements($id: ID!) { reportingRound(id: $id) { id
  rollup { totals { ${TALLY} } recommendations { total } } restatements { what reason } } }`;
/** Objective.actions is a live relation, not part of the record. */
const WITH_LIVE = `query RecordAndActions($id: ID!) { reportingRound(id: $id) { id
  rollup { totals { total } objectives { objective { id actions { ref } } } } } }`;
const UPDATE = `mutation U($input: ActionUpdateInput!) { addActionUpdate(input: $input) { id } }`;

async function raw(t: TestApp, query: string, variables: Record<string, unknown>, token: string) {
  const res = await fetch(`${t.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  return res.text();
}

describe("a closed round's stored answer", () => {
  let t: TestApp;
  let admin: TestUser;
  let board: TestUser;
  let outsider: string;
  let roundId: string;
  let actionId: string;
  let strategyId: string;
  const inPeriod = daysFromToday(-25);

  beforeAll(async () => {
    t = await startTestApp({ mutationsPerMinute: 0 });
    admin = await t.user({ roles: [Role.ADMIN], name: 'Lena Lead' });
    board = await t.user({ roles: [Role.BOARD], name: 'Bo Board' });
    const v: Viewer = viewerOf(t, admin, 'Lena Lead');
    ({ strategyId, actionId } = await roundPlan(t, v, { tags: ['ecological-level:community'] }));
    await t.ok(
      UPDATE,
      {
        input: {
          actionId,
          status: 'IN_PROGRESS',
          rag: 'RED',
          progress: 'Begun',
          reportedOn: daysFromToday(-100),
        },
      },
      { token: admin.token },
    );
    await twoRecommendations(t, v);
    roundId = await closedRound(t, admin, strategyId);

    // An admin of another partnership.
    const email = `outsider-${Math.random().toString(36).slice(2, 8)}@example.org`;
    outsider = (await outsiderAdmin(t, email)).token;
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  });

  it('is served again as first answered, without executing', async () => {
    const first = await raw(t, RECORD, { id: roundId }, admin.token);
    expect(JSON.parse(first).data.reportingRound.rollup.recommendations.total).toBe(2);
    t.statements.reset();
    const second = await raw(t, RECORD, { id: roundId }, admin.token);
    expect(second).toBe(first);
    // Not a statement: the round was found closed, with its record, in the reader's partnership once.
    expect(t.statements.count).toBe(0);
  });

  it("keeps the restricted reader's tally apart from the admin's", async () => {
    const admins = JSON.parse(await raw(t, RECORD, { id: roundId }, admin.token));
    for (let i = 0; i < 2; i++) {
      const boards = JSON.parse(await raw(t, RECORD, { id: roundId }, board.token));
      expect(boards.data.reportingRound.rollup.recommendations.total).toBe(1);
      expect(boards.data.reportingRound.rollup.totals).toEqual(admins.data.reportingRound.rollup.totals);
    }
    expect(admins.data.reportingRound.rollup.recommendations.total).toBe(2);
  });

  it('never reaches another partnership', async () => {
    await raw(t, RECORD, { id: roundId }, admin.token);
    const theirs = JSON.parse(await raw(t, RECORD, { id: roundId }, outsider));
    expect(theirs.errors).toBeUndefined();
    expect(theirs.data.reportingRound).toBeNull();
  });

  it('shows a restatement at once, beside the unchanged record', async () => {
    const before = await raw(t, RECORD, { id: roundId }, admin.token);
    const listed = async () =>
      (
        await t.ok<{ reportingRound: { restatements: Array<{ reason: string }> } }>(
          WITH_RESTATEMENTS,
          { id: roundId },
          { token: admin.token },
        )
      ).reportingRound.restatements;
    expect(await listed()).toEqual([]);
    await t.ok(
      UPDATE,
      {
        input: {
          actionId,
          status: 'COMPLETE',
          progress: 'Done',
          reportedOn: inPeriod,
          restatementReason: 'The group reported completion late',
        },
      },
      { token: admin.token },
    );
    expect((await listed()).map((r) => r.reason)).toEqual(['The group reported completion late']);
    expect(await raw(t, RECORD, { id: roundId }, admin.token)).toBe(before);
  });

  it('answers live fields beside the record live', async () => {
    const refs = async () =>
      (
        await t.ok<{
          reportingRound: {
            rollup: { objectives: Array<{ objective: { actions: Array<{ ref: string }> } }> };
          };
        }>(WITH_LIVE, { id: roundId }, { token: admin.token })
      ).reportingRound.rollup.objectives[0].objective.actions.map((a) => a.ref);
    expect(await refs()).toEqual(['A1']);
    const v: Viewer = viewerOf(t, admin, 'Lena Lead');
    const [a1] = await t.dataSource.query(`SELECT objective_id, group_id FROM action WHERE id = $1`, [
      actionId,
    ]);
    await t.services.actions.createAction(v, {
      objectiveId: a1.objective_id,
      groupId: a1.group_id,
      ref: 'A2',
      title: 'Action A2',
      agreedOn: daysFromToday(-1),
    });
    expect((await refs()).sort()).toEqual(['A1', 'A2']);
  });
});
