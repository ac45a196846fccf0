import DataLoader from 'dataloader';
import { In, type DataSource, type EntityTarget, type ObjectLiteral } from 'typeorm';

/**
 * Per-request memos (DataLoaders and the like), typed by the definition that makes them.
 *
 * A module declares each of its loaders once, at the top level:
 *
 *     export const groupById = perRequest((ctx) => idLoader(ctx, OperationalGroupEntity));
 *
 * and a resolver asks for it with the request's context: `groupById(ctx).load(id)`. The definition
 * itself is the key, so two modules cannot collide on a string, and the type of what comes back is the
 * type `create` returns: no casts at the call site.
 */
export class RequestMemos {
  private readonly made = new Map<object, unknown>();

  get<T>(definition: object, create: () => T): T {
    if (this.made.has(definition)) return this.made.get(definition) as T;
    const value = create();
    this.made.set(definition, value);
    return value;
  }
}

/** What a per-request definition needs of the request: its memos, and the database for loaders. */
export interface LoaderScope {
  readonly loaders: RequestMemos;
  readonly dataSource: DataSource;
}

/** Declares one per-request memo: made on first use in a request, then the same object for its rest. */
export function perRequest<T, C extends Pick<LoaderScope, 'loaders'> = LoaderScope>(
  create: (ctx: C) => T,
): (ctx: C) => T {
  const definition = (ctx: C): T => ctx.loaders.get(definition, () => create(ctx));
  return definition;
}

/** Rows in the order of `keys`, null where a key has no row. */
export function alignById<R extends { id: string }>(
  rows: readonly R[],
  keys: readonly string[],
): Array<R | null> {
  const map = new Map(rows.map((r) => [r.id, r]));
  return keys.map((k) => map.get(k) ?? null);
}

/** Rows grouped under each of `keys`, in the order of `keys` (an empty list where there are none). */
export function groupByKey<R>(rows: readonly R[], keys: readonly string[], keyOf: (row: R) => string): R[][] {
  const map = new Map<string, R[]>(keys.map((k) => [k, []]));
  for (const r of rows) map.get(keyOf(r))?.push(r);
  return keys.map((k) => map.get(k) ?? []);
}

/** A DataLoader of one entity by primary key `id`: one `WHERE id IN (...)` per batch. */
export function idLoader<E extends ObjectLiteral & { id: string }>(
  ctx: Pick<LoaderScope, 'dataSource'>,
  entity: EntityTarget<E>,
): DataLoader<string, E | null> {
  return new DataLoader<string, E | null>(async (ids) =>
    alignById(await ctx.dataSource.getRepository(entity).findBy({ id: In([...ids]) } as never), ids),
  );
}
