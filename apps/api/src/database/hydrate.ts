import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';

/**
 * Hand-written SQL that still returns TypeORM entities: `selectList` names every column of an entity
 * under a prefix (`"g__name"`), `hydrate` turns those columns of a raw row back into the entity exactly
 * as the query builder would (same driver conversions). Lets one statement join several entities.
 */
const columnsCache = new WeakMap<object, ColumnMetadata[]>();

function columnsOf(ds: DataSource, target: EntityTarget<ObjectLiteral>): ColumnMetadata[] {
  const key = target as object;
  let cols = columnsCache.get(key);
  if (!cols) {
    cols = ds.getMetadata(target).columns.filter((c) => !c.isVirtual);
    columnsCache.set(key, cols);
  }
  return cols;
}

export function selectList(
  ds: DataSource,
  target: EntityTarget<ObjectLiteral>,
  alias: string,
  prefix = alias,
): string {
  return columnsOf(ds, target)
    .map((c) => `${alias}.${c.databaseName} AS "${prefix}__${c.databaseName}"`)
    .join(', ');
}

export function hydrate<T extends ObjectLiteral>(
  ds: DataSource,
  target: EntityTarget<T>,
  row: Record<string, unknown>,
  prefix: string,
): T {
  const entity = ds.getMetadata(target).create() as T;
  for (const c of columnsOf(ds, target)) {
    const value = ds.driver.prepareHydratedValue(row[`${prefix}__${c.databaseName}`], c);
    (entity as Record<string, unknown>)[c.propertyName] = value;
  }
  return entity;
}
