import { queryPrepared } from '../../database/prepared';
import type { DataSource, EntityManager } from 'typeorm';
import { BadInputError, ConflictError, NotFoundError } from '../../errors/errors';
import type { Viewer } from '../../graphql/context';
import { decodeCursor, pageSize, toPage, type PageInfo } from '../../graphql/connection';
import { hydrate, jsonArrayColumns, rowColumns, selectList } from '../../database/hydrate';
import { isUniqueViolation } from '../../shared/unique-violation';
import { snapshot, writeAudit } from '../audit/audit.service';
import { ObjectiveEntity } from '../strategy/objective.entity';
import { OutputEntity } from '../strategy/output.entity';
import { StrategyEntity } from '../strategy/strategy.entity';
import { TagEntity } from '../tags/tag.entity';
import { parseTagRef, tagRef, type TagService } from '../tags/tag.service';
import { dueOnChangeReason, recordDueDate } from './action-due-dates';
import { actionStateAsOf } from './action-list.as-of';
import { ActionUpdateEntity } from './action-update.entity';
import { todayIso } from './action.dates';
import { ActionEntity, ActionTagEntity } from './action.entity';
import { ActionStatus, OPEN_STATUSES, Rag } from './action.enums';
import { ActionPolicy } from './action.policy';
import { clientKey as checkClientKey, date, isUuid, text } from './action.validation';
import { OperationalGroupEntity } from './operational-group.entity';
import { assertNoPersonalIdentifiers } from '../voice/personal-identifiers';
import { startReturnsCte } from '../rounds/round.queries';

export interface NewAction {
  objectiveId: string;
  outputId?: string | null;
  groupId: string;
  ref: string;
  title: string;
  description?: string | null;
  successMeasure?: string | null;
  lead?: string | null;
  agreedOn?: string | null;
  startsOn?: string | null;
  dueOn?: string | null;
  tags?: string[] | null;
}

/** Changes to an action: undefined leaves a field alone, null clears an optional one. */
export type ActionChanges = { [K in keyof NewAction]?: NewAction[K] | null } & {
  /** Why dueOn changed: required when it changes on an action agreed before today. */
  dueOnChangeReason?: string | null;
};

export interface NewActionUpdate {
  actionId: string;
  rag?: Rag | null;
  status: ActionStatus;
  progress?: string | null;
  impact?: string | null;
  /** Defaults to today (UK). */
  reportedOn?: string | null;
  /** Idempotency key: a retry with the same key returns the first update (see addActionUpdate). */
  clientKey?: string | null;
}

/**
 * How a write joins a larger one: `manager` runs it inside the caller's transaction (an import commits
 * all its rows or none); `imported` marks an update loaded from a file, which has no author (the audit
 * entry still names who imported it).
 */
export interface ActionWriteOptions {
  manager?: EntityManager;
  imported?: boolean;
  /** The audit entry's operation when another mutation writes through this one (e.g. reportNoChange). */
  operation?: string;
}

export interface ActionListFilter {
  strategyId?: string | null;
  groupId?: string | null;
  objectiveId?: string | null;
  outputId?: string | null;
  status?: ActionStatus[] | null;
  rag?: Rag[] | null;
  overdue?: boolean | null;
  stale?: boolean | null;
  tag?: string | null;
  text?: string | null;
  mine?: boolean | null;
  /** Status, RAG, overdue and stale as they stood on this past day (action-list.as-of.ts). */
  asOf?: string | null;
}

/** What a page needs beyond its rows: whether to count, and which relations to fetch with it. */
export interface ActionListOptions {
  withTotalCount: boolean;
  /** The Action fields selected on each node: only their columns are read (absent: every column). */
  nodeFields?: ReadonlySet<string>;
  include: { group?: boolean; objective?: boolean; latestUpdate?: boolean; tags?: boolean };
  /**
   * The fields selected on each included relation: when all are plain columns, only those columns are
   * read (the row is then partial: see ActionPageRelations.partial). Absent: every column.
   */
  relationFields?: {
    group?: ReadonlySet<string>;
    objective?: ReadonlySet<string>;
    latestUpdate?: ReadonlySet<string>;
    tags?: ReadonlySet<string>;
  };
}

/** Rows fetched with a page (see primeActionPage): each node's relations, by node. */
export interface ActionPageRelations {
  nodes: Array<{
    action: ActionEntity;
    group?: OperationalGroupEntity;
    objective?: ObjectiveEntity;
    latestUpdate?: ActionUpdateEntity;
    tags?: TagEntity[];
  }>;
  /** Relations read with only some columns: such rows serve this page's nodes, never a DataLoader. */
  partial: { group: boolean; objective: boolean; latestUpdate: boolean; tags: boolean };
}

