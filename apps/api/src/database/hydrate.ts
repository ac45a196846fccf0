import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';

/**
 * Hand-written SQL that still returns TypeORM entities: `selectList` names every column of an entity
 * under a prefix (`"g__name"`), `hydrate` turns those columns of a raw row back into the entity exactly
 * as the query builder would (same driver conversions). Lets one statement join several entities.
 */
interface Plan {
  create: () => ObjectLiteral;
  columns: Array<{ key: string; property: string; column: ColumnMetadata }>;
}

// Per data source, entity and prefix: the metadata lookups and key strings are made once, not per row.
const plans = new WeakMap<DataSource, Map<unknown, Map<string, Plan>>>();

function planOf(ds: DataSource, target: EntityTarget<ObjectLiteral>, prefix: string): Plan {
  let byTarget = plans.get(ds);
  if (!byTarget) plans.set(ds, (byTarget = new Map()));
  let byPrefix = byTarget.get(target);
  if (!byPrefix) byTarget.set(target, (byPrefix = new Map()));
  let plan = byPrefix.get(prefix);
  if (!plan) {
    const metadata = ds.getMetadata(target);
    plan = {
      create: () => metadata.create() as ObjectLiteral,
      columns: metadata.columns
        .filter((c) => !c.isVirtual)
        .map((column) => ({
          key: `${prefix}__${column.databaseName}`,
          property: column.propertyName,
          column,
        })),
    };
    byPrefix.set(prefix, plan);
  }
  return plan;
}

/** Every column of the entity, as `alias.column AS "prefix__column"` (what `hydrate` reads back). */
export function selectList(
  ds: DataSource,
  target: EntityTarget<ObjectLiteral>,
  alias: string,
  prefix = alias,
): string {
  return planOf(ds, target, prefix)
    .columns.map((c) => `${alias}.${c.column.databaseName} AS "${c.key}"`)
    .join(', ');
}

export function hydrate<T extends ObjectLiteral>(
  ds: DataSource,
  target: EntityTarget<T>,
  row: Record<string, unknown>,
  prefix: string,
): T {
  const plan = planOf(ds, target as EntityTarget<ObjectLiteral>, prefix);
  const entity = plan.create() as Record<string, unknown>;
  const driver = ds.driver;
  for (const c of plan.columns) entity[c.property] = driver.prepareHydratedValue(row[c.key], c.column);
  return entity as T;
}

/**
 * Fast readers for statements that a page runs on every request (the list page): the columns of an
 * entity read straight into its plain shape, as the driver parsed them, without TypeORM's per-column
 * conversions. That is only right for column types the driver already returns in the entity's shape
 * (data-source.ts: dates as 'YYYY-MM-DD', int/bigint as numbers, timestamps as Dates), so a plan
 * refuses any other type (or a transformer) when it is made: none can slip through unconverted.
 */
interface ReadPlan {
  columns: Array<{ property: string; databaseName: string }>;
  timestamps: string[];
}

const AS_IS = new Set([
  'uuid',
  'text',
  'varchar',
  'date',
  'int',
  'integer',
  'int4',
  'bigint',
  'int8',
  'boolean',
]);
const TIMESTAMPS = new Set([
  'timestamptz',
  'timestamp',
  'timestamp with time zone',
  'timestamp without time zone',
]);
const readPlans = new WeakMap<DataSource, Map<unknown, ReadPlan>>();

function readPlanOf(ds: DataSource, target: EntityTarget<ObjectLiteral>): ReadPlan {
  let byTarget = readPlans.get(ds);
  if (!byTarget) readPlans.set(ds, (byTarget = new Map()));
  let plan = byTarget.get(target);
  if (!plan) {
    const metadata = ds.getMetadata(target);
    const columns = metadata.columns.filter((c) => !c.isVirtual);
    for (const c of columns) {
      const type = String(c.type);
      if (c.transformer || (!AS_IS.has(type) && !TIMESTAMPS.has(type)))
        throw new Error(`${metadata.name}.${c.propertyName}: column type ${type} has no fast reader`);
    }
    plan = {
      columns: columns.map((c) => ({ property: c.propertyName, databaseName: c.databaseName })),
      timestamps: columns.filter((c) => TIMESTAMPS.has(String(c.type))).map((c) => c.propertyName),
    };
    byTarget.set(target, plan);
  }
  return plan;
}

