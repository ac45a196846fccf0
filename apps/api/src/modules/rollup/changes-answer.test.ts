import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp, type TestUser } from '../../../test/support/test-app';
import { daysFromToday } from '../../../test/support/dates';
import { Role } from '../identity/user.entity';
import { changesHistory } from './test-support/changes-history';
import type { AnswerLines } from '../../graphql/answer-text';
import { refSortsBytewise } from '../../database/collation';
import { planActionLines, queryActionLines, type LineSelection } from './changes-text.queries';

/**
 * "What changed" answered as text (changes-answer.ts): for each operation, the answer's bytes are the
 * same as when the operation is executed as usual (a directive on the root field keeps it off the text
 * path), over a history with every kind of action line and titles JSON must escape.
 */

const day = daysFromToday;
/** In the text path's statement only (actionStatesSql). */
const TEXT_PATH = "- date '2000-01-01'";

const LINES = `
  actions { action { id ref title } fromRag toRag fromStatus toStatus }
  newActions { action { id ref title } agreedOn status rag dueOn }
  newlyCompleted { action { id ref title } fromStatus toStatus fromRag toRag }
  newlyOverdue { action { id ref title } dueOn status }
  dueDateRevisions { action { id ref title } fromDueOn toDueOn revisedOn }`;

/** Operations that qualify; `$ROOT` is where the directive goes to execute them as usual. */
const OPERATIONS = [
  // The board page's and the bench's selection.
  `query C($s: ID!, $from: Date!, $to: Date) { rollupChanges(strategyId: $s, from: $from, to: $to) $ROOT {
    from to ${LINES}
    indicators { indicator { id name unit } newValues fromValue fromPeriod toValue toPeriod }
    recommendations { recommendation { id ref } fromStatus toStatus }
    feedbackAnswered { feedback { id forum } receivedOn respondedOn }
  } }`,
  // Only action lines, aliases, __typename, every plain Action field, another order.
  `query D($s: ID!, $from: Date!) { changes: rollupChanges(strategyId: $s, from: $from) $ROOT {
    __typename
    overdue: newlyOverdue { status __typename dueOn action { __typename version dueOn startsOn agreedOn lead successMeasure description title ref strategyId id } }
    dueDateRevisions { revisedOn toDueOn fromDueOn action { ref } }
    moved: actions { toStatus action { key: id } }
    newActions { dueOn rag status agreedOn }
  } }`,
];

