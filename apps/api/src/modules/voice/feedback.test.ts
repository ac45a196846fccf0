import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FeedbackListDocument, RecordFeedbackDocument, RespondToFeedbackDocument } from '@throughline/sdk';
import type { Viewer } from '../../shared/viewer';
import { Role, startTestApp, type TestApp, type TestUser } from '../../../test/support/test-app';
import { todayIso } from '../../shared/dates';

const RECORD = `mutation($input: FeedbackInput!) { recordFeedback(input: $input) {
  id forum receivedOn summary responded objectives { id code } tags { kind slug } responses { id } } }`;
const RESPOND = `mutation($input: FeedbackResponseInput!) { respondToFeedback(input: $input) {
  id responded responses { text respondedOn actions { id ref } } } }`;
const LIST = `query($filter: FeedbackFilter, $first: Int, $after: String) { feedback(filter: $filter, first: $first, after: $after) {
  totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id receivedOn responded } } } }`;

function tomorrow(): string {
  const d = new Date(`${todayIso()}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

describe('survivor voice through the API', () => {
  let t: TestApp;
  let admin: TestUser;
  let facilitator: TestUser;
  let board: TestUser;
  let panel: TestUser;
  let viewer: Viewer;
  let objectiveId: string;
  let otherObjectiveId: string;
  let actionId: string;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.user({ roles: [Role.ADMIN] });
    facilitator = await t.user({ roles: [Role.FACILITATOR] });
    board = await t.user({ roles: [Role.BOARD] });
    panel = await t.user({ roles: [Role.DHR_PANEL] });
    viewer = (await t.services.identity.authenticate(admin.token))!;
    const strategy = await t.services.strategy.createStrategy(viewer, { title: 'VAWG Strategy' });
    objectiveId = (
      await t.services.strategy.createObjective(viewer, {
        strategyId: strategy.id,
        code: 'P1',
        title: 'Prevention',
      })
    ).id;
    otherObjectiveId = (
      await t.services.strategy.createObjective(viewer, {
        strategyId: strategy.id,
        code: 'P2',
        title: 'Provision',
      })
    ).id;
    const group = await t.services.operationalGroups.createOperationalGroup(viewer, {
      name: 'Training group',
    });
    actionId = (
      await t.services.actions.createAction(viewer, {
        objectiveId,
        groupId: group.id,
        ref: 'TR-1',
        title: 'Multi-agency training programme',
      })
    ).id;
  });
  afterAll(() => t.close());

  const record = (input: Record<string, unknown>, token = facilitator.token) =>
    t.request<{ recordFeedback: { id: string } & Record<string, unknown> }>(
      RECORD,
      {
        input: {
          forum: 'Survivors’ forum',
          receivedOn: '2024-06-15',
          summary: 'More training for police.',
          ...input,
        },
      },
      { token },
    );

  it('records feedback against objectives with tags (FACILITATOR and ADMIN only)', async () => {
    const res = await record({ objectiveIds: [objectiveId, objectiveId], tags: ['theme:training'] });
    expect(res.errors).toBeUndefined();
    expect(res.data!.recordFeedback).toMatchObject({
      forum: 'Survivors’ forum',
      receivedOn: '2024-06-15',
      responded: false,
      objectives: [{ id: objectiveId, code: 'P1' }],
      tags: [{ kind: 'theme', slug: 'training' }],
      responses: [],
    });
    expect((await record({}, admin.token)).errors).toBeUndefined();
    for (const u of [board, panel]) {
      expect((await record({}, u.token)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
    expect((await record({}, '')).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('refuses unknown objectives, a future date and bad tags, naming the field', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ objectiveIds: ['00000000-0000-4000-8000-000000000000'] }, 'objectiveIds'],
      [{ objectiveIds: [objectiveId, 'not-a-uuid'] }, 'objectiveIds'],
      [{ receivedOn: tomorrow() }, 'receivedOn'],
      [{ tags: ['no colon'] }, 'tags'],
      [{ summary: '   ' }, 'summary'],
      [{ forum: '' }, 'forum'],
      // PostgreSQL cannot store a NUL: it was a 500 (found by test/fuzz.test.ts).
      [{ forum: 'Forum\u0000' }, 'forum'],
      [{ summary: 'Said\u0007 this' }, 'summary'],
    ];
    for (const [input, field] of cases) {
      const res = await record(input);
      expect(res.errors?.[0].extensions, JSON.stringify(input)).toMatchObject({
        code: 'BAD_USER_INPUT',
        field,
      });
    }
    const rows = await t.dataSource.query(`SELECT count(*)::int AS n FROM feedback WHERE summary = '   '`);
    expect(rows[0].n).toBe(0);
  });

  it('refuses personal identifiers naming the field and the kind, without echoing them', async () => {
    const cases: Array<[Record<string, unknown>, string, string, string]> = [
      [{ summary: 'Contact me at sam.survivor@example.org please' }, 'summary', 'EMAIL', 'sam.survivor'],
      [{ summary: 'Ring 07700 900 123 after six' }, 'summary', 'PHONE', '900 123'],
      [{ summary: 'I live at W2 5EH now' }, 'summary', 'POSTCODE', 'W2 5EH'],
      [{ summary: 'My NI number is QQ 12 34 56 C' }, 'summary', 'NI_NUMBER', 'QQ 12'],
      [{ forum: 'Forum at sw1a1aa' }, 'forum', 'POSTCODE', 'sw1a1aa'],
    ];
    for (const [input, field, identifier, secret] of cases) {
      const res = await record(input);
      expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field, identifier });
      expect(JSON.stringify(res)).not.toContain(secret);
    }
    const stored = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM feedback WHERE summary LIKE '%example.org%'`,
    );
    expect(stored[0].n).toBe(0);
    // Text that merely looks close is fine.
    const fine = await record({
      summary:
        'Since 2019 the refuge cost £1,200.50 a week; see DHR-2019-03. Calls rose 12% after 12/03/2024.',
    });
    expect(fine.errors).toBeUndefined();
  });

  it('records "you said, we did" responses with the actions taken, screened the same way', async () => {
    const fb = (await record({ objectiveIds: [objectiveId] })).data!.recordFeedback;
    const res = await t.ok<{
      respondToFeedback: { responded: boolean; responses: Array<Record<string, unknown>> };
    }>(
      RESPOND,
      {
        input: {
          feedbackId: fb.id,
          response: 'We set up a training task group.',
          actionIds: [actionId],
          respondedOn: '2024-09-30',
        },
      },
      { token: facilitator.token },
    );
    expect(res.respondToFeedback).toMatchObject({
      responded: true,
      responses: [
        {
          text: 'We set up a training task group.',
          respondedOn: '2024-09-30',
          actions: [{ id: actionId, ref: 'TR-1' }],
        },
      ],
    });
    const bad: Array<[Record<string, unknown>, string, Record<string, unknown>?]> = [
      [{ response: 'Call our officer on +44 20 7946 0000' }, 'response', { identifier: 'PHONE' }],
      [{ response: 'Done', actionIds: ['00000000-0000-4000-8000-000000000000'] }, 'actionIds'],
      [{ response: 'Done', respondedOn: '2024-01-01' }, 'respondedOn'],
      [{ response: 'Done', respondedOn: tomorrow() }, 'respondedOn'],
    ];
    for (const [input, field, extra] of bad) {
      const r = await t.request(
        RESPOND,
        { input: { feedbackId: fb.id, ...input } },
        { token: facilitator.token },
      );
      expect(r.errors?.[0].extensions, JSON.stringify(input)).toMatchObject({
        code: 'BAD_USER_INPUT',
        field,
        ...extra,
      });
    }
    const forbidden = await t.request(
      RESPOND,
      { input: { feedbackId: fb.id, response: 'x' } },
      { token: board.token },
    );
    expect(forbidden.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const missing = await t.request(
      RESPOND,
      { input: { feedbackId: '00000000-0000-4000-8000-000000000000', response: 'x' } },
      { token: facilitator.token },
    );
    expect(missing.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const audits = await t.dataSource.query(
      `SELECT operation FROM audit_entry WHERE operation IN ('recordFeedback', 'respondToFeedback') AND actor_id = $1`,
      [facilitator.id],
    );
    expect(audits.map((a: { operation: string }) => a.operation)).toContain('respondToFeedback');
  });

  it('lets everyone signed in read feedback, filtered by objective, forum, responded and tag, page by page', async () => {
    const a = (
      await record({
        forum: 'Young people’s forum',
        receivedOn: '2023-01-10',
        objectiveIds: [otherObjectiveId],
        tags: ['theme:schools'],
      })
    ).data!.recordFeedback;
    const b = (
      await record({
        forum: 'Young people’s forum',
        receivedOn: '2023-02-10',
        objectiveIds: [otherObjectiveId],
      })
    ).data!.recordFeedback;
    await t.ok(
      RESPOND,
      { input: { feedbackId: b.id, response: 'We did it.', respondedOn: '2023-03-01' } },
      { token: admin.token },
    );
    const ids = async (filter: Record<string, unknown>, token = board.token) =>
      (
        await t.ok<{ feedback: { edges: Array<{ node: { id: string } }> } }>(LIST, { filter }, { token })
      ).feedback.edges.map((e) => e.node.id);
    expect(await ids({ objectiveId: otherObjectiveId })).toEqual([b.id, a.id]);
    expect(await ids({ forum: 'young people’s FORUM' })).toEqual([b.id, a.id]);
    expect(await ids({ objectiveId: otherObjectiveId, responded: true })).toEqual([b.id]);
    expect(await ids({ objectiveId: otherObjectiveId, responded: false })).toEqual([a.id]);
    expect(await ids({ tag: 'theme:schools' })).toEqual([a.id]);
    expect(await ids({ objectiveId: otherObjectiveId }, facilitator.token)).toEqual([b.id, a.id]);

    const objective = await t.ok<{
      strategies: Array<{ objectives: Array<{ id: string; feedback: Array<{ id: string }> }> }>;
    }>(`{ strategies { objectives { id feedback { id } } } }`, {}, { token: board.token });
    const p2 = objective.strategies[0].objectives.find((o) => o.id === otherObjectiveId);
    expect(p2?.feedback.map((f) => f.id)).toEqual([b.id, a.id]);

    const all = await t.ok<{ feedback: { totalCount: number } }>(LIST, {}, { token: board.token });
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: {
        feedback: {
          totalCount: number;
          pageInfo: { hasNextPage: boolean; endCursor: string | null };
          edges: Array<{ node: { id: string } }>;
        };
      } = await t.ok(LIST, { first: 3, after }, { token: board.token });
      expect(page.feedback.totalCount).toBe(all.feedback.totalCount);
      seen.push(...page.feedback.edges.map((e) => e.node.id));
      if (!page.feedback.pageInfo.hasNextPage) break;
      after = page.feedback.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(all.feedback.totalCount);
    expect(new Set(seen).size).toBe(seen.length);
    const anon = await t.request(LIST, {});
    expect(anon.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('batches the list page: statements do not grow with the number of feedback items', async () => {
    const q = `{ feedback(first: 50) { edges { node { id objectives { code } tags { slug } responded
      responses { text actions { ref } } } } } }`;
    t.statements.reset();
    await t.ok(q, {}, { token: board.token });
    const before = t.statements.count;
    for (let i = 0; i < 5; i++) {
      const fb = (await record({ objectiveIds: [objectiveId], tags: ['theme:batch'] })).data!.recordFeedback;
      await t.ok(
        RESPOND,
        { input: { feedbackId: fb.id, response: 'Done.', actionIds: [actionId] } },
        { token: admin.token },
      );
    }
    t.statements.reset();
    await t.ok(q, {}, { token: board.token });
    expect(t.statements.count).toBe(before);
  });

  it('serves the web app through the SDK operations', async () => {
    const recorded = await t.ok(
      RecordFeedbackDocument,
      {
        input: {
          forum: 'SDK forum',
          receivedOn: '2024-05-01',
          summary: 'Police should believe us.',
          objectiveIds: [objectiveId],
        },
      },
      { token: facilitator.token },
    );
    const responded = await t.ok(
      RespondToFeedbackDocument,
      {
        input: {
          feedbackId: recorded.recordFeedback.id,
          response: 'We trained 200 officers.',
          actionIds: [actionId],
        },
      },
      { token: facilitator.token },
    );
    expect(responded.respondToFeedback.responses[0].actions[0].ref).toBe('TR-1');
    const list = await t.ok(FeedbackListDocument, { filter: { forum: 'SDK forum' } }, { token: board.token });
    expect(list.feedback.edges.map((e) => e.node.summary)).toEqual(['Police should believe us.']);
    expect(list.feedback.edges[0].node.objectives[0].code).toBe('P1');
  });
});