function onlyColumns(
  ds: DataSource,
  target: EntityTarget<ObjectLiteral>,
  only?: ReadonlySet<string> | null,
): ReadPlan['columns'] {
  return readPlanOf(ds, target).columns.filter((c) => !only || only.has(c.databaseName));
}

/**
 * The entity's columns (`only`: database column names) selected as `alias.column AS "alias__column"`,
 * and the reader that turns those columns of a row back into the entity's plain shape (undefined when
 * the row's id column is null: an outer join that found nothing). Both come from the same column list.
 */
export function rowColumns<T extends ObjectLiteral>(
  ds: DataSource,
  target: EntityTarget<T>,
  alias: string,
  only?: ReadonlySet<string> | null,
): { sql: string; read: (row: Record<string, unknown>) => T | undefined } {
  const columns = onlyColumns(ds, target as EntityTarget<ObjectLiteral>, only).map((c) => ({
    ...c,
    key: `${alias}__${c.databaseName}`,
  }));
  const idKey = `${alias}__id`;
  const read = (row: Record<string, unknown>) => {
    if (row[idKey] === null) return undefined;
    const entity: Record<string, unknown> = {};
    for (const c of columns) entity[c.property] = row[c.key];
    return entity as T;
  };
  return { sql: columns.map((c) => `${alias}.${c.databaseName} AS "${c.key}"`).join(', '), read };
}

/**
 * The entity's columns (`only`: database column names) as one JSON array per row,
 * `json_build_array(t.id, t.kind, ...)` (an aggregate of several rows in one column costs PostgreSQL
 * less as arrays than as objects), and the reader that turns such an array back into the entity's
 * plain shape (timestamps become Dates).
 */
export function jsonArrayColumns<T extends ObjectLiteral>(
  ds: DataSource,
  target: EntityTarget<T>,
  alias: string,
  only?: ReadonlySet<string> | null,
): { sql: string; read: (values: unknown[]) => T } {
  const plan = readPlanOf(ds, target as EntityTarget<ObjectLiteral>);
  const columns = onlyColumns(ds, target as EntityTarget<ObjectLiteral>, only);
  const timestamps = new Set(plan.timestamps);
  const read = (values: unknown[]) => {
    const entity: Record<string, unknown> = {};
    columns.forEach((c, i) => {
      const v = values[i];
      entity[c.property] = timestamps.has(c.property) && typeof v === 'string' ? new Date(v) : v;
    });
    return entity as T;
  };
  return { sql: `json_build_array(${columns.map((c) => `${alias}.${c.databaseName}`).join(', ')})`, read };
}

/**
 * The entity's columns as one jsonb object keyed by property name, each value as `JSON.stringify` writes
 * the entity that `hydrate` reads back (timestamptz as toISOString's UTC milliseconds: the driver
 * truncates microseconds, and so does to_char's MS): an audit entry's snapshot (audit.service.ts)
 * made inside the statement that writes the row. Column types as for the fast readers above, and
 * timestamps only with a time zone.
 */
export function jsonbSnapshot(ds: DataSource, target: EntityTarget<ObjectLiteral>, alias: string): string {
  const metadata = ds.getMetadata(target);
  const plan = readPlanOf(ds, target);
  const timestamps = new Set(plan.timestamps);
  for (const c of metadata.columns)
    if (timestamps.has(c.propertyName) && String(c.type) !== 'timestamptz')
      throw new Error(`${metadata.name}.${c.propertyName}: only timestamptz has a snapshot`);
  const value = (c: ReadPlan['columns'][number]) =>
    timestamps.has(c.property)
      ? `to_char(${alias}.${c.databaseName} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`
      : `${alias}.${c.databaseName}`;
  return `jsonb_build_object(${plan.columns.map((c) => `'${c.property}', ${value(c)}`).join(', ')})`;
}