describe('what changed, answered as text', () => {
  let t: TestApp;
  let admin: TestUser;
  let strategy: { id: string };
  let ids: Record<string, string>;

  const raw = async (query: string, variables: Record<string, unknown>) => {
    const res = await fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${admin.token}` },
      body: JSON.stringify({ query, variables }),
    });
    return res.text();
  };

  beforeAll(async () => {
    t = await startTestApp({ mutationsPerMinute: 0 });
    admin = await t.user({ roles: [Role.ADMIN] });
    const h = await changesHistory(t, admin, day(-400));
    strategy = { id: h.strategyId };
    ids = h.ids;
    const create = (ref: string, title: string, agreedOn: string, dueOn: string | null = null) =>
      h.createAction(ref, agreedOn, {
        title,
        dueOn,
        startsOn: agreedOn,
        description: 'Said "so"\\ and\nmore',
        lead: 'Ünïcode ✓ 𝄞',
      });
    await create('A1', 'Quote " and back\\slash', day(-200));
    await create('A10', 'Control characters', day(-200), day(-40));
    // Titles the API refuses today may be stored (older data, imports): JSON must escape them alike.
    await t.dataSource.query(`UPDATE action SET title = $1 WHERE id = $2`, [
      'Tab\tnew\nline \u0001 \u001f control \u2028',
      h.ids.A10,
    ]);
    await create('A2', '</script> & <b>', day(-200), day(30));
    await create('a2', 'Lower-case ref, same letters', day(-150));
    await create('B1', 'New after the window opened', day(-30), day(-3));
    await create('B2', 'New, same day', day(-30));
    await h.update('A1', day(-100), 'IN_PROGRESS', 'AMBER');
    await h.update('A1', day(-30), 'IN_PROGRESS', 'RED');
    await h.update('A10', day(-100), 'IN_PROGRESS', 'GREEN');
    await h.update('A2', day(-20), 'COMPLETE', 'GREEN');
    await h.update('a2', day(-100), 'IN_PROGRESS', null);
    await h.update('a2', day(-10), 'CANCELLED', null);
    await h.update('B2', day(-5), 'COMPLETE', 'GREEN');
    await h.reviseDueOn('A2', day(60), 'Funding "delayed"');
    // Every character COPY or JSON escapes, in a title and in a ref (which the lines are sorted by).
    const every = Array.from({ length: 31 }, (_, i) => String.fromCharCode(i + 1)).join('');
    await t.dataSource.query(`UPDATE action SET title = $1 WHERE id = $2`, [
      `${every} "quoted" back\\slash \u007f \u2029 \u{1F600}`,
      h.ids.A1,
    ]);
    await t.dataSource.query(`UPDATE action SET ref = $1 WHERE id = $2`, ['a\\2\t\u0001', h.ids.a2]);
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  });

  it.each(OPERATIONS.map((q, i) => [i, q]))(
    'operation %i: the same bytes as executed, for windows with and without lines',
    async (_i, operation) => {
      for (const [from, to] of [
        [day(-60), null],
        [day(-365), day(-1)],
        [day(-60), day(-25)],
        [day(-2), day(-1)],
      ]) {
        const variables = { s: strategy.id, from, to };
        t.statements.reset();
        const text = await raw(operation.replace('$ROOT', ''), variables);
        // The text path ran (its statement numbers days to order new and overdue actions by) ...
        expect(t.statements.statements.some((s) => s.includes(TEXT_PATH))).toBe(true);
        t.statements.reset();
        const executed = await raw(operation.replace('$ROOT', '@include(if: true)'), variables);
        // ... and the other did not.
        expect(t.statements.statements.some((s) => s.includes(TEXT_PATH))).toBe(false);
        expect(text).toBe(executed);
        expect(JSON.parse(text).errors).toBeUndefined();
      }
      // A window with lines of every kind but revisions... and with a revision.
      const body = JSON.parse(
        await raw(OPERATIONS[0]!.replace('$ROOT', ''), { s: strategy.id, from: day(-60) }),
      );
      const c = body.data.rollupChanges;
      expect(c.actions.length).toBeGreaterThan(0);
      expect(c.newActions.map((l: { action: { ref: string } }) => l.action.ref)).toEqual(['B1', 'B2']);
      expect(c.newlyCompleted.length).toBe(2);
      expect(c.newlyOverdue.map((l: { action: { ref: string } }) => l.action.ref)).toEqual(['A10', 'B1']);
      expect(c.dueDateRevisions.map((l: { action: { ref: string } }) => l.action.ref)).toEqual(['A2']);
    },
  );

  it('answers sent at once, from the one reused buffer, each have their own bytes', async () => {
    const windows = [day(-60), day(-365), day(-25), day(-2)].map((from) => ({ s: strategy.id, from }));
    const op = OPERATIONS[0]!;
    const executed = await Promise.all(windows.map((v) => raw(op.replace('$ROOT', '@include(if: true)'), v)));
    for (let round = 0; round < 3; round++) {
      const texts = await Promise.all(windows.map((v) => raw(op.replace('$ROOT', ''), v)));
      expect(texts).toEqual(executed);
    }
  });

  /** A kind's lines as the answer sends them: their JSON texts joined by commas. */
  const text = (l: AnswerLines) => {
    const out = l.bytes.toString('utf8', l.start, l.end);
    l.written();
    return out;
  };
  const windowArgs = async (from: string) => {
    const [{ partnership_id: partnershipId }] = await t.dataSource.query(
      'SELECT partnership_id FROM strategy WHERE id = $1',
      [strategy.id],
    );
    return { strategyId: strategy.id, partnershipId, from, to: day(0) };
  };
  const rollback = new Error('rollback');

  it('sorts refs by code point as PostgreSQL sorts them in byte order, and as the collation does', async () => {
    const action: LineSelection = { key: 'action', field: 'action', action: [{ key: 'ref', field: 'ref' }] };
    const plan = planActionLines([
      { kind: 'actions', selection: [action] },
      { kind: 'newActions', selection: [action, { key: 'agreedOn', field: 'agreedOn' }] },
    ]);
    const args = await windowArgs(day(-150));
    await expect(
      t.dataSource.transaction(async (m) => {
        // Refs whose order differs between UTF-16 units and code points (U+1D49C is a surrogate pair,
        // U+FB00 is above the surrogates), and between a tab and COPY's escape of it (a backslash),
        // accents. The first three and the last are on 'actions' lines.
        const refs = ['\u{1D49C}1', '\uFB00', 'X\t1', 'é2', 'e3', 'X 2'];
        const rows = (await m.query(
          `SELECT a.id FROM action a WHERE a.strategy_id = $1 ORDER BY a.ref LIMIT ${refs.length}`,
          [strategy.id],
        )) as Array<{ id: string }>;
        expect(rows.length).toBe(refs.length);
        expect(refs[0]!.length).toBe(3);
        for (const [i, r] of rows.entries()) {
          await m.query('UPDATE action SET ref = $2 WHERE id = $1', [r.id, `~${refs[i]}`]);
        }
        const bytewise = (await queryActionLines(m, plan, args, true)).map(text);
        const expected = (await m.query(
          `SELECT a.ref FROM action a WHERE a.strategy_id = $1 ORDER BY a.ref COLLATE "C", a.id`,
          [strategy.id],
        )) as Array<{ ref: string }>;
        const listed = (JSON.parse(`[${bytewise[0]}]`) as Array<{ action: { ref: string } }>).map(
          (l) => l.action.ref,
        );
        expect(listed.length).toBeGreaterThan(1);
        const rank = new Map(expected.map((r, i) => [r.ref, i]));
        expect(listed.map((r) => rank.get(r))).toEqual(
          listed.map((r) => rank.get(r)).sort((x, y) => x! - y!),
        );
        expect(listed.filter((r) => r.startsWith('~')).length).toBeGreaterThan(0);
        // Where the collation is byte order, PostgreSQL's own sort gives the very same bytes.
        if (await refSortsBytewise(t.dataSource)) {
          expect((await queryActionLines(m, plan, args, false)).map(text)).toEqual(bytewise);
        }
        throw rollback;
      }),
    ).rejects.toBe(rollback);
  });

  it('orders thousands of lines, which come unsorted, by day and then by ref', async () => {
    const plan = planActionLines([
      {
        kind: 'newActions',
        selection: [
          { key: 'action', field: 'action', action: [{ key: 'ref', field: 'ref' }] },
          { key: 'agreedOn', field: 'agreedOn' },
        ],
      },
    ]);
    const args = await windowArgs(day(-60));
    await expect(
      t.dataSource.transaction(async (m) => {
        // 3,000 new actions, inserted out of ref order, agreed on three days.
        await m.query(
          `INSERT INTO action (strategy_id, objective_id, output_id, group_id, ref, title, agreed_on)
           SELECT a.strategy_id, a.objective_id, a.output_id, a.group_id,
             'R' || lpad((n * 7919 % 3000)::text, 4, '0'), 'Bulk ' || n,
             $2::date + (n % 3) * 5
           FROM action a, generate_series(1, 3000) n WHERE a.id = $1`,
          [ids.A1, day(-30)],
        );
        const lines = (await queryActionLines(m, plan, args, true)).map(text);
        const listed = JSON.parse(`[${lines[0]}]`) as Array<{ action: { ref: string }; agreedOn: string }>;
        const expected = (await m.query(
          `SELECT a.ref, a.agreed_on AS "agreedOn" FROM action a
           WHERE a.strategy_id = $1 AND a.agreed_on > $2 AND a.agreed_on <= $3
           ORDER BY a.agreed_on, a.ref COLLATE "C", a.id`,
          [strategy.id, args.from, args.to],
        )) as Array<{ ref: string; agreedOn: string }>;
        expect(listed.length).toBeGreaterThan(3000);
        expect(listed).toEqual(expected.map((e) => ({ action: { ref: e.ref }, agreedOn: e.agreedOn })));
        throw rollback;
      }),
    ).rejects.toBe(rollback);
  });

  it('writes only checked values into its COPY statement (which takes no parameters)', async () => {
    const plan = planActionLines([
      { kind: 'newActions', selection: [{ key: 'agreedOn', field: 'agreedOn' }] },
    ]);
    const args = await windowArgs(day(-60));
    const lines = await queryActionLines(t.dataSource, plan, args, true);
    expect(JSON.parse(`[${text(lines[0]!)}]`)).toEqual([{ agreedOn: day(-30) }, { agreedOn: day(-30) }]);
    for (const bad of [
      { ...args, strategyId: `${strategy.id}' OR '1' = '1` },
      { ...args, partnershipId: 'not-a-uuid' },
      { ...args, from: `${day(-60)}'::date) TO STDOUT; --` },
      { ...args, to: '2026-1-1' },
    ]) {
      await expect(queryActionLines(t.dataSource, plan, bad, true)).rejects.toThrow(/^not a (uuid|date)/);
    }
  });

  it('an infinite due date (which date subtraction refuses) is listed first', async () => {
    const plan = planActionLines([
      {
        kind: 'newlyOverdue' as const,
        selection: [
          { key: 'action', field: 'action', action: [{ key: 'ref', field: 'ref' }] },
          { key: 'dueOn', field: 'dueOn' },
        ],
      },
    ]);
    const args = await windowArgs(day(-365));
    await expect(
      t.dataSource.transaction(async (m) => {
        await m.query(`UPDATE action SET due_on = '-infinity' WHERE id = $1`, [ids.A10]);
        const lines = await queryActionLines(m, plan, args, await refSortsBytewise(t.dataSource));
        const overdue = JSON.parse(`[${text(lines[0]!)}]`) as Array<{
          action: { ref: string };
          dueOn: string;
        }>;
        expect(overdue[0]).toEqual({ action: { ref: 'A10' }, dueOn: '-infinity' });
        expect(overdue.length).toBeGreaterThan(1);
        throw rollback;
      }),
    ).rejects.toBe(rollback);
  });

  it('errors are the executed path\'s: no such strategy, "from" after "to", a bad date, signed out', async () => {
    const operation = OPERATIONS[0]!;
    for (const variables of [
      { s: '00000000-0000-4000-8000-000000000000', from: day(-60) },
      { s: strategy.id, from: day(-1), to: day(-2) },
      { s: strategy.id, from: '2026-02-30' },
      { s: 'not-a-uuid', from: day(-60) },
    ]) {
      const text = await raw(operation.replace('$ROOT', ''), variables);
      expect(text).toBe(await raw(operation.replace('$ROOT', '@include(if: true)'), variables));
      expect(JSON.parse(text).errors.length).toBeGreaterThan(0);
    }
    const signedOut = async (root: string) => {
      const res = await fetch(`${t.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          query: operation.replace('$ROOT', root),
          variables: { s: strategy.id, from: day(-60) },
        }),
      });
      return res.text();
    };
    const text = await signedOut('');
    expect(text).toBe(await signedOut('@include(if: true)'));
    expect(JSON.parse(text).errors.length).toBeGreaterThan(0);
  });
});
