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
