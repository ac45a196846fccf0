import DataLoader from 'dataloader';
import { In } from 'typeorm';
import type { GraphQLContext } from '../../graphql/context';
import { groupByKey, idLoader, perRequest } from '../../shared/per-request';
import { MembershipRole } from '../identity/membership.entity';
import type { UserType } from '../identity/user.type';
import { objectiveById } from '../strategy';
import type { ObjectiveEntity } from '../strategy/objective.entity';
import { TagEntity } from '../tags/tag.entity';
import { ActionDueDateEntity } from './action-due-date.entity';
import { ActionUpdateEntity } from './action-update.entity';
import type { ActionPageRelations } from './action.service';
import { ActionEntity } from './action.entity';
import { tagRowsOfActions } from './action.queries';
import { OperationalGroupEntity } from './operational-group.entity';
import { actionCountsOfGroups, membersOfGroups } from './operational-group.queries';

// The theory of change's loaders are the strategy module's (one per request, one key each).
export { objectiveById, outputById, strategyById } from '../strategy';
// Users by id (ActionUpdate.author and the like) are the identity module's loader.
export { userById } from '../identity';

/**
 * Per-request DataLoaders for the actions module's relation fields (shared/per-request.ts): each turns
 * the N lookups of a page into one statement, so a page of 50 actions costs the same number of
 * statements as a page of 10. Rows reached through them belong to records the request could already see
 * (the roots are partnership-scoped by the services), so the loaders need no tenant filter of their own.
 */
type Ctx = Pick<GraphQLContext, 'loaders' | 'dataSource'>;

export const groupById = perRequest((ctx) => idLoader(ctx, OperationalGroupEntity));

export const actionById = perRequest((ctx) => idLoader(ctx, ActionEntity));

export const updateById = perRequest((ctx) => idLoader(ctx, ActionUpdateEntity));

/** An action's whole history, newest first: reportedOn descending, then the one recorded last first. */
export const updatesByActionId = perRequest(
  (ctx) =>
    new DataLoader<string, ActionUpdateEntity[]>(async (ids) =>
      groupByKey(
        await ctx.dataSource.getRepository(ActionUpdateEntity).find({
          where: { actionId: In([...ids]) },
          order: { reportedOn: 'DESC', seq: 'DESC' },
        }),
        ids,
        (u) => u.actionId,
      ),
    ),
);

/** Tags of each action, by kind then slug. */
export const tagsByActionId = perRequest(
  (ctx) =>
    new DataLoader<string, TagEntity[]>(async (ids) => {
      const rows = await tagRowsOfActions(ctx.dataSource, ids);
      return groupByKey(rows, ids, (r) => r.action_id).map((list) =>
        list.map((r) =>
          Object.assign(new TagEntity(), {
            id: r.id,
            partnershipId: r.partnership_id,
            kind: r.kind,
            slug: r.slug,
            label: r.label,
          }),
        ),
      );
    }),
);

export interface GroupMemberRow {
  role: MembershipRole;
  user: UserType;
}

const ROLE_ORDER: Record<MembershipRole, number> = { CHAIR: 0, COORDINATOR: 1, MEMBER: 2 };

/** Members of each group with their user, chair first, then coordinator, then members by name. */
export const membersByGroupId = perRequest(
  (ctx) =>
    new DataLoader<string, GroupMemberRow[]>(async (ids) => {
      const rows = await membersOfGroups(ctx.dataSource, ids);
      return groupByKey(rows, ids, (r) => r.group_id).map((list) =>
        list
          .map(({ group_id: _g, role, ...user }) => ({ role, user }))
          .sort((a, b) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role]),
      );
    }),
);

/** Number of actions each group owns. */
export const actionCountByGroupId = perRequest(
  (ctx) =>
    new DataLoader<string, number>(async (ids) => {
      const rows = await actionCountsOfGroups(ctx.dataSource, ids);
      const map = new Map(rows.map((r) => [r.group_id, r.n]));
      return ids.map((id) => map.get(id) ?? 0);
    }),
);

