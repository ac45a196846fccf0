import DataLoader from 'dataloader';
import { In } from 'typeorm';
import { loader, type GraphQLContext } from '../../graphql/context';
import { MembershipRole } from '../identity/membership.entity';
import { UserEntity } from '../identity/user.entity';
import type { UserType } from '../identity/user.type';
import { objectiveById } from '../strategy';
import type { ObjectiveEntity } from '../strategy/objective.entity';
import { TagEntity } from '../tags/tag.entity';
import { ActionDueDateEntity } from './action-due-date.entity';
import { ActionUpdateEntity } from './action-update.entity';
import type { ActionPageRelations } from './action.service';
import { ActionEntity } from './action.entity';
import { OperationalGroupEntity } from './operational-group.entity';

// The theory of change's loaders are the strategy module's (one per request, one key each).
export { objectiveById, outputById, strategyById } from '../strategy';

/**
 * Per-request DataLoaders for the actions module's relation fields: each turns the N lookups of a
 * page into one statement, so a page of 50 actions costs the same number of statements as a page of 10.
 * Rows reached through them belong to records the request could already see (the roots are
 * partnership-scoped by the services), so the loaders need no tenant filter of their own.
 */
type Ctx = Pick<GraphQLContext, 'loaders' | 'dataSource'>;

function byId<T extends { id: string }>(rows: T[], ids: readonly string[]): Array<T | null> {
  const map = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => map.get(id) ?? null);
}

function grouped<T>(rows: T[], keyOf: (row: T) => string, keys: readonly string[]): T[][] {
  const map = new Map<string, T[]>();
  for (const r of rows) {
    const k = keyOf(r);
    let list = map.get(k);
    if (!list) map.set(k, (list = []));
    list.push(r);
  }
  return keys.map((k) => map.get(k) ?? []);
}

export function groupById(ctx: Ctx) {
  return loader(
    ctx,
    'actions.groupById',
    () =>
      new DataLoader<string, OperationalGroupEntity | null>(async (ids) =>
        byId(await ctx.dataSource.getRepository(OperationalGroupEntity).findBy({ id: In([...ids]) }), ids),
      ),
  );
}

export function actionById(ctx: Ctx) {
  return loader(
    ctx,
    'actions.actionById',
    () =>
      new DataLoader<string, ActionEntity | null>(async (ids) =>
        byId(await ctx.dataSource.getRepository(ActionEntity).findBy({ id: In([...ids]) }), ids),
      ),
  );
}

export function updateById(ctx: Ctx) {
  return loader(
    ctx,
    'actions.updateById',
    () =>
      new DataLoader<string, ActionUpdateEntity | null>(async (ids) =>
        byId(await ctx.dataSource.getRepository(ActionUpdateEntity).findBy({ id: In([...ids]) }), ids),
      ),
  );
}

/** An action's whole history, newest first: reportedOn descending, then the one recorded last first. */
export function updatesByActionId(ctx: Ctx) {
  return loader(
    ctx,
    'actions.updatesByActionId',
    () =>
      new DataLoader<string, ActionUpdateEntity[]>(async (ids) =>
        grouped(
          await ctx.dataSource.getRepository(ActionUpdateEntity).find({
            where: { actionId: In([...ids]) },
            order: { reportedOn: 'DESC', seq: 'DESC' },
          }),
          (u) => u.actionId,
          ids,
        ),
      ),
  );
}

