import http from 'node:http';
import type { Express } from 'express';
import type { GraphQLSchema } from 'graphql';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { createExpressHttpServer } from './express-http-server';
import { installDirectResolvers, type DirectResolver } from './graphql/direct-resolvers';
import { jitGateway } from './graphql/jit-executor';

/**
 * The fast paths: every place where the API reaches into a dependency's internals for speed, behind
 * one switch, `THROUGHLINE_FAST_PATHS` (on unless set to 0; config.ts). With it off the API runs on
 * each library's ordinary, public behaviour and answers exactly the same (test/fast-paths.test.ts runs
 * the product's journeys both ways). Each is justified by a bench figure in docs/decisions/0010.
 *
 * 1. graphql-jit executes operations through Apollo's `gateway` hook (graphql/jit-executor.ts), and
 *    patches/@apollo+server+5.5.1.patch changes the object that hook builds per request. Off: Apollo's
 *    own graphql-js execution, where the patched code is never reached.
 * 2. Requests and responses born with Express's prototypes (express-http-server.ts). Off: Node's plain
 *    `http.createServer(app)`, Express re-parenting each with setPrototypeOf as usual.
 * 3. type-graphql's per-call resolver wrapper bypassed on the list page's relation fields
 *    (graphql/direct-resolvers.ts). Off: type-graphql's @FieldResolver methods, which call the same
 *    functions.
 * 4. Named prepared statements on TypeORM's private pg pool, and on a transaction's private pg client
 *    (database/prepared.ts: the list page; addActionUpdate's lock and write). Off: the same statement
 *    through `DataSource.query` / the transaction's `EntityManager.query`.
 * 5. The board pack PDF's bytes (modules/board-pack/pdf-output.ts): pdfkit's private `_write` replaced
 *    (output gathered into 64 KB writes, converted natively, keeping its private `_offset` for the
 *    xref) and each page's private content stream (`page.content`: `compress`, `buffer`, `data`,
 *    `write`, `finalize`) written as bytes into one reused buffer (the glyph pen, 6, writes its cells
 *    there in place; pdf-bytes.ts) and deflated at level 1 by us; the private `_finalize` replaced
 *    (unless `_security` is set) by the xref and trailer written as bytes (`_offsets`, `_root`,
 *    `_info`, `_id`, `push`). Off: pdfkit's own readable stream, its conversion of each chunk, its
 *    own deflate and its own xref.
 * 6. The board pack PDF's table text, labels and page furniture as raw PDF operators
 *    (modules/board-pack/pdf-glyphs.ts) through pdfkit's document internals (`_font`, `_fontSize`,
 *    `page.fonts`) and its embedded font's (`id`, `font`, `subset.includeGlyph`, `widths`, `unicode`,
 *    `ascender`, `ref()`), whose `layoutCache` is kept per parsed font across documents
 *    (`shareLayouts`). Off: pdfkit's public rect/stroke/text() (modules/board-pack/pdf-pen.ts),
 *    same lines at the same places (pdfkit kerns what it draws, so a line may be a little narrower).
 * 7. The board pack PDF's table rows tagged with raw structure objects (modules/board-pack/pdf-struct.ts):
 *    each TR and TH/TD written as one object, as bytes into 5's gathered output, through pdfkit's
 *    document internals (`_offsets`, `page.dictionary`, `page.structParentTreeKey`,
 *    `getStructParentTree`), the cell's marked content opened and closed in its own operators, and
 *    the row listed in the table element as an already-flushed pdfkit structure element
 *    (`dictionary`, `_attached`, `_ended`, `_flushed`, `_children`). Off: pdfkit's `struct('TR')`
 *    and a `struct('TH'|'TD')` per cell, the same tags in the same order.
 *    5, 6 and 7 are chosen per document in board-pack.pdf.ts from the `fastPaths` createApp gives the
 *    board-pack and feedback-digest routes; lines are broken and measured alike both ways
 *    (pdf-text.ts, fontkit's public API), so pages break at the same rows.
 */

const off = new WeakSet<DataSource>();

/** Records the switch for a data source (createApp calls it): database/prepared.ts asks per query. */
export function setFastPaths(dataSource: DataSource, on: boolean): void {
  if (on) off.delete(dataSource);
  else off.add(dataSource);
}

/** Whether the fast paths are on for this data source (on unless createApp turned them off). */
export function fastPathsOn(dataSource: DataSource): boolean {
  return !off.has(dataSource);
}

/** The HTTP server for the Express app (2). */
export function createHttpServer(app: Express, on: boolean): http.Server {
  return on ? createExpressHttpServer(app) : http.createServer(app);
}

/** How Apollo executes (1): graphql-jit through the gateway hook, or Apollo's own graphql-js. */
export function executionOptions(
  schema: GraphQLSchema,
  logger: Logger,
  on: boolean,
): { schema: GraphQLSchema } | { gateway: ReturnType<typeof jitGateway> } {
  return on ? { gateway: jitGateway(schema, logger) } : { schema };
}

/** Plain resolvers in place of type-graphql's wrapper (3), when on. */
export function installFastResolvers(
  schema: GraphQLSchema,
  byType: Record<string, Record<string, DirectResolver>>,
  on: boolean,
): GraphQLSchema {
  if (on) installDirectResolvers(schema, byType);
  return schema;
}
