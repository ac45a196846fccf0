import { inflateSync } from 'node:zlib';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDataSource } from '../src/database/data-source';
import { loadDemo } from '../src/demo/load-demo';
import { getSchema } from '../src/graphql/schema';
import { createServices } from '../src/graphql/services';
import { createLogger } from '../src/logging/logger';
import { Role } from '../src/modules/identity/user.entity';
import { createApp, type App } from '../src/server';
import {
  pdfFonts,
  pdfInfo,
  pdfStructure,
  pdfText,
  savePdf,
} from '../src/modules/board-pack/test-support/read-back';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * THROUGHLINE_FAST_PATHS=0 (src/fast-paths.ts, decision 0010) turns off every reach into a dependency's
 * internals. The product must work the same without them: two servers over the same demo database, one
 * with the fast paths on and one with them off, give the same answers to the list page, an action, the
 * board roll-up, the board pack's PDF (fast paths 5 and 6) and a progress update. (The whole suite also runs with them off:
 * `THROUGHLINE_FAST_PATHS=0 npx vitest run` in apps/api.)
 */
const TALLY = 'total red amber green unrated notStarted inProgress complete cancelled overdue staleUpdates';
const LIST = `query List($groupId: ID, $after: String) {
  actions(filter: { groupId: $groupId }, first: 50, after: $after) {
    pageInfo { hasNextPage endCursor }
    edges { node {
      id ref title dueOn status rag version
      group { id name } objective { id code title } output { id title }
      latestUpdate { id reportedOn rag status progress impact }
      tags { kind slug label }
    } }
  }
}`;
const ROLLUP = `query Rollup($strategyId: ID!, $asOf: Date) {
  boardRollup(strategyId: $strategyId, asOf: $asOf) {
    asOf totals { ${TALLY} }
    objectives {
      objective { id code } score derivedRag actions { ${TALLY} }
      outputs { output { id } score derivedRag actions { ${TALLY} } }
      outcomes { outcome { id } indicators { indicator { id } baseline target latest latestPeriod progress } }
    }
    tagCoverage(kind: "ecological-level") { objective { id } tag { slug } actionCount }
    recommendations { total open inProgress implemented assured overdue }
    feedback { total responded }
  }
}`;