/** Tags of each action, by kind then slug. */
export function tagsByActionId(ctx: Ctx) {
  return loader(
    ctx,
    'actions.tagsByActionId',
    () =>
      new DataLoader<string, TagEntity[]>(async (ids) => {
        const rows: Array<{
          action_id: string;
          id: string;
          partnership_id: string;
          kind: string;
          slug: string;
          label: string;
        }> = await ctx.dataSource.query(
          `SELECT at.action_id, t.id, t.partnership_id, t.kind, t.slug, t.label
             FROM action_tag at JOIN tag t ON t.id = at.tag_id
            WHERE at.action_id = ANY($1::uuid[])
            ORDER BY t.kind, t.slug`,
          [[...ids]],
        );
        return grouped(rows, (r) => r.action_id, ids).map((list) =>
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
}

export interface GroupMemberRow {
  role: MembershipRole;
  user: UserType;
}

const ROLE_ORDER: Record<MembershipRole, number> = { CHAIR: 0, COORDINATOR: 1, MEMBER: 2 };

/** Members of each group with their user, chair first, then coordinator, then members by name. */
export function membersByGroupId(ctx: Ctx) {
  return loader(
    ctx,
    'actions.membersByGroupId',
    () =>
      new DataLoader<string, GroupMemberRow[]>(async (ids) => {
        const rows: Array<{ group_id: string; role: MembershipRole } & UserType> = await ctx.dataSource.query(
          `SELECT m.group_id, m.role, u.id, u.email, u.name, u.roles, u.active, u.version
             FROM membership m JOIN app_user u ON u.id = m.user_id
            WHERE m.group_id = ANY($1::uuid[])
            ORDER BY u.name, u.id`,
          [[...ids]],
        );
        return grouped(rows, (r) => r.group_id, ids).map((list) =>
          list
            .map(({ group_id: _g, role, ...user }) => ({ role, user }))
            .sort((a, b) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role]),
        );
      }),
  );
}

/** Number of actions each group owns. */
export function actionCountByGroupId(ctx: Ctx) {
  return loader(
    ctx,
    'actions.actionCountByGroupId',
    () =>
      new DataLoader<string, number>(async (ids) => {
        const rows: Array<{ group_id: string; n: number }> = await ctx.dataSource.query(
          `SELECT group_id, count(*)::int AS n FROM action WHERE group_id = ANY($1::uuid[]) GROUP BY group_id`,
          [[...ids]],
        );
        const map = new Map(rows.map((r) => [r.group_id, r.n]));
        return ids.map((id) => map.get(id) ?? 0);
      }),
  );
}

/** The actions of each objective (or output), in ref order: for Objective.actions and Output.actions. */
function actionsBy(ctx: Ctx, column: 'objectiveId' | 'outputId') {
  return loader(
    ctx,
    `actions.actionsBy.${column}`,
    () =>
      new DataLoader<string, ActionEntity[]>(async (ids) =>
        grouped(
          await ctx.dataSource.getRepository(ActionEntity).find({
            where: { [column]: In([...ids]) },
            order: { ref: 'ASC', id: 'ASC' },
          }),
          (a) => a[column] as string,
          ids,
        ),
      ),
  );
}

export const actionsByObjectiveId = (ctx: Ctx) => actionsBy(ctx, 'objectiveId');
export const actionsByOutputId = (ctx: Ctx) => actionsBy(ctx, 'outputId');

/** Users by id, for ActionUpdate.author; only the public fields. */
export function userById(ctx: Ctx) {
  return loader(
    ctx,
    'actions.userById',
    () =>
      new DataLoader<string, UserType | null>(async (ids) =>
        byId(
          await ctx.dataSource.getRepository(UserEntity).find({
            select: { id: true, email: true, name: true, roles: true, active: true, version: true },
            where: { id: In([...ids]) },
          }),
          ids,
        ),
      ),
  );
}

/** The relations a page fetched in its own statement, by the page's action objects (see primeActionPage). */
type PageRows = WeakMap<ActionEntity, ActionPageRelations['nodes'][number]>;

function pageRows(ctx: Ctx): PageRows {
  return loader(ctx, 'actions.pageRows', () => new WeakMap());
}

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
export function dueOnHistoryByActionId(ctx: Ctx) {
  return loader(
    ctx,
    'actions.dueOnHistoryByActionId',
    () =>
      new DataLoader<string, ActionDueDateEntity[]>(async (ids) => {
        const rows = await ctx.dataSource.getRepository(ActionDueDateEntity).find({
          where: { actionId: In([...ids]) },
          order: { changedOn: 'ASC', seq: 'ASC' },
        });
        return grouped(rows, (r) => r.actionId, ids);
      }),
  );
}