export interface ActionPage {
  edges: Array<{ cursor: string; node: ActionEntity }>;
  pageInfo: PageInfo;
  /** null when the caller did not ask for it (ActionListOptions.withTotalCount). */
  totalCount: number | null;
  related: ActionPageRelations;
}

/** The longest text each field takes (imports check rows against the same limits). */
export const ACTION_TEXT_LIMITS = {
  ref: 40,
  title: 300,
  description: 5000,
  successMeasure: 2000,
  lead: 200,
  progress: 5000,
  impact: 5000,
};

/**
 * addActionUpdate's write in one statement: the new update and the action's state. The version moves
 * with every new update (an edit made against the old state is refused); the current status, RAG,
 * reportedOn and latest update move only when the new update is the latest.
 *
 * With a client key ($8) the INSERT yields to an update already made with that key for the action
 * (ON CONFLICT DO NOTHING: then `u` is empty, so the action is left alone too) and the statement
 * returns that first update instead, flagged `replayed`. Both branches read one snapshot, taken before
 * the INSERT, so the second branch can only find a row that existed before: the two never both return.
 * Without a key the statement is the plain INSERT, as cheap as before keys existed. The last CTE turns
 * the group's reporting-round return from NOT_STARTED to DRAFT when the update falls in its window.
 */
const addUpdateSql = (ds: DataSource, latest: boolean, keyed: boolean) => `
  WITH u AS (
    INSERT INTO action_update (action_id, reported_on, rag, status, progress, impact, author_id${
      keyed ? ', client_key' : ''
    })
    VALUES ($1, $2, $3, $4, $5, $6, $7${keyed ? ', $8' : ''})${
      keyed ? ' ON CONFLICT (action_id, client_key) DO NOTHING' : ''
    } RETURNING *
  ), a AS (
    UPDATE action SET version = version + 1, updated_at = now()${
      latest
        ? ', current_status = u.status, current_rag = u.rag, last_reported_on = u.reported_on, latest_update_id = u.id'
        : ''
    }
      FROM u WHERE action.id = u.action_id
  ), ${startReturnsCte('u')}
  SELECT ${selectList(ds, ActionUpdateEntity, 'u')}${keyed ? ', false AS replayed' : ''} FROM u${
    keyed
      ? `
  UNION ALL
  SELECT ${selectList(ds, ActionUpdateEntity, 'f', 'u')}, true AS replayed
    FROM action_update f WHERE f.action_id = $1 AND f.client_key = $8`
      : ''
  }`;

/**
 * The action columns each Action field reads (plain fields and the field resolvers in action.resolver.ts;
 * keep in step with them). A page selecting only known fields reads only their columns: parsing the
 * unused ones (timestamps above all) was a third of the page's CPU. An unknown field means every column.
 */
const ACTION_FIELD_COLUMNS: Record<string, readonly string[]> = {
  __typename: [],
  id: [],
  strategyId: ['strategy_id'],
  ref: [],
  title: ['title'],
  description: ['description'],
  successMeasure: ['success_measure'],
  lead: ['lead'],
  agreedOn: ['agreed_on'],
  startsOn: ['starts_on'],
  dueOn: ['due_on'],
  lastReportedOn: ['last_reported_on'],
  version: ['version'],
  createdAt: ['created_at'],
  updatedAt: ['updated_at'],
  status: ['current_status'],
  rag: ['current_rag'],
  group: ['group_id'],
  objective: ['objective_id'],
  output: ['output_id'],
  tags: [],
  latestUpdate: ['latest_update_id'],
  updates: [],
  overdue: ['due_on', 'current_status'],
  stale: ['current_status', 'strategy_id', 'last_reported_on', 'agreed_on'],
};

/** The columns for `fields`, with id and ref (the cursor) always; null (= all) if a field is unknown. */
function actionColumnsFor(fields: ReadonlySet<string> | undefined): Set<string> | null {
  if (!fields) return null;
  const columns = new Set(['id', 'ref']);
  for (const f of fields) {
    const cols = ACTION_FIELD_COLUMNS[f];
    if (!cols) return null;
    for (const c of cols) columns.add(c);
  }
  return columns;
}

/**
 * The columns a relation's selected fields read when each is a plain column of the entity (GraphQL field
 * name = property name; the field resolvers of Objective, OperationalGroup, ActionUpdate and Tag are not
 * columns), with id always; null (= all) when a field is anything else or the selection is unknown.
 */
