import { startTestApp, type TestApp, type TestUser } from '../../../../test/support/test-app';
import type { Viewer } from '../../../shared/viewer';
import { Role } from '../../identity/user.entity';
import { ObjectiveEntity } from '../../strategy/objective.entity';
import { OutputEntity } from '../../strategy/output.entity';
import { StrategyEntity } from '../../strategy/strategy.entity';

export const ACTION_FIELDS = `id ref title description successMeasure lead agreedOn startsOn dueOn version status rag
  overdue stale lastReportedOn group { id name } objective { id code } output { id title } tags { kind slug }
  latestUpdate { id status rag reportedOn progress }`;
export const CREATE = `mutation C($input: ActionInput!) { createAction(input: $input) { ${ACTION_FIELDS} } }`;
export const UPDATE = `mutation U($id: ID!, $version: Int!, $input: ActionPatch!) {
  updateAction(id: $id, version: $version, input: $input) { ${ACTION_FIELDS} } }`;
export const ADD_UPDATE = `mutation A($input: ActionUpdateInput!) {
  addActionUpdate(input: $input) { id status rag reportedOn progress impact author { id } action { id status rag version } } }`;
export const ONE = `query One($id: ID!) { action(id: $id) { ${ACTION_FIELDS} updates { id reportedOn status rag progress } } }`;

export interface ActionOut {
  id: string;
  ref: string;
  version: number;
  status: string;
  rag: string | null;
  agreedOn: string;
  overdue: boolean;
  stale: boolean;
  lastReportedOn: string | null;
  group: { id: string };
  output: { id: string } | null;
  tags: Array<{ kind: string; slug: string }>;
  latestUpdate: { id: string; status: string; rag: string | null; reportedOn: string } | null;
  updates?: Array<{ id: string; reportedOn: string; status: string; rag: string | null; progress: string }>;
}

export let t: TestApp;
export let admin: TestUser;
export let adminViewer: Viewer;
export let chair: TestUser;
export let coordinator: TestUser;
export let member: TestUser;
export let otherChair: TestUser;
export let board: TestUser;
export let groupA: string;
export let groupB: string;
export let strategy: StrategyEntity;
export let o1: ObjectiveEntity;
export let o2: ObjectiveEntity;
export let p1: OutputEntity;
export let p2: OutputEntity;
export let seq = 0;

export const base = () => ({
  objectiveId: o1.id,
  groupId: groupA,
  ref: `T${++seq}`,
  title: 'Train housing officers in recognising coercive control',
});
export const create = async (input: Record<string, unknown>, token = admin.token) =>
  (await t.ok<{ createAction: ActionOut }>(CREATE, { input: { ...base(), ...input } }, { token }))
    .createAction;
export const errorOf = (res: { errors?: Array<{ extensions?: Record<string, unknown> }> }) =>
  res.errors?.[0]?.extensions;

export async function setUp(): Promise<void> {
  t = await startTestApp();
  admin = await t.user({ roles: [Role.ADMIN] });
  adminViewer = {
    id: admin.id,
    partnershipId: t.partnershipId,
    email: admin.email,
    name: 'Admin',
    roles: [Role.ADMIN],
    memberships: new Map(),
    sessionId: '',
  };
  chair = await t.user();
  coordinator = await t.user();
  member = await t.user();
  otherChair = await t.user();
  board = await t.user({ roles: [Role.BOARD] });
  const groups = t.services.operationalGroups;
  groupA = (
    await groups.createOperationalGroup(adminViewer, {
      name: 'Housing',
      chairId: chair.id,
      coordinatorId: coordinator.id,
      memberIds: [member.id],
    })
  ).id;
  groupB = (await groups.createOperationalGroup(adminViewer, { name: 'Health', chairId: otherChair.id })).id;
  strategy = await t.dataSource
    .getRepository(StrategyEntity)
    .save({ partnershipId: t.partnershipId, title: 'VAWG Strategy 2025-2029', updateCadenceDays: 90 });
  o1 = await t.dataSource
    .getRepository(ObjectiveEntity)
    .save({ strategyId: strategy.id, code: 'O1', title: 'Prevention' });
  o2 = await t.dataSource
    .getRepository(ObjectiveEntity)
    .save({ strategyId: strategy.id, code: 'O2', title: 'Support' });
  p1 = await t.dataSource
    .getRepository(OutputEntity)
    .save({ objectiveId: o1.id, title: 'Training delivered' });
  p2 = await t.dataSource.getRepository(OutputEntity).save({ objectiveId: o2.id, title: 'Refuge places' });
}
export const tearDown = () => t.close();
