import type { TestApp, TestUser } from '../../../../test/support/test-app';
import { ObjectiveEntity } from '../../strategy/objective.entity';
import { StrategyEntity } from '../../strategy/strategy.entity';

/**
 * The "what changed" tests' scripted history, written through the public API as an admin: a strategy
 * started 400 days ago with objective O1 and group "Housing", then actions, progress updates and
 * due-date revisions as each test scripts them. Action ids are kept by ref in `ids`.
 */
export interface ChangesHistory {
  strategyId: string;
  objectiveId: string;
  groupId: string;
  ids: Record<string, string>;
  createAction(
    ref: string,
    agreedOn: string,
    opts?: { dueOn?: string | null; startsOn?: string; title?: string; description?: string; lead?: string },
  ): Promise<string>;
  update(ref: string, reportedOn: string, status: string, rag: string | null): Promise<unknown>;
  /** A due-date revision, dated the day it is made (today). */
  reviseDueOn(ref: string, dueOn: string, reason: string): Promise<unknown>;
}

export async function changesHistory(t: TestApp, admin: TestUser, startsOn: string): Promise<ChangesHistory> {
  const gql = <T>(q: string, variables: Record<string, unknown>) =>
    t.ok<T>(q, variables, { token: admin.token });
  const strategy = await t.dataSource
    .getRepository(StrategyEntity)
    .save({ partnershipId: t.partnershipId, title: 'VAWG Strategy', startsOn });
  const objective = await t.dataSource
    .getRepository(ObjectiveEntity)
    .save({ strategyId: strategy.id, code: 'O1', title: 'Prevention' });
  const { createOperationalGroup: group } = await gql<{ createOperationalGroup: { id: string } }>(
    `mutation G($input: OperationalGroupInput!) { createOperationalGroup(input: $input) { id } }`,
    { input: { name: 'Housing' } },
  );
  const ids: Record<string, string> = {};
  return {
    strategyId: strategy.id,
    objectiveId: objective.id,
    groupId: group.id,
    ids,
    async createAction(ref, agreedOn, opts = {}) {
      const { createAction } = await gql<{ createAction: { id: string } }>(
        `mutation C($input: ActionInput!) { createAction(input: $input) { id } }`,
        {
          input: {
            objectiveId: objective.id,
            groupId: group.id,
            ref,
            title: opts.title ?? `Action ${ref}`,
            ...(opts.description !== undefined ? { description: opts.description } : {}),
            ...(opts.lead !== undefined ? { lead: opts.lead } : {}),
            agreedOn,
            ...(opts.startsOn !== undefined ? { startsOn: opts.startsOn } : {}),
            dueOn: opts.dueOn ?? null,
          },
        },
      );
      ids[ref] = createAction.id;
      return createAction.id;
    },
    update: (ref, reportedOn, status, rag) =>
      gql(`mutation U($input: ActionUpdateInput!) { addActionUpdate(input: $input) { id } }`, {
        input: { actionId: ids[ref], status, rag, progress: 'Progress', reportedOn },
      }),
    async reviseDueOn(ref, dueOn, reason) {
      const { action } = await gql<{ action: { version: number } }>(
        `query A($id: ID!) { action(id: $id) { version } }`,
        { id: ids[ref] },
      );
      return gql(
        `mutation U($id: ID!, $version: Int!, $input: ActionPatch!) { updateAction(id: $id, version: $version, input: $input) { id } }`,
        { id: ids[ref], version: action.version, input: { dueOn, dueOnChangeReason: reason } },
      );
    },
  };
}
