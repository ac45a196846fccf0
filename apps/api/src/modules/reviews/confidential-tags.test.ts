import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MembershipRole, startTestApp, type TestApp, type TestUser } from '../../../test/support/test-app';
import { Role } from '../identity/user.entity';

// A confidential review's recommendations carry tags whose words say what the review is about: they
// must not surface through the tag lists or the board's coverage for readers without the right.

const ok = <T>(t: TestApp, doc: string, variables: Record<string, unknown>, token: string) =>
  t.ok<T>(doc, variables, { token });

describe('tags of confidential reviews', () => {
  let t: TestApp;
  let admin: TestUser;
  let panel: TestUser;
  let others: Array<[string, TestUser]>;
  let strategy: string;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.user({ roles: [Role.ADMIN] });
    panel = await t.user({ roles: [Role.DHR_PANEL] });
    const group = (
      await ok<{ createOperationalGroup: { id: string } }>(
        t,
        `mutation($input: OperationalGroupInput!) { createOperationalGroup(input: $input) { id } }`,
        { input: { name: 'Housing' } },
        admin.token,
      )
    ).createOperationalGroup.id;
    others = [
      ['BOARD', await t.user({ roles: [Role.BOARD] })],
      ['FACILITATOR', await t.user({ roles: [Role.FACILITATOR] })],
      ['MEMBER', await t.user({ roles: [] })],
      ['CHAIR', await t.user({ memberships: [{ groupId: group, role: MembershipRole.CHAIR }] })],
    ];
    strategy = (
      await ok<{ createStrategy: { id: string } }>(
        t,
        `mutation($input: StrategyInput!) { createStrategy(input: $input) { id } }`,
        { input: { title: 'VAWG strategy' } },
        admin.token,
      )
    ).createStrategy.id;
    await ok(
      t,
      `mutation($input: ObjectiveInput!) { createObjective(input: $input) { id } }`,
      { input: { strategyId: strategy, code: 'O1', title: 'Access' } },
      admin.token,
    );
    let n = 0;
    for (const [confidential, tag] of [
      [true, 'theme:secret-strangulation'],
      [false, 'theme:open-housing'],
      [true, 'theme:shared-theme'],
      [false, 'theme:shared-theme'],
    ] as const) {
      n++;
      const review = (
        await ok<{ createReview: { id: string } }>(
          t,
          `mutation($input: ReviewInput!) { createReview(input: $input) { id } }`,
          { input: { kind: 'DHR', ref: `DHR-${n}`, title: `Review ${n}`, confidential } },
          panel.token,
        )
      ).createReview.id;
      await ok(
        t,
        `mutation($input: RecommendationInput!) { addRecommendation(input: $input) { id } }`,
        {
          input: {
            reviewId: review,
            ref: `R${n}`,
            text: 'Share risk information',
            agency: 'Police',
            tags: [tag],
          },
        },
        panel.token,
      );
    }
  });
  afterAll(() => t?.close());

  const themes = async (token: string) => {
    const listed = await ok<{ tags: Array<{ slug: string }> }>(
      t,
      `{ tags(kind: "theme") { slug } }`,
      {},
      token,
    );
    const all = await ok<{ tags: Array<{ slug: string }> }>(t, `{ tags { slug } }`, {}, token);
    // tagCoverage both computed with the roll-up and on its own (a kind the query did not announce).
    const rollup = await ok<{ boardRollup: { tagCoverage: Array<{ tag: { slug: string } }> } }>(
      t,
      `query($id: ID!) { boardRollup(strategyId: $id) { tagCoverage(kind: "theme") { tag { slug } } } }`,
      { id: strategy },
      token,
    );
    const separate = await ok<{ boardRollup: { a: Array<{ tag: { slug: string } }> } }>(
      t,
      `query($id: ID!, $k: String!) { boardRollup(strategyId: $id) { a: tagCoverage(kind: $k) { tag { slug } } } }`,
      { id: strategy, k: ' theme' },
      token,
    );
    return {
      listed: listed.tags.map((x) => x.slug).sort(),
      all: all.tags.map((x) => x.slug).filter((s) => s.includes('-')),
      coverage: rollup.boardRollup.tagCoverage.map((c) => c.tag.slug).sort(),
      separate: separate.boardRollup.a.map((c) => c.tag.slug).sort(),
    };
  };

  it('are listed to ADMIN and DHR_PANEL', async () => {
    for (const u of [admin, panel]) {
      const seen = await themes(u.token);
      expect(seen.listed).toEqual(['open-housing', 'secret-strangulation', 'shared-theme']);
      expect(seen.coverage).toEqual(seen.listed);
      expect(seen.separate).toEqual(seen.listed);
    }
  });

  it.each([0, 1, 2, 3])('reach no other role (%#), whichever way they ask', async (i) => {
    const [role, user] = others[i];
    const seen = await themes(user.token);
    expect({ role, ...seen }).toEqual({
      role,
      listed: ['open-housing', 'shared-theme'],
      all: expect.not.arrayContaining(['secret-strangulation']),
      coverage: ['open-housing', 'shared-theme'],
      separate: ['open-housing', 'shared-theme'],
    });
  });
});