/** The actions of each objective (or output), in ref order: for Objective.actions and Output.actions. */
function actionsBy(ctx: Ctx, column: 'objectiveId' | 'outputId') {
  return new DataLoader<string, ActionEntity[]>(async (ids) =>
    groupByKey(
      await ctx.dataSource.getRepository(ActionEntity).find({
        where: { [column]: In([...ids]) },
        order: { ref: 'ASC', id: 'ASC' },
      }),
      ids,
      (a) => a[column] as string,
    ),
  );
}

export const actionsByObjectiveId = perRequest((ctx) => actionsBy(ctx, 'objectiveId'));
export const actionsByOutputId = perRequest((ctx) => actionsBy(ctx, 'outputId'));

/** The relations a page fetched in its own statement, by the page's action objects (see primeActionPage). */
type PageRows = WeakMap<ActionEntity, ActionPageRelations['nodes'][number]>;

const pageRows = perRequest((): PageRows => new WeakMap());

/**
 * Hands the relations a page fetched in its own statement (ActionService.listActions `related`) to the
 * request: the page's group, objective, latestUpdate and tags fields then send no SQL and, for a page
 * of 50, resolve without 200 promises (the *Of functions below read them synchronously). They are kept
 * by node, not by id: a partial row (only the columns this page selected) must never answer another
 * path to the same record. Complete rows also prime the DataLoaders, for those other paths.
 */
export function primeActionPage(ctx: Ctx, related: ActionPageRelations): void {
  const rows = pageRows(ctx);
  const groups = related.partial.group ? null : groupById(ctx);
  const objectives = related.partial.objective ? null : objectiveById(ctx);
  const updates = related.partial.latestUpdate ? null : updateById(ctx);
  let tags: DataLoader<string, TagEntity[]> | null = null;
  const primeTags = !related.partial.tags;
  for (const node of related.nodes) {
    rows.set(node.action, node);
    if (node.group) groups?.prime(node.group.id, node.group);
    if (node.objective) objectives?.prime(node.objective.id, node.objective);
    if (node.latestUpdate) updates?.prime(node.latestUpdate.id, node.latestUpdate);
    if (node.tags && primeTags) (tags ??= tagsByActionId(ctx)).prime(node.action.id, node.tags);
  }
}

/** The group of an action: from the page's rows when there, else through the DataLoader. */
export function groupOf(
  ctx: Ctx,
  a: ActionEntity,
): OperationalGroupEntity | null | Promise<OperationalGroupEntity | null> {
  return pageRows(ctx).get(a)?.group ?? groupById(ctx).load(a.groupId);
}

export function objectiveOf(
  ctx: Ctx,
  a: ActionEntity,
): ObjectiveEntity | null | Promise<ObjectiveEntity | null> {
  return pageRows(ctx).get(a)?.objective ?? objectiveById(ctx).load(a.objectiveId);
}

/** Only for an action with a latest update (latestUpdateId set). */
export function updateOf(
  ctx: Ctx,
  a: ActionEntity,
): ActionUpdateEntity | null | Promise<ActionUpdateEntity | null> {
  return pageRows(ctx).get(a)?.latestUpdate ?? updateById(ctx).load(a.latestUpdateId!);
}

export function tagsOf(ctx: Ctx, a: ActionEntity): TagEntity[] | Promise<TagEntity[]> {
  return pageRows(ctx).get(a)?.tags ?? tagsByActionId(ctx).load(a.id);
}

/** Each action's due-date history, oldest first (changes on one day in the order made). */
export const dueOnHistoryByActionId = perRequest(
  (ctx) =>
    new DataLoader<string, ActionDueDateEntity[]>(async (ids) => {
      const rows = await ctx.dataSource.getRepository(ActionDueDateEntity).find({
        where: { actionId: In([...ids]) },
        order: { changedOn: 'ASC', seq: 'ASC' },
      });
      return groupByKey(rows, ids, (r) => r.actionId);
    }),
);
