import { Field, ObjectType } from 'type-graphql';
import { BadInputError } from '../errors/errors';

/** Relay's PageInfo, shared by every connection (actions, recommendations, feedback). */
@ObjectType('PageInfo', { simpleResolvers: true })
export class PageInfo {
  @Field(() => Boolean)
  hasNextPage: boolean;

  @Field(() => String, { nullable: true, description: 'The cursor of the last edge; pass as `after`.' })
  endCursor: string | null;
}

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/**
 * Cursors are opaque to clients: base64url of the JSON sort key of the row (e.g. `["A12", "uuid"]`).
 * Clients must not build them; the server decodes them and refuses anything malformed.
 */
export function encodeCursor(key: readonly (string | number | null)[]): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

/**
 * Decodes a cursor made by encodeCursor, checking it has `arity` parts of the expected kinds
 * (string/number/null). Anything else is BAD_USER_INPUT naming `field` (the `after` argument).
 */
export function decodeCursor(cursor: string, arity: number, field = 'after'): Array<string | number | null> {
  const bad = () => new BadInputError(field, 'The cursor is not valid; use a cursor this API returned.');
  if (typeof cursor !== 'string' || cursor.length === 0 || cursor.length > 1000) throw bad();
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) throw bad();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw bad();
  }
  if (!Array.isArray(parsed) || parsed.length !== arity) throw bad();
  for (const part of parsed) {
    if (part !== null && typeof part !== 'string' && typeof part !== 'number') throw bad();
  }
  return parsed as Array<string | number | null>;
}

/**
 * Checks and defaults `first`: 20 when absent, 1..100 otherwise (over 100 is refused, not silently
 * cut, so a client never believes it has everything when it has not).
 */
export function pageSize(first: number | null | undefined, field = 'first'): number {
  if (first === null || first === undefined) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 0) throw new BadInputError(field, '`first` must be 0 or more.');
  if (first > MAX_PAGE_SIZE) throw new BadInputError(field, `\`first\` may be at most ${MAX_PAGE_SIZE}.`);
  return first;
}

/** An edge whose cursor is encoded only if a client asks for it (list pages rarely do, per edge). */
class Edge<T> {
  constructor(
    readonly node: T,
    private readonly key: (row: T) => readonly (string | number | null)[],
  ) {}

  get cursor(): string {
    return encodeCursor(this.key(this.node));
  }
}

/**
 * Shapes one page of rows (fetched with limit first + 1) into edges and PageInfo.
 * `key` gives each row's sort key, which becomes its cursor.
 */
export function toPage<T>(
  rows: T[],
  first: number,
  key: (row: T) => readonly (string | number | null)[],
): { edges: Array<{ readonly cursor: string; readonly node: T }>; pageInfo: PageInfo } {
  const hasNextPage = rows.length > first;
  const edges = rows.slice(0, first).map((node) => new Edge(node, key));
  return {
    edges,
    pageInfo: { hasNextPage, endCursor: edges.length ? edges[edges.length - 1].cursor : null },
  };
}
