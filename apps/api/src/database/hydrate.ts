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

/** `only`: the database column names to select (default all); hydrate leaves the others undefined. */
export function selectList(
  ds: DataSource,
  target: EntityTarget<ObjectLiteral>,
  alias: string,
  prefix = alias,
  only?: ReadonlySet<string> | null,
): string {
  return planOf(ds, target, prefix)
    .columns.filter((c) => !only || only.has(c.column.databaseName))
    .map((c) => `${alias}.${c.column.databaseName} AS "${c.key}"`)
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
 * The same columns as one JSON object built by PostgreSQL (`json_build_object`, keyed by property name),
 * for statements that return a whole page as one json value: the driver then parses one text with
 * JSON.parse instead of decoding every typed column of every row. Dates stay 'YYYY-MM-DD' strings and
 * int/bigint arrive as numbers, as from the row path (data-source.ts); `fromJson` turns the timestamps
 * back into Dates. Other column types are refused when the plan is made, so none slips through unconverted.
 */
interface JsonPlan {
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
const jsonPlans = new WeakMap<DataSource, Map<unknown, JsonPlan>>();

function jsonPlanOf(ds: DataSource, target: EntityTarget<ObjectLiteral>): JsonPlan {
  let byTarget = jsonPlans.get(ds);
  if (!byTarget) jsonPlans.set(ds, (byTarget = new Map()));
  let plan = byTarget.get(target);
  if (!plan) {
    const metadata = ds.getMetadata(target);
    const columns = metadata.columns.filter((c) => !c.isVirtual);
    for (const c of columns) {
      const type = String(c.type);
      if (c.transformer || (!AS_IS.has(type) && !TIMESTAMPS.has(type)))
        throw new Error(`${metadata.name}.${c.propertyName}: column type ${type} has no JSON conversion`);
    }
    plan = {
      columns: columns.map((c) => ({ property: c.propertyName, databaseName: c.databaseName })),
      timestamps: columns.filter((c) => TIMESTAMPS.has(String(c.type))).map((c) => c.propertyName),
    };
    byTarget.set(target, plan);
  }
  return plan;
}

/** `json_build_object('id', a.id, ...)` of the entity's columns (`only`: database column names). */
export function jsonObject(
  ds: DataSource,
  target: EntityTarget<ObjectLiteral>,
  alias: string,
  only?: ReadonlySet<string> | null,
): string {
  return `json_build_object(${jsonPlanOf(ds, target)
    .columns.filter((c) => !only || only.has(c.databaseName))
    .map((c) => `'${c.property}', ${alias}.${c.databaseName}`)
    .join(', ')})`;
}

/** An object made by `jsonObject`, as the entity's plain shape: its timestamps become Dates (in place). */
export function fromJson<T extends ObjectLiteral>(
  ds: DataSource,
  target: EntityTarget<T>,
  value: Record<string, unknown>,
): T {
  for (const p of jsonPlanOf(ds, target as EntityTarget<ObjectLiteral>).timestamps) {
    const v = value[p];
    if (typeof v === 'string') value[p] = new Date(v);
  }
  return value as T;
}