function relationColumnsFor(
  ds: DataSource,
  target:
    typeof OperationalGroupEntity | typeof ObjectiveEntity | typeof ActionUpdateEntity | typeof TagEntity,
  fields: ReadonlySet<string> | undefined,
): Set<string> | null {
  if (!fields) return null;
  const byProperty = new Map(ds.getMetadata(target).columns.map((c) => [c.propertyName, c.databaseName]));
  const columns = new Set(['id']);
  for (const f of fields) {
    if (f === '__typename') continue;
    const column = byProperty.get(f);
    if (!column) return null;
    columns.add(column);
  }
  return columns;
}

/** The unique constraint on (strategy_id, ref); a race past the pre-check still names the field. */
const UQ_ACTION_REF = 'uq_action_ref';

export class ActionService {
  constructor(
    private readonly db: DataSource,
    private readonly tags: TagService,
  ) {}

  // ---------------------------------------------------------------- reads

  /** An action of the viewer's partnership, or null (also for malformed ids). */
  async findAction(
    viewer: Viewer,
    id: string,
    manager: EntityManager = this.db.manager,
  ): Promise<ActionEntity | null> {
    if (!isUuid(id)) return null;
    return manager
      .getRepository(ActionEntity)
      .createQueryBuilder('a')
      .innerJoin(StrategyEntity, 's', 's.id = a.strategy_id')
      .where('a.id = :id AND s.partnership_id = :p', { id, p: viewer.partnershipId })
      .getOne();
  }