describe('with THROUGHLINE_FAST_PATHS=0 the product answers as with them on', () => {
  let on: TestApp;
  let offApp: App;
  let offUrl: string;
  let closeOff: () => Promise<void>;
  let admin: string;

  beforeAll(async () => {
    on = await startTestApp({ fastPaths: true, mutationsPerMinute: 0 });
    const logger = createLogger('silent');
    await loadDemo(on.services, on.dataSource, on.partnershipId, logger, { withLogins: false });
    // A second server over the same database, its own pool, the fast paths off.
    const dataSource = createDataSource({ url: on.db.url, poolSize: 3 });
    await dataSource.initialize();
    offApp = await createApp({
      config: { production: false, mutationsPerMinute: 0, fastPaths: false },
      dataSource,
      services: createServices(dataSource, logger),
      logger,
    });
    await new Promise<void>((resolve) => offApp.httpServer.listen(0, '127.0.0.1', resolve));
    offUrl = `http://127.0.0.1:${(offApp.httpServer.address() as AddressInfo).port}/graphql`;
    closeOff = async () => {
      await offApp.stop();
      await dataSource.destroy();
    };
    admin = (await on.user({ roles: [Role.ADMIN] })).token;
  }, 120_000);

  afterAll(async () => {
    await closeOff?.();
    await on?.close();
  });

  async function both(query: string, variables: Record<string, unknown> = {}) {
    const ask = async (url: string) => {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
        body: JSON.stringify({ query, variables }),
      });
      expect(res.status).toBe(200);
      const body = (await res.json()) as { data?: Record<string, unknown>; errors?: unknown };
      expect(body.errors).toBeUndefined();
      return body.data!;
    };
    const fast = await ask(`${on.url}/graphql`);
    const plain = await ask(offUrl);
    expect(plain).toEqual(fast);
    return plain;
  }

  it('builds a schema without the direct resolvers when off', async () => {
    const fast = (await getSchema(true)).getType('Action') as import('graphql').GraphQLObjectType;
    const plain = (await getSchema(false)).getType('Action') as import('graphql').GraphQLObjectType;
    expect(plain.getFields().group.resolve).not.toBe(fast.getFields().group.resolve);
  });

  it('the list page, every page of it, and one action', async () => {
    const groups = (await both('{ operationalGroups { id name } }')) as {
      operationalGroups: { id: string }[];
    };
    expect(groups.operationalGroups.length).toBeGreaterThan(0);
    let seen = 0;
    for (const g of groups.operationalGroups) {
      const page = (await both(LIST, { groupId: g.id })) as {
        actions: { edges: { node: { id: string } }[] };
      };
      seen += page.actions.edges.length;
    }
    expect(seen).toBeGreaterThan(10);
    const all = (await both(LIST, {})) as { actions: { edges: { node: { id: string } }[] } };
    const id = all.actions.edges[0]!.node.id;
    await both('query A($id: ID!) { action(id: $id) { id ref title version successMeasure lead } }', {
      id,
    });
  });

  it('the board roll-up, today and a year back', async () => {
    const s = (await both('{ strategies { id title } }')) as { strategies: { id: string }[] };
    for (const strategy of s.strategies) {
      const today = (await both(ROLLUP, { strategyId: strategy.id })) as {
        boardRollup: { totals: { total: number } };
      };
      expect(today.boardRollup.totals.total).toBeGreaterThanOrEqual(0);
      await both(ROLLUP, { strategyId: strategy.id, asOf: '2020-06-30' });
    }
  });

  it('the board pack PDF, made both ways, reads back the same: text, tags, pages, fonts', async () => {
    const s = (await both('{ strategies { id } }')) as { strategies: { id: string }[] };
    const query = `strategy=${s.strategies[0]!.id}&format=pdf`;
    const fetchPack = async (base: string) => {
      const res = await fetch(`${base}/reports/board-pack?${query}`, {
        headers: { authorization: `Bearer ${admin}` },
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/pdf');
      return Buffer.from(await res.arrayBuffer());
    };
    const fastBytes = await fetchPack(on.url);
    const plainBytes = await fetchPack(offUrl.replace(/\/graphql$/, ''));
    const fast = savePdf(fastBytes);
    const plain = savePdf(plainBytes);
    const [fastInfo, plainInfo] = [pdfInfo(fast), pdfInfo(plain)];
    expect(fastInfo.Tagged).toBe('yes');
    expect(plainInfo.Tagged).toBe('yes');
    expect(Number(plainInfo.Pages)).toBeGreaterThan(5);
    expect(plainInfo.Pages).toBe(fastInfo.Pages);
    // The same fonts, embedded (as subsets) both ways.
    const fonts = (file: string) =>
      pdfFonts(file).map((f) => `${f.name.replace(/^[A-Z]{6}\+/, '')} ${f.embedded}`);
    expect(fonts(fast).every((f) => f.endsWith(' true'))).toBe(true);
    expect(new Set(fonts(plain))).toEqual(new Set(fonts(fast)));
    // The same structure tree (Document > Sect > H1/H2/H3, P, Table > TR > TH/TD, Figure).
    expect(pdfStructure(plain)).toBe(pdfStructure(fast));
    // The same words in the same places, page by page (pdfkit kerns its own text(), the operators do
    // not: the spacing pdftotext lays out may differ by a column, the words may not).
    const words = (file: string) =>
      pdfText(file)
        .split('\f')
        .map((page) => page.split(/\s+/).filter(Boolean));
    const fastWords = words(fast);
    expect(fastWords.flat()).toContain('Page');
    expect(words(plain)).toEqual(fastWords);
    // The switch reached the renderer: the fast path writes table text as literal strings with T*
    // (pdf-glyphs.ts), pdfkit's text() as hexadecimal TJ arrays.
    const ops = (bytes: Buffer) => pageContents(bytes).join('\n');
    expect(ops(fastBytes)).toMatch(/\) Tj T\*/);
    expect(ops(plainBytes)).not.toMatch(/ T\*/);
    expect(ops(plainBytes)).toMatch(/\] TJ/);
  }, 120_000);

  it('a progress update made through the server without fast paths is read back by both', async () => {
    const all = (await both(LIST, {})) as { actions: { edges: { node: { id: string } }[] } };
    const actionId = all.actions.edges[1]!.node.id;
    const res = await fetch(offUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
      body: JSON.stringify({
        query: `mutation U($input: ActionUpdateInput!) { addActionUpdate(input: $input) { id rag status } }`,
        variables: {
          input: { actionId, rag: 'AMBER', status: 'IN_PROGRESS', progress: 'Checked without fast paths' },
        },
      }),
    });
    const body = (await res.json()) as { data?: { addActionUpdate: { rag: string } }; errors?: unknown };
    expect(body.errors).toBeUndefined();
    expect(body.data!.addActionUpdate.rag).toBe('AMBER');
    const read = (await both(
      'query A($id: ID!) { action(id: $id) { rag status latestUpdate { progress } } }',
      {
        id: actionId,
      },
    )) as { action: { latestUpdate: { progress: string } } };
    expect(read.action.latestUpdate.progress).toBe('Checked without fast paths');
  });
});

/** The PDF's deflated streams, inflated (the page contents among them). */
function pageContents(pdf: Buffer): string[] {
  const out: string[] = [];
  const text = pdf.toString('latin1');
  const re = /\/FlateDecode[^]*?>>\s*stream\r?\n/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const start = m.index + m[0].length;
    const end = text.indexOf('endstream', start);
    try {
      out.push(inflateSync(pdf.subarray(start, end)).toString('latin1'));
    } catch {
      // A stream whose dictionary is not the one matched (the regex spans to the next stream): skip.
    }
  }
  return out;
}
