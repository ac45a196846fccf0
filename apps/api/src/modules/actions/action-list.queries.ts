import type { DataSource } from 'typeorm';
import { queryPrepared } from '../../database/prepared';
import { BadInputError } from '../../errors/errors';
import type { Viewer } from '../../shared/viewer';
import { decodeCursor, pageSize, toPage, type PageInfo } from '../../shared/paging';
import { jsonArrayColumns, rowColumns } from '../../database/hydrate';
import { ObjectiveEntity } from '../strategy/objective.entity';
import { TagEntity } from '../tags/tag.entity';
import { parseTagRef } from '../tags/tag.service';
import { ActionUpdateEntity } from './action-update.entity';
import { todayIso } from '../../shared/dates';
import { ActionEntity } from './action.entity';
import { ActionStatus, OPEN_STATUSES, Rag } from './action.enums';
import { isUuid, text } from './action.validation';
import { OperationalGroupEntity } from './operational-group.entity';
import { actionStateAsOf } from './action-list-as-of.queries';

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
  /** Status, RAG, overdue and stale as they stood on this past day (action-list-as-of.queries.ts). */
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

/**
 * One page of actions in the stable order (ref, id): refs are what people quote ("HP3"), and the id
 * breaks ties between strategies sharing a ref. Cursors are opaque (base64url of [ref, id]).
 * One statement fetches the page together with the relations named in `include` (group, objective,
 * latest update, tags: returned in `related` for the request's DataLoaders); the COUNT behind
 * totalCount runs only when `withTotalCount` (otherwise totalCount is null).
 */
export async function listActionPage(
  db: DataSource,
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
    ? db.query(`SELECT count(*)::int AS n ${filtered}`, countParams).then((r: Array<{ n: number }>) => r[0].n)
    : null;
  const inc = opts.include;
  // One row per action with the joined group, objective and latest update as columns (each relation
  // with only the columns its selected fields read) and the tags as one JSON array: PostgreSQL builds
  // and Node reads such rows for less than a page made into one JSON value (docs/performance.md).
  const only = {
    action: actionColumnsFor(opts.nodeFields),
    group: inc.group ? relationColumnsFor(db, OperationalGroupEntity, opts.relationFields?.group) : null,
    objective: inc.objective ? relationColumnsFor(db, ObjectiveEntity, opts.relationFields?.objective) : null,
    latestUpdate: inc.latestUpdate
      ? relationColumnsFor(db, ActionUpdateEntity, opts.relationFields?.latestUpdate)
      : null,
    tags: inc.tags ? relationColumnsFor(db, TagEntity, opts.relationFields?.tags) : null,
  };
  const action = rowColumns(db, ActionEntity, 'a', only.action);
  const group = inc.group ? rowColumns(db, OperationalGroupEntity, 'g', only.group) : null;
  const objective = inc.objective ? rowColumns(db, ObjectiveEntity, 'o', only.objective) : null;
  const latestUpdate = inc.latestUpdate ? rowColumns(db, ActionUpdateEntity, 'u', only.latestUpdate) : null;
  const selected = [action, group, objective, latestUpdate].flatMap((c) => (c ? [c.sql] : []));
  const joins = [
    group && 'JOIN operational_group g ON g.id = a.group_id',
    objective && 'JOIN objective o ON o.id = a.objective_id',
    latestUpdate && 'LEFT JOIN action_update u ON u.id = a.latest_update_id',
  ].filter(Boolean);
  const tags = inc.tags ? jsonArrayColumns(db, TagEntity, 't', only.tags) : null;
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
  const [raw, totalCount] = await Promise.all([queryPrepared(db, pageSql, params), counted]);

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
