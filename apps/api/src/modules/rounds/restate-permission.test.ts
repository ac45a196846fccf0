import { daysFromToday } from '../../../test/support/dates';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MembershipRole, startTestApp, type TestApp, type TestUser } from '../../../test/support/test-app';
import type { Viewer } from '../../shared/viewer';
import { Role } from '../identity/user.entity';
import { ObjectiveEntity } from '../strategy/objective.entity';
import { StrategyEntity } from '../strategy/strategy.entity';

/**
 * `me { permissions { restateClosedPeriods } }` is how the web app knows whether to offer the
 * "reason for restating" field after a closed-period refusal: it must say exactly what the API then
 * enforces. Every person here may post updates on the action, so a refusal of their restatement can
 * only come from the closed-period rule.
 */

const PERMISSIONS = `query { me { permissions { restateClosedPeriods } } }`;
const OPEN = `mutation O($input: ReportingRoundInput!) { openReportingRound(input: $input) { id } }`;
const CLOSE = `mutation C($id: ID!) { closeReportingRound(id: $id) { id status } }`;
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
    const v: Viewer = {
      id: admin.id,
      partnershipId: t.partnershipId,
      email: admin.email,
      name: 'Lena Lead',
      roles: [Role.ADMIN],
      memberships: new Map(),
      sessionId: '',
    };
    const group = await t.services.operationalGroups.createOperationalGroup(v, {
      name: 'Housing',
      chairId: chair.id,
    });
    const member = await t.user({
      name: 'Mo Member',
      roles: [Role.BOARD],
      memberships: [{ groupId: group.id, role: MembershipRole.MEMBER }],
    });
    const coordinator = await t.user({
      name: 'Cole Coordinator',
      roles: [Role.DHR_PANEL, Role.FACILITATOR],
      memberships: [{ groupId: group.id, role: MembershipRole.COORDINATOR }],
    });
    people = { admin, chair, member, coordinator };
    const strategy = await t.dataSource
      .getRepository(StrategyEntity)
      .save({ partnershipId: t.partnershipId, title: 'VAWG Strategy', startsOn: daysFromToday(-400) });
    const objective = await t.dataSource
      .getRepository(ObjectiveEntity)
      .save({ strategyId: strategy.id, code: 'O1', title: 'Prevention' });
    actionId = (
      await t.services.actions.createAction(v, {
        objectiveId: objective.id,
        groupId: group.id,
        ref: 'A1',
        title: 'Action A1',
        agreedOn: daysFromToday(-300),
      })
    ).id;
    const { openReportingRound } = await t.ok<{ openReportingRound: { id: string } }>(
      OPEN,
      {
        input: {
          strategyId: strategy.id,
          title: 'Quarter 3',
          periodEnd: daysFromToday(-30),
          returnsDueOn: daysFromToday(-20),
        },
      },
      { token: admin.token },
    );
    await t.ok(CLOSE, { id: openReportingRound.id }, { token: admin.token });
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
