import { daysFromToday } from '../../../test/support/dates';
import { getNamedType, isLeafType, isNonNullType, type GraphQLObjectType } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp, type TestUser } from '../../../test/support/test-app';
import type { Viewer } from '../../shared/viewer';
import { encodeCursor } from '../../shared/paging';
import { getSchema } from '../../graphql/schema';
import { Role } from '../identity/user.entity';
import { ObjectiveEntity } from '../strategy/objective.entity';
import { OutputEntity } from '../strategy/output.entity';
import { StrategyEntity } from '../strategy/strategy.entity';
import { ActionStatus, Rag } from './action.enums';

const LIST = `query L($filter: ActionFilter, $first: Int, $after: String) {
  actions(filter: $filter, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id ref } } } }`;

const PAGE = `query P($first: Int) { actions(first: $first) { edges { node {
  id ref title status rag overdue stale
  group { id name members { role user { id name } } }
  objective { id code title }
  output { id title }
  latestUpdate { id reportedOn status rag author { id name } }
  updates { id reportedOn }
  tags { kind slug label }
} } } }`;

interface Page {
  actions: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: Array<{ cursor: string; node: { id: string; ref: string } }>;
  };
}

const N = 60;

describe('actions connection', () => {
  let t: TestApp;
  let admin: TestUser;
  let member: TestUser;
  let viewer: Viewer;
  let groupA: string;
  let groupB: string;
  let strategy: StrategyEntity;
  let o1: ObjectiveEntity;
  let o2: ObjectiveEntity;
  let p1: OutputEntity;

  const list = async (vars: Record<string, unknown>, token = admin.token) =>
    (await t.ok<Page>(LIST, vars, { token })).actions;
  const refs = async (filter: Record<string, unknown>) =>
    (await list({ filter, first: 100 })).edges.map((e) => e.node.ref);
  const errorOf = async (vars: Record<string, unknown>) =>
    (await t.request(LIST, vars, { token: admin.token })).errors?.[0]?.extensions;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.user({ roles: [Role.ADMIN] });
    member = await t.user();
    viewer = {
      id: admin.id,
      partnershipId: t.partnershipId,
      email: admin.email,
      name: 'A',
      roles: [Role.ADMIN],
      memberships: new Map(),
      sessionId: '',
    };
    groupA = (
      await t.services.operationalGroups.createOperationalGroup(viewer, {
        name: 'Housing',
        chairId: admin.id,
        memberIds: [member.id],
      })
    ).id;
    groupB = (await t.services.operationalGroups.createOperationalGroup(viewer, { name: 'Health' })).id;
    strategy = await t.dataSource
      .getRepository(StrategyEntity)
      .save({ partnershipId: t.partnershipId, title: 'S', updateCadenceDays: 90 });
    o1 = await t.dataSource
      .getRepository(ObjectiveEntity)
      .save({ strategyId: strategy.id, code: 'O1', title: 'Prevention' });
    o2 = await t.dataSource
      .getRepository(ObjectiveEntity)
      .save({ strategyId: strategy.id, code: 'O2', title: 'Support' });
    p1 = await t.dataSource.getRepository(OutputEntity).save({ objectiveId: o1.id, title: 'Training' });
    for (let i = 0; i < N; i++) {
      const a = await t.services.actions.createAction(viewer, {
        ref: `L${String(i).padStart(3, '0')}`,
        title:
          i === 7
            ? 'Reach 100% of GP surgeries'
            : i === 8
              ? 'Reach 1000 of GP_surgeries'
              : `Action number ${i}`,
        groupId: i % 2 === 0 ? groupA : groupB,
        objectiveId: i % 3 === 0 ? o2.id : o1.id,
        outputId: i % 3 === 1 ? p1.id : null,
        agreedOn: i % 10 === 9 ? daysFromToday(-200) : daysFromToday(-5),
        dueOn: i % 4 === 0 ? daysFromToday(-1) : null,
        tags: [`theme:t${i % 4}`, 'ecological-level:community'],
      });
      if (i % 5 === 0) {
        await t.services.actions.addActionUpdate(viewer, {
          actionId: a.id,
          status: ActionStatus.IN_PROGRESS,
          rag: Rag.RED,
          progress: 'p',
        });
      } else if (i % 5 === 1) {
        await t.services.actions.addActionUpdate(viewer, {
          actionId: a.id,
          status: ActionStatus.COMPLETE,
          rag: Rag.GREEN,
          progress: 'Done',
        });
      }
    }
  });
  afterAll(() => t.close());

  it('pages through every action in (ref, id) order with opaque cursors; first defaults to 20', async () => {
    const firstPage = await list({});
    expect(firstPage.edges).toHaveLength(20);
    expect(firstPage.totalCount).toBe(N);
    expect(firstPage.pageInfo.hasNextPage).toBe(true);
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: Page['actions'] = await list({ first: 25, after });
      seen.push(...page.edges.map((e) => e.node.ref));
      expect(page.pageInfo.endCursor).toBe(page.edges.at(-1)?.cursor ?? null);
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual(Array.from({ length: N }, (_, i) => `L${String(i).padStart(3, '0')}`));
    expect(firstPage.edges[0].cursor).not.toContain('L000');
  });

  it('caps first at 100 and refuses bad cursors, naming the argument', async () => {
    expect(await errorOf({ first: 101 })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    expect(await errorOf({ first: -1 })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    expect((await list({ first: 100 })).edges).toHaveLength(N);
    for (const after of [
      'garbage!',
      'bm90LWpzb24',
      encodeCursor(['L001']),
      encodeCursor(['L001', 'not-a-uuid']),
      encodeCursor([1, 2]),
    ]) {
      expect(await errorOf({ after })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    }
  });

  it('filters by group, objective, output, strategy, status, RAG, overdue, stale, tag, text (title or ref) and mine', async () => {
    const all = Array.from({ length: N }, (_, i) => i);
    const expectRefs = async (filter: Record<string, unknown>, pick: (i: number) => boolean) => {
      expect({ filter, refs: await refs(filter) }).toEqual({
        filter,
        refs: all.filter(pick).map((i) => `L${String(i).padStart(3, '0')}`),
      });
    };
    await expectRefs({ groupId: groupA }, (i) => i % 2 === 0);
    await expectRefs({ objectiveId: o2.id }, (i) => i % 3 === 0);
    await expectRefs({ outputId: p1.id }, (i) => i % 3 === 1);
    await expectRefs({ strategyId: strategy.id }, () => true);
    await expectRefs({ status: ['COMPLETE'] }, (i) => i % 5 === 1);
    await expectRefs({ status: ['NOT_STARTED'] }, (i) => i % 5 > 1);
    await expectRefs({ rag: ['RED'] }, (i) => i % 5 === 0);
    await expectRefs({ overdue: true }, (i) => i % 4 === 0 && i % 5 !== 1);
    await expectRefs({ overdue: false }, (i) => !(i % 4 === 0 && i % 5 !== 1));
    await expectRefs({ stale: true }, (i) => i % 10 === 9);
    await expectRefs({ tag: 'theme:t2' }, (i) => i % 4 === 2);
    await expectRefs({ tag: 'theme:t2', groupId: groupA, overdue: false }, (i) => i % 4 === 2);
    await expectRefs({ text: 'gp surgeries' }, (i) => i === 7);
    await expectRefs({ text: '100%' }, (i) => i === 7);
    await expectRefs({ text: 'GP_s' }, (i) => i === 8);
    await expectRefs({ text: 'l01' }, (i) => i >= 10 && i < 20);
    await expectRefs({ tag: 'theme:unused' }, () => false);
    const mine = (await list({ filter: { mine: true }, first: 100 }, member.token)).edges.map(
      (e) => e.node.ref,
    );
    expect(mine).toEqual(all.filter((i) => i % 2 === 0).map((i) => `L${String(i).padStart(3, '0')}`));
    const page = await list({ filter: { groupId: groupA }, first: 5 });
    expect(page).toMatchObject({ totalCount: 30, pageInfo: { hasNextPage: true } });
    expect(await errorOf({ filter: { groupId: 'x' } })).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'groupId',
    });
    expect(await errorOf({ filter: { tag: 'nocolon' } })).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'tag',
    });
    expect(await errorOf({ filter: { text: 'x'.repeat(201) } })).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'text',
    });
  });

  it('any signed-in user reads; anonymous does not', async () => {
    const board = await t.user({ roles: [Role.BOARD] });
    expect((await list({ first: 1 }, board.token)).totalCount).toBe(N);
    expect((await t.request(LIST, {})).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('no N+1: a page of 50 costs the same number of SQL statements as a page of 10', async () => {
    const count = async (first: number) => {
      await t.ok(PAGE, { first }, { token: admin.token }); // warm-up: session bump, lazy seeding
      t.statements.reset();
      const data = await t.ok<{ actions: { edges: unknown[] } }>(PAGE, { first }, { token: admin.token });
      expect(data.actions.edges).toHaveLength(first);
      return t.statements.count;
    };
    const ten = await count(10);
    const fifty = await count(50);
    expect(fifty).toBe(ten);
    // authenticate + count + page + group, members, objective, output, latest update, author, updates, tags, strategy
    expect(ten).toBeLessThanOrEqual(13);
  });

  it('a page fetches its group, objective, latest update and tags in its own statement, same as the loaders', async () => {
    const LIST_PAGE = `query G($groupId: ID!) { actions(filter: { groupId: $groupId }, first: 50) {
      pageInfo { hasNextPage } edges { node { id ...Rel } } } }
      fragment Rel on Action { group { id name } objective { id code title }
        latestUpdate { id reportedOn rag status progress recordedAt } tags { kind slug label } }`;
    await t.ok(LIST_PAGE, { groupId: groupA }, { token: admin.token }); // warm-up: the session is then in memory
    t.statements.reset();
    const page = await t.ok<{ actions: { edges: Array<{ node: { id: string } }> } }>(
      LIST_PAGE,
      { groupId: groupA },
      { token: admin.token },
    );
    // the page alone (no COUNT: totalCount is not selected; relations primed into the loaders)
    expect(t.statements.count).toBe(1);
    expect(page.actions.edges).toHaveLength(30);
    // The same relations, each resolved through its DataLoader by Query.action.
    for (const { node } of page.actions.edges.slice(0, 8)) {
      const one = await t.ok<{ action: unknown }>(
        `query A($id: ID!) { action(id: $id) { id ...Rel } }
         fragment Rel on Action { group { id name } objective { id code title }
           latestUpdate { id reportedOn rag status progress recordedAt } tags { kind slug label } }`,
        { id: node.id },
        { token: admin.token },
      );
      expect(node).toEqual(one.action);
    }
    // totalCount still counts when asked for, also through a fragment.
    const counted = await t.ok<{ actions: { totalCount: number } }>(
      `query C($groupId: ID!) { actions(filter: { groupId: $groupId }, first: 1) { ...N } }
       fragment N on ActionConnection { totalCount }`,
      { groupId: groupA },
      { token: admin.token },
    );
    expect(counted.actions.totalCount).toBe(30);
  });

  it('each Action field reads the same on a page (which reads only the columns it needs) as on its own', async () => {
    const schema = await getSchema();
    const action = schema.getType('Action') as GraphQLObjectType;
    const fields = Object.values(action.getFields()).filter(
      (f) => !f.args.some((a) => isNonNullType(a.type)),
    );
    expect(fields.map((f) => f.name)).toEqual(expect.arrayContaining(['stale', 'overdue', 'createdAt']));
    const selection = (f: (typeof fields)[number]) => {
      const type = getNamedType(f.type);
      if (isLeafType(type)) return f.name;
      const inner = (type as GraphQLObjectType).getFields();
      return `${f.name} { ${'id' in inner ? 'id' : '__typename'} }`;
    };
    for (const f of fields) {
      const sel = selection(f);
      const page = await t.ok<{ actions: { edges: Array<{ node: { id: string } }> } }>(
        `{ actions(first: 100) { edges { node { id ${sel} } } } }`,
        {},
        { token: admin.token },
      );
      expect(page.actions.edges).toHaveLength(N);
      for (const { node } of page.actions.edges.filter((_, i) => i % 7 === 0)) {
        const one = await t.ok<{ action: unknown }>(
          `query A($id: ID!) { action(id: $id) { id ${sel} } }`,
          { id: node.id },
          { token: admin.token },
        );
        expect({ field: f.name, value: node }).toEqual({ field: f.name, value: one.action });
      }
    }
  });

  it("each leaf field of a page's group, objective, latest update and tags reads the same as on its own", async () => {
    // The page reads only the columns of the relation fields selected (when all are plain columns).
    const schema = await getSchema();
    const action = schema.getType('Action') as GraphQLObjectType;
    for (const rel of ['group', 'objective', 'latestUpdate', 'tags']) {
      const type = getNamedType(action.getFields()[rel].type) as GraphQLObjectType;
      const leaves = Object.values(type.getFields()).filter(
        (f) => isLeafType(getNamedType(f.type)) && !f.args.length,
      );
      expect(leaves.length).toBeGreaterThan(3);
      for (const f of leaves) {
        const sel = `${rel} { ${f.name} }`;
        const page = await t.ok<{ actions: { edges: Array<{ node: { id: string } }> } }>(
          `{ actions(first: 100) { edges { node { id ${sel} } } } }`,
          {},
          { token: admin.token },
        );
        for (const { node } of page.actions.edges.filter((_, i) => i % 11 === 0)) {
          const one = await t.ok<{ action: unknown }>(
            `query A($id: ID!) { action(id: $id) { id ${sel} } }`,
            { id: node.id },
            { token: admin.token },
          );
          expect({ field: `${rel}.${f.name}`, value: node }).toEqual({
            field: `${rel}.${f.name}`,
            value: one.action,
          });
        }
      }
    }
  });

  it("a page's partial relation rows never answer another field of the same request", async () => {
    const FULL = `group { id name description } objective { id code title description position }
      latestUpdate { id reportedOn status progress impact recordedAt author { id } }
      tags { id kind slug label ref }`;
    // updates { action } resolves after the page (its DataLoaders were primed): through other objects.
    const { actions } = await t.ok<{
      actions: { edges: Array<{ node: { id: string; updates: Array<{ action: { id: string } }> } }> };
    }>(
      `query G($groupId: ID!) { actions(filter: { groupId: $groupId }, first: 5) { edges { node {
         id group { id } objective { id } latestUpdate { id } tags { id }
         updates { action { id ${FULL} } } } } } }`,
      { groupId: groupA },
      { token: admin.token },
    );
    const checked = actions.edges.flatMap((e) => e.node.updates.map((u) => u.action));
    expect(checked.length).toBeGreaterThan(0);
    for (const via of checked) {
      const alone = await t.ok<{ action: unknown }>(
        `query A($id: ID!) { action(id: $id) { id ${FULL} } }`,
        { id: via.id },
        { token: admin.token },
      );
      expect(via).toEqual(alone.action);
    }
  });

  it('Objective.actions and Output.actions list actions in ref order', async () => {
    const res = await t.ok<{
      strategy: {
        objectives: Array<{
          code: string;
          actions: Array<{ ref: string }>;
          outputs: Array<{ actions: Array<{ ref: string }> }>;
        }>;
      };
    }>(
      `query S($id: ID!) { strategy(id: $id) { objectives { code actions { ref } outputs { actions { ref } } } } }`,
      { id: strategy.id },
      { token: admin.token },
    );
    const byCode = Object.fromEntries(res.strategy.objectives.map((o) => [o.code, o]));
    expect(byCode.O2.actions).toHaveLength(20);
    expect(byCode.O1.actions).toHaveLength(40);
    expect(byCode.O1.outputs[0].actions.map((a) => a.ref)).toEqual(
      Array.from({ length: N }, (_, i) => i)
        .filter((i) => i % 3 === 1)
        .map((i) => `L${String(i).padStart(3, '0')}`),
    );
  });
});
