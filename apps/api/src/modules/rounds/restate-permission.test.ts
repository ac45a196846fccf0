import { daysFromToday } from '../../../test/support/dates';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closedRound, roundPlan } from '../../../test/support/closed-round';
import { viewerOf } from '../../../test/support/viewer';
import { MembershipRole, startTestApp, type TestApp, type TestUser } from '../../../test/support/test-app';
import { Role } from '../identity/user.entity';

/**
 * `me { permissions { restateClosedPeriods } }` is how the web app knows whether to offer the
 * "reason for restating" field after a closed-period refusal: it must say exactly what the API then
 * enforces. Every person here may post updates on the action, so a refusal of their restatement can
 * only come from the closed-period rule.
 */

const PERMISSIONS = `query { me { permissions { restateClosedPeriods } } }`;
const UPDATE = `mutation U($input: ActionUpdateInput!) { addActionUpdate(input: $input) { id } }`;

type Errs = { errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };

describe("the viewer's permission to restate a closed period", () => {
  let t: TestApp;
  let people: Record<string, TestUser>;
  let actionId: string;

  beforeAll(async () => {
    t = await startTestApp({ mutationsPerMinute: 0 });
    const admin = await t.user({ roles: [Role.ADMIN], name: 'Lena Lead' });
    const chair = await t.user({ name: 'Cara Chair' });
    const plan = await roundPlan(t, viewerOf(t, admin, 'Lena Lead'), { chairId: chair.id });
    actionId = plan.actionId;
    const member = await t.user({
      name: 'Mo Member',
      roles: [Role.BOARD],
      memberships: [{ groupId: plan.groupId, role: MembershipRole.MEMBER }],
    });
    const coordinator = await t.user({
      name: 'Cole Coordinator',
      roles: [Role.DHR_PANEL, Role.FACILITATOR],
      memberships: [{ groupId: plan.groupId, role: MembershipRole.COORDINATOR }],
    });
    people = { admin, chair, member, coordinator };
    await closedRound(t, admin, plan.strategyId);
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  });

  it('is true exactly for those whose restatement the API accepts', async () => {
    const told: Record<string, boolean> = {};
    for (const [who, user] of Object.entries(people)) {
      const { me } = await t.ok<{ me: { permissions: { restateClosedPeriods: boolean } } }>(
        PERMISSIONS,
        {},
        { token: user.token },
      );
      told[who] = me.permissions.restateClosedPeriods;
      const res = (await t.request(
        UPDATE,
        {
          input: {
            actionId,
            status: 'IN_PROGRESS',
            rag: 'GREEN',
            progress: 'Back on track',
            reportedOn: daysFromToday(-25),
            restatementReason: `Corrected by ${who}`,
          },
        },
        { token: user.token },
      )) as Errs;
      const code = res.errors?.[0]?.extensions?.code;
      // Allowed: accepted as a restatement. Not allowed: FORBIDDEN, naming the strategic lead.
      if (told[who]) expect(res.errors, who).toBeUndefined();
      else {
        expect(code, who).toBe('FORBIDDEN');
        expect(res.errors?.[0]?.message).toMatch(/restate a closed period/);
      }
    }
    expect(told).toEqual({ admin: true, chair: false, member: false, coordinator: false });
    const reasons = (await t.dataSource.query(`SELECT reason FROM restatement ORDER BY at`)) as Array<{
      reason: string;
    }>;
    expect(reasons.map((r) => r.reason)).toEqual(['Corrected by admin']);
  });
});