  /**
   * One page of actions in the stable order (ref, id): refs are what people quote ("HP3"), and the id
   * breaks ties between strategies sharing a ref. Cursors are opaque (base64url of [ref, id]).
   * One statement fetches the page together with the relations named in `include` (group, objective,
   * latest update, tags: returned in `related` for the request's DataLoaders); the COUNT behind
   * totalCount runs only when `withTotalCount` (otherwise totalCount is null).
   */
  async listActions(
    viewer: Viewer,
    filter: ActionListFilter | null | undefined,
    first?: number | null,
    after?: string | null,
    opts: ActionListOptions = { withTotalCount: true, include: {} },
  ): Promise<ActionPage> {
    const limit = pageSize(first);
    const f = filter ?? {};
    const params: unknown[] = [];
    const p = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    const where = [`s.partnership_id = ${p(viewer.partnershipId)}`];
    const columns = {
      strategyId: 'strategy_id',
      groupId: 'group_id',
      objectiveId: 'objective_id',
      outputId: 'output_id',
    } as const;
    for (const field of ['strategyId', 'groupId', 'objectiveId', 'outputId'] as const) {
      const v = f[field];
      if (v == null) continue;
      if (!isUuid(v)) throw new BadInputError(field, `${field} is not a valid id.`);
      where.push(`a.${columns[field]} = ${p(v)}::uuid`);
    }
    const asOf = f.asOf != null;
    if (asOf) where.push(actionStateAsOf(f, p, p(viewer.partnershipId)));
    if (!asOf && f.status?.length) {
      if (f.status.some((s) => !Object.values(ActionStatus).includes(s)))
        throw new BadInputError('status', 'Unknown status.');
      where.push(`a.current_status = ANY(${p(f.status)}::text[])`);
    }
    if (!asOf && f.rag?.length) {
      if (f.rag.some((r) => !Object.values(Rag).includes(r))) throw new BadInputError('rag', 'Unknown RAG.');
      where.push(`a.current_rag = ANY(${p(f.rag)}::text[])`);
    }
    // Only the date filters need today (formatting it in UK time is not free).
    const today = f.overdue != null || f.stale != null ? todayIso() : null;
    if (!asOf && f.overdue != null) {
      const overdue = `a.due_on < ${p(today)}::date AND a.current_status = ANY(${p(OPEN_STATUSES)}::text[])`;
      where.push(f.overdue ? overdue : `NOT (${overdue} AND a.due_on IS NOT NULL)`);
    }
    if (!asOf && f.stale != null) {
      const stale = `a.current_status = ANY(${p(OPEN_STATUSES)}::text[])
        AND COALESCE(a.last_reported_on, a.agreed_on) < ${p(today)}::date - s.update_cadence_days`;
      where.push(f.stale ? stale : `NOT (${stale})`);
    }
    if (f.tag != null) {
      const t = parseTagRef(f.tag, 'tag');
      where.push(`EXISTS (SELECT 1 FROM action_tag at JOIN tag t ON t.id = at.tag_id
                   WHERE at.action_id = a.id AND t.partnership_id = s.partnership_id
                     AND t.kind = ${p(t.kind)} AND t.slug = ${p(t.slug)})`);
    }
    if (f.text != null && f.text.trim() !== '') {
      const words = text('text', f.text, { max: 200, label: 'search text' });
      // The user's words are matched literally: %, _ and \ are escaped, not wildcards.
      const pattern = `%${words.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      // The ref too: people find an action by its number ("HP3") as often as by its words.
      const like = p(pattern);
      where.push(`(a.title ILIKE ${like} ESCAPE '\\' OR a.ref ILIKE ${like} ESCAPE '\\')`);
    }
    if (f.mine) where.push(`a.group_id = ANY(${p([...viewer.memberships.keys()])}::uuid[])`);
    const filtered = `FROM action a JOIN strategy s ON s.id = a.strategy_id WHERE ${where.join(' AND ')}`;

    const countParams = [...params];
    if (after != null) {
      const [ref, id] = decodeCursor(after, 2);
      if (typeof ref !== 'string' || !isUuid(id))
        throw new BadInputError('after', 'The cursor is not valid; use a cursor this API returned.');
      where.push(`(a.ref, a.id) > (${p(ref)}, ${p(id)}::uuid)`);
    }
    const counted = opts.withTotalCount
      ? this.db
          .query(`SELECT count(*)::int AS n ${filtered}`, countParams)
          .then((r: Array<{ n: number }>) => r[0].n)
      : null;
    const inc = opts.include;
    // One row per action with the joined group, objective and latest update as columns (each relation
    // with only the columns its selected fields read) and the tags as one JSON array: PostgreSQL builds
    // and Node reads such rows for less than a page made into one JSON value (docs/performance.md).
    const only = {
      action: actionColumnsFor(opts.nodeFields),
      group: inc.group
        ? relationColumnsFor(this.db, OperationalGroupEntity, opts.relationFields?.group)
        : null,
      objective: inc.objective
        ? relationColumnsFor(this.db, ObjectiveEntity, opts.relationFields?.objective)
        : null,
      latestUpdate: inc.latestUpdate
        ? relationColumnsFor(this.db, ActionUpdateEntity, opts.relationFields?.latestUpdate)
        : null,
      tags: inc.tags ? relationColumnsFor(this.db, TagEntity, opts.relationFields?.tags) : null,
    };
    const action = rowColumns(this.db, ActionEntity, 'a', only.action);
    const group = inc.group ? rowColumns(this.db, OperationalGroupEntity, 'g', only.group) : null;
    const objective = inc.objective ? rowColumns(this.db, ObjectiveEntity, 'o', only.objective) : null;
    const latestUpdate = inc.latestUpdate
      ? rowColumns(this.db, ActionUpdateEntity, 'u', only.latestUpdate)
      : null;
    const selected = [action, group, objective, latestUpdate].flatMap((c) => (c ? [c.sql] : []));
    const joins = [
      group && 'JOIN operational_group g ON g.id = a.group_id',
      objective && 'JOIN objective o ON o.id = a.objective_id',
      latestUpdate && 'LEFT JOIN action_update u ON u.id = a.latest_update_id',
    ].filter(Boolean);
    const tags = inc.tags ? jsonArrayColumns(this.db, TagEntity, 't', only.tags) : null;
    if (tags) {
      // Same order as the tagsByActionId loader: kind, then slug.
      selected.push(`(SELECT coalesce(json_agg(${tags.sql} ORDER BY t.kind, t.slug), '[]')
                      FROM action_tag at JOIN tag t ON t.id = at.tag_id WHERE at.action_id = a.id) AS "t"`);
    }
    // The limit is written into the text (pageSize made it an integer of 0-100), not sent as a parameter:
    // with LIMIT $n PostgreSQL's plan cache judged the generic plan dearer and planned the prepared
    // statement afresh on every request (0.6 ms of a 2 ms statement; docs/performance.md).
    const pageSql = `SELECT ${selected.join(', ')}
      FROM (SELECT a.* FROM action a JOIN strategy s ON s.id = a.strategy_id WHERE ${where.join(' AND ')}
             ORDER BY a.ref, a.id LIMIT ${limit + 1}) a
      ${joins.join(' ')}
      ORDER BY a.ref, a.id`;
    const [raw, totalCount] = await Promise.all([queryPrepared(this.db, pageSql, params), counted]);

    const related: ActionPageRelations = {
      nodes: [],
      partial: {
        group: !!only.group,
        objective: !!only.objective,
        latestUpdate: !!only.latestUpdate,
        tags: !!only.tags,
      },
    };
    const rows = raw.map((r) => {
      const node = action.read(r)!;
      related.nodes.push({
        action: node,
        group: group?.read(r),
        objective: objective?.read(r),
        latestUpdate: latestUpdate?.read(r),
        tags: tags ? (r.t as unknown[][]).map(tags.read) : undefined,
      });
      return node;
    });
    return { ...toPage(rows, limit, (a) => [a.ref, a.id]), totalCount: totalCount ?? null, related };
  }

  // ---------------------------------------------------------------- writes

  /** ADMIN, or CHAIR/COORDINATOR of input.groupId. agreedOn defaults to today. */
  async createAction(viewer: Viewer, input: NewAction, opts: ActionWriteOptions = {}): Promise<ActionEntity> {
    if (!ActionPolicy.mayEditSomeGroup(viewer)) ActionPolicy.assertCanEdit(viewer, String(input.groupId));
    const fields = this.checkFields(input, true);
    const agreedOn = fields.agreedOn ?? todayIso();
    this.checkDates(agreedOn, fields.startsOn ?? null, fields.dueOn ?? null, 'dueOn');
    try {
      return await this.inTransaction(opts, async (tx) => {
        await this.visibleGroup(tx, viewer, input.groupId);
        ActionPolicy.assertCanEdit(viewer, input.groupId);
        const objective = await this.visibleObjective(tx, viewer, input.objectiveId);
        const outputId = await this.checkOutput(tx, viewer, input.outputId ?? null, objective.id);
        await this.checkRefFree(tx, objective.strategyId, fields.ref!, null);
        const tags = await this.tags.resolveTags(tx, viewer.partnershipId, input.tags ?? [], 'tags');
        const action = await tx.getRepository(ActionEntity).save(
          tx.getRepository(ActionEntity).create({
            strategyId: objective.strategyId,
            objectiveId: objective.id,
            outputId,
            groupId: input.groupId,
            ref: fields.ref!,
            title: fields.title!,
            description: fields.description ?? '',
            successMeasure: fields.successMeasure ?? '',
            lead: fields.lead ?? '',
            agreedOn,
            startsOn: fields.startsOn ?? null,
            dueOn: fields.dueOn ?? null,
            // The first due date is in force from the day the action was agreed.
            dueOnSince: fields.dueOn ? agreedOn : null,
          }),
        );
        if (fields.dueOn) {
          await recordDueDate(tx, {
            actionId: action.id,
            dueOn: fields.dueOn,
            previousDueOn: null,
            changedOn: agreedOn,
            reason: null,
            byId: viewer.id,
          });
        }
        await this.writeTags(tx, action.id, tags);
        await writeAudit(tx, {
          partnershipId: viewer.partnershipId,
          actorId: viewer.id,
          operation: 'createAction',
          entityType: 'Action',
          entityId: action.id,
          before: null,
          after: { ...(snapshot(action) as object), tags: tags.map(tagRef) },
        });
        return action;
      });
    } catch (e) {
      throw this.refClash(e);
    }
  }

  /**
   * ADMIN, or CHAIR/COORDINATOR of the action's group (and of the new group when moving it).
   * Optimistic concurrency: the UPDATE only applies at `version`; otherwise CONFLICT with currentVersion.
   */
  async updateAction(
    viewer: Viewer,
    id: string,
    version: number,
    patch: ActionChanges,
  ): Promise<ActionEntity> {
    try {
      return await this.db.transaction(async (tx) => {
        const current = await this.findAction(viewer, id, tx);
        if (!current) throw new NotFoundError('Action', id);
        ActionPolicy.assertCanEdit(viewer, current.groupId);
        if (current.version !== version) throw this.stale(current.version);
        const fields = this.checkFields(patch, false);

        const next: Partial<ActionEntity> = {};
        if (patch.groupId === null) throw new BadInputError('groupId', 'An action must belong to a group.');
        if (patch.groupId !== undefined && patch.groupId !== current.groupId) {
          await this.visibleGroup(tx, viewer, patch.groupId);
          ActionPolicy.assertCanEdit(viewer, patch.groupId);
          next.groupId = patch.groupId;
        }
        if (patch.objectiveId === null)
          throw new BadInputError('objectiveId', 'An action must have an objective.');
        let objectiveId = current.objectiveId;
        let strategyId = current.strategyId;
        if (patch.objectiveId !== undefined && patch.objectiveId !== current.objectiveId) {
          const objective = await this.visibleObjective(tx, viewer, patch.objectiveId);
          objectiveId = next.objectiveId = objective.id;
          strategyId = next.strategyId = objective.strategyId;
        }
        const outputId = patch.outputId !== undefined ? patch.outputId : current.outputId;
        if (patch.outputId !== undefined || objectiveId !== current.objectiveId) {
          next.outputId = await this.checkOutput(tx, viewer, outputId, objectiveId);
        }
        for (const k of ['ref', 'title'] as const) {
          if (patch[k] === null)
            throw new BadInputError(k, `Enter ${k === 'ref' ? 'a reference' : 'a title'}.`);
          if (fields[k] !== undefined) next[k] = fields[k]!;
        }
        for (const k of ['description', 'successMeasure', 'lead'] as const) {
          if (patch[k] !== undefined) next[k] = fields[k] ?? '';
        }
        if (patch.agreedOn === null)
          throw new BadInputError('agreedOn', 'An action must have the date it was agreed.');
        if (fields.agreedOn) next.agreedOn = fields.agreedOn;
        if (patch.startsOn !== undefined) next.startsOn = fields.startsOn ?? null;
        if (patch.dueOn !== undefined) next.dueOn = fields.dueOn ?? null;
        // A new due date joins the history, in force from today; the past keeps the date it had.
        const today = todayIso();
        const dueChange =
          next.dueOn !== undefined && next.dueOn !== current.dueOn
            ? {
                dueOn: next.dueOn,
                previousDueOn: current.dueOn,
                reason: dueOnChangeReason(current.agreedOn, today, patch.dueOnChangeReason),
              }
            : null;
        if (dueChange) next.dueOnSince = today;
        this.checkDates(
          next.agreedOn ?? current.agreedOn,
          next.startsOn !== undefined ? next.startsOn : current.startsOn,
          next.dueOn !== undefined ? next.dueOn : current.dueOn,
          patch.dueOn !== undefined ? 'dueOn' : 'startsOn',
        );
        const ref = next.ref ?? current.ref;
        if (ref !== current.ref || strategyId !== current.strategyId)
          await this.checkRefFree(tx, strategyId, ref, current.id);
        const tags =
          patch.tags != null
            ? await this.tags.resolveTags(tx, viewer.partnershipId, patch.tags, 'tags')
            : null;

        // The guard that makes concurrent edits safe: only the holder of the current version wins.
        const result = await tx
          .createQueryBuilder()
          .update(ActionEntity)
          .set({ ...next, version: () => 'version + 1', updatedAt: () => 'now()' })
          .where('id = :id AND version = :version', { id: current.id, version })
          .execute();
        if (!result.affected) {
          const now = await tx.getRepository(ActionEntity).findOneBy({ id: current.id });
          throw this.stale(now?.version ?? null);
        }
        if (dueChange) {
          await recordDueDate(tx, { actionId: current.id, ...dueChange, changedOn: today, byId: viewer.id });
        }
        const beforeTags = tags ? await this.tagRefsOf(tx, current.id) : undefined;
        if (tags) {
          await tx.getRepository(ActionTagEntity).delete({ actionId: current.id });
          await this.writeTags(tx, current.id, tags);
        }
        const updated = (await tx.getRepository(ActionEntity).findOneBy({ id: current.id }))!;
        await writeAudit(tx, {
          partnershipId: viewer.partnershipId,
          actorId: viewer.id,
          operation: 'updateAction',
          entityType: 'Action',
          entityId: current.id,
          before: { ...(snapshot(current) as object), ...(beforeTags ? { tags: beforeTags } : {}) },
          after: {
            ...(snapshot(updated) as object),
            ...(tags ? { tags: tags.map(tagRef) } : {}),
            ...(dueChange ? { dueOnChangeReason: dueChange.reason } : {}),
          },
        });
        return updated;
      });
    } catch (e) {
      throw this.refClash(e);
    }
  }

  /**
   * ADMIN or any member of the action's group. Appends to the history and, in the same transaction,
   * makes the action's current status/RAG those of its latest update by (reportedOn, seq): an update
   * back-dated behind a later one joins the history without changing the current state. The action row
   * is locked first, so concurrent updates to one action apply one after the other and none is lost.
   *
   * Idempotent with `clientKey`: a second request with a key already used for this action (a double
   * submit, a retry after a lost response) adds nothing, writes no audit entry and returns the first
   * update, provided it asks for the same update; the same key with different content is a client bug
   * (a key reused for a new update), refused with BAD_USER_INPUT on clientKey. The row lock serializes
   * simultaneous requests, and the unique index (action_id, client_key) would stop a second row anyway.
   */
  async addActionUpdate(
    viewer: Viewer,
    input: NewActionUpdate,
    opts: ActionWriteOptions = {},
  ): Promise<ActionUpdateEntity> {
    if (!Object.values(ActionStatus).includes(input.status)) {
      throw new BadInputError('status', 'Choose a status: not started, in progress, complete or cancelled.');
    }
    if (input.rag != null && !Object.values(Rag).includes(input.rag)) {
      throw new BadInputError('rag', 'Choose a RAG rating: red, amber or green.');
    }
    const progress = text('progress', input.progress, {
      max: ACTION_TEXT_LIMITS.progress,
      label: 'progress',
    });
    const impact = text('impact', input.impact, { max: ACTION_TEXT_LIMITS.impact, label: 'impact' });
    // Updates are read by the whole partnership and printed for the board: no victim's details.
    const why = 'Progress updates must not identify anyone';
    assertNoPersonalIdentifiers('progress', progress, why);
    assertNoPersonalIdentifiers('impact', impact, why);
    const today = todayIso();
    const givenDate = date('reportedOn', input.reportedOn);
    const reportedOn = givenDate ?? today;
    if (reportedOn > today) throw new BadInputError('reportedOn', 'reportedOn cannot be in the future.');
    const key = checkClientKey('clientKey', input.clientKey);
    const authorId = opts.imported ? null : viewer.id;

    return this.inTransaction(opts, async (tx) => {
      const [action]: Array<{ id: string; group_id: string; last_reported_on: string | null }> = isUuid(
        input.actionId,
      )
        ? await tx.query(
            `SELECT a.id, a.group_id, a.last_reported_on FROM action a JOIN strategy s ON s.id = a.strategy_id
              WHERE a.id = $1 AND s.partnership_id = $2 FOR UPDATE OF a`,
            [input.actionId, viewer.partnershipId],
          )
        : [];
      if (!action) throw new BadInputError('actionId', 'No such action.');
      ActionPolicy.assertCanPostUpdate(viewer, action.group_id);
      // An update says what happened: an empty one would still clear "Update due". A file being
      // imported may give only a status (the plan's state when it was loaded).
      if (!progress && !opts.imported)
        throw new BadInputError('progress', 'Enter what progress has been made.');

      // The row is locked and the new update gets the greatest seq, so it is the latest by
      // (reportedOn, seq) exactly when no update is reported later than it.
      const becameLatest = action.last_reported_on == null || reportedOn >= action.last_reported_on;
      const params: unknown[] = [
        action.id,
        reportedOn,
        input.rag ?? null,
        input.status,
        progress,
        impact,
        authorId,
      ];
      if (key) params.push(key);
      const [row]: Array<Record<string, unknown> & { replayed?: boolean }> = await tx.query(
        addUpdateSql(this.db, becameLatest, !!key),
        params,
      );
      // Unreachable while the action row is locked above (a clash with an uncommitted twin would
      // leave both branches empty); kept so that a change to the locking fails safe.
      if (!row) throw new ConflictError('This update is being added by another request. Try again.');
      const update = hydrate(this.db, ActionUpdateEntity, row, 'u');
      if (row.replayed) {
        const same =
          update.authorId === authorId &&
          update.status === input.status &&
          update.rag === (input.rag ?? null) &&
          update.progress === progress &&
          update.impact === impact &&
          // An absent date meant "today" when first sent: a retry on a later day is still the same update.
          (givenDate == null || update.reportedOn === givenDate);
        if (!same) {
          throw new BadInputError(
            'clientKey',
            'This clientKey was already used for a different update of this action. Make a new key for each new update.',
          );
        }
        return update;
      }
      await writeAudit(tx, {
        partnershipId: viewer.partnershipId,
        actorId: viewer.id,
        operation: opts.operation ?? 'addActionUpdate',
        entityType: 'ActionUpdate',
        entityId: update.id,
        before: null,
        after: { ...(snapshot(update) as object), becameLatest },
      });
      return update;
    });
  }

  // ---------------------------------------------------------------- helpers

  /** The caller's transaction when given, else a new one. */
  private inTransaction<T>(opts: ActionWriteOptions, work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return opts.manager ? work(opts.manager) : this.db.transaction(work);
  }

  /** Trims and checks the text and date fields that are present; `create` makes ref and title required. */
  private checkFields(input: ActionChanges, create: boolean): ActionChanges {
    const out: ActionChanges = {};
    if (create || input.ref != null) {
      out.ref = text('ref', input.ref, { required: true, max: ACTION_TEXT_LIMITS.ref, label: 'a reference' });
    }
    if (create || input.title != null) {
      out.title = text('title', input.title, {
        required: true,
        max: ACTION_TEXT_LIMITS.title,
        label: 'a title',
      });
    }
    for (const k of ['description', 'successMeasure', 'lead'] as const) {
      if (input[k] != null) out[k] = text(k, input[k], { max: ACTION_TEXT_LIMITS[k], label: k });
    }
    if (create && !input.objectiveId) throw new BadInputError('objectiveId', 'Choose the objective.');
    if (create && !input.groupId) throw new BadInputError('groupId', 'Choose the operational group.');
    out.agreedOn = date('agreedOn', input.agreedOn);
    out.startsOn = date('startsOn', input.startsOn);
    out.dueOn = date('dueOn', input.dueOn);
    return out;
  }

  private checkDates(
    agreedOn: string,
    startsOn: string | null,
    dueOn: string | null,
    field: 'dueOn' | 'startsOn',
  ) {
    if (agreedOn > todayIso()) {
      throw new BadInputError(
        'agreedOn',
        'agreedOn is when the action entered the plan: it cannot be in the future.',
      );
    }
    if (startsOn && dueOn && dueOn < startsOn) {
      throw new BadInputError(field, 'dueOn cannot be before startsOn.');
    }
  }

  private async visibleGroup(
    tx: EntityManager,
    viewer: Viewer,
    groupId: string,
  ): Promise<OperationalGroupEntity> {
    const group = isUuid(groupId)
      ? await tx
          .getRepository(OperationalGroupEntity)
          .findOneBy({ id: groupId, partnershipId: viewer.partnershipId })
      : null;
    if (!group) throw new BadInputError('groupId', 'No such operational group.');
    return group;
  }

  private async visibleObjective(
    tx: EntityManager,
    viewer: Viewer,
    objectiveId: string,
  ): Promise<ObjectiveEntity> {
    const objective = isUuid(objectiveId)
      ? await tx
          .getRepository(ObjectiveEntity)
          .createQueryBuilder('o')
          .innerJoin(StrategyEntity, 's', 's.id = o.strategy_id')
          .where('o.id = :id AND s.partnership_id = :p', { id: objectiveId, p: viewer.partnershipId })
          .getOne()
      : null;
    if (!objective) throw new BadInputError('objectiveId', 'No such objective.');
    return objective;
  }

  /**
   * The output (if any) must exist in the viewer's partnership and belong to the action's objective.
   * Another partnership's output is "No such output", exactly as an unknown id, so ids cannot be probed.
   */
  private async checkOutput(
    tx: EntityManager,
    viewer: Viewer,
    outputId: string | null,
    objectiveId: string,
  ): Promise<string | null> {
    if (outputId == null) return null;
    const output = isUuid(outputId)
      ? await tx
          .getRepository(OutputEntity)
          .createQueryBuilder('o')
          .innerJoin('objective', 'ob', 'ob.id = o.objective_id')
          .innerJoin('strategy', 's', 's.id = ob.strategy_id')
          .where('o.id = :outputId AND s.partnership_id = :p', { outputId, p: viewer.partnershipId })
          .getOne()
      : null;
    if (!output) throw new BadInputError('outputId', 'No such output.');
    if (output.objectiveId !== objectiveId) {
      throw new BadInputError('outputId', "The output must belong to the action's objective.");
    }
    return output.id;
  }

  private async checkRefFree(tx: EntityManager, strategyId: string, ref: string, selfId: string | null) {
    const qb = tx
      .getRepository(ActionEntity)
      .createQueryBuilder('a')
      .where('a.strategy_id = :strategyId AND a.ref = :ref', { strategyId, ref });
    if (selfId) qb.andWhere('a.id <> :selfId', { selfId });
    if (await qb.getExists())
      throw new BadInputError('ref', `Another action of this strategy already has ref "${ref}".`);
  }

  private refClash(e: unknown): unknown {
    if (isUniqueViolation(e, UQ_ACTION_REF)) {
      return new BadInputError('ref', 'Another action of this strategy already has this ref.');
    }
    return e;
  }

  private stale(currentVersion: number | null): ConflictError {
    return new ConflictError('This action was changed by someone else. Reload it and try again.', {
      currentVersion,
    });
  }

  private async writeTags(tx: EntityManager, actionId: string, tags: TagEntity[]) {
    if (!tags.length) return;
    await tx.getRepository(ActionTagEntity).insert(tags.map((t) => ({ actionId, tagId: t.id })));
  }

  private async tagRefsOf(tx: EntityManager, actionId: string): Promise<string[]> {
    const rows: Array<{ kind: string; slug: string }> = await tx.query(
      'SELECT t.kind, t.slug FROM action_tag at JOIN tag t ON t.id = at.tag_id WHERE at.action_id = $1 ORDER BY 1, 2',
      [actionId],
    );
    return rows.map(tagRef);
  }
}
