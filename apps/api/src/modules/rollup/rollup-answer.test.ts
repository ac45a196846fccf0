import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admin, board, ids, setUp, t, tearDown } from '../../../test/support/rollup-testbed';

/**
 * The board roll-up answered as text (rollup-answer.ts): for each operation, date and reader, the
 * answer's bytes are the same as when the operation is executed as usual (a directive on the root field
 * keeps it off the text path), and the text path is the one taken. The data adds what JSON must escape
 * and floats JavaScript prints otherwise than PostgreSQL (2.5e-05, 1e+21, 1e-07, -0).
 */

const TALLY = 'total red amber green unrated notStarted inProgress complete cancelled overdue staleUpdates';

/** Operations that qualify; `$ROOT` is where the directive goes to execute them as usual. */
const OPERATIONS = [
  // The bench's selection (bench/src/queries.js).
  `query R($s: ID!, $asOf: Date) { boardRollup(strategyId: $s, asOf: $asOf) $ROOT {
    asOf
    totals { ${TALLY} }
    objectives {
      objective { id code }
      score derivedRag actions { ${TALLY} }
      outputs { output { id } score derivedRag actions { ${TALLY} } }
      outcomes { outcome { id } indicators { indicator { id } baseline target latest latestPeriod progress } }
    }
    tagCoverage(kind: "ecological-level") { objective { id } tag { slug } actionCount }
    recommendations { total open inProgress implemented assured overdue }
    feedback { total responded }
  } }`,
  // Every field the text writes, aliases, __typename, another order, two coverages (one by variable).
  `query A($s: ID!, $asOf: Date, $kind: String!) { board: boardRollup(asOf: $asOf, strategyId: $s) $ROOT {
    __typename
    feedback { responded total __typename }
    recommendations { overdue assured implemented inProgress open total }
    levels: tagCoverage(kind: $kind) { actionCount tag { label slug kind id __typename } objective { version position description title code strategyId id } }
    themes: tagCoverage(kind: " theme ") { __typename actionCount }
    objectives {
      outcomes { indicators { progress latestPeriod latest target baseline indicator { version tolerance isRate target baseline unit name outcomeId id __typename } } outcome { version position description title objectiveId id } }
      outputs { actions { staleUpdates total } derivedRag score output { version position description title objectiveId id __typename } }
      ragAgain: derivedRag
      actions { ${TALLY} }
      objective { __typename id strategyId code title description position version }
      score
    }
    strategy { version escalateAfterDays reminderDaysBefore updateCadenceDays amberThreshold greenThreshold endsOn startsOn vision title id }
    totals { total }
    day: asOf
  } }`,
];

describe('the board roll-up, answered as text', () => {
  let texts: Array<string | null> = [];

  const raw = async (query: string, variables: Record<string, unknown>, token: string) => {
    const res = await fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    return res.text();
  };

  beforeAll(async () => {
    await setUp();
    // Strings JSON must escape, floats written differently by PostgreSQL and JavaScript, an objective
    // without outputs or outcomes, an outcome without indicators.
    await t.dataSource.query(`UPDATE objective SET title = $1, description = $2 WHERE id = $3`, [
      'Quote " back\\slash \t tab \u0001 \u001f ✓ 𝄞 \u2028',
      'Line\nbreak </script>',
      ids.O1,
    ]);
    await t.dataSource.query(
      `UPDATE indicator SET baseline = 0.000025, target = 1e21, tolerance = 1e-7 WHERE id = $1`,
      [ids.I1],
    );
    await t.dataSource.query(
      `UPDATE strategy SET green_threshold = 0.8, amber_threshold = 0.45, starts_on = '2025-01-01' WHERE id = $1`,
      [ids.S],
    );
    const [o2] = await t.dataSource.query(
      `INSERT INTO objective (strategy_id, code, title, description, position)
       VALUES ($1, 'O2', 'Empty', '', 2) RETURNING id`,
      [ids.S],
    );
    const [oc2] = await t.dataSource.query(
      `INSERT INTO outcome (objective_id, title, description, position) VALUES ($1, 'No indicators', '', 1) RETURNING id`,
      [ids.O1],
    );
    const [i2] = await t.dataSource.query(
      `INSERT INTO indicator (outcome_id, name, unit, baseline, target, tolerance)
       VALUES ($1, 'Negative zero', 'n', '-0', 5, 0) RETURNING id`,
      [ids.OC1],
    );
    await t.dataSource.query(
      `INSERT INTO measurement (indicator_id, period, value, source, area) VALUES ($1, '2025-04-01', 2.5e-7, '', '')`,
      [i2.id],
    );
    expect([o2.id, oc2.id]).toHaveLength(2);
    // Count what boardRollupText gives: the text path must be the one taken.
    const service = t.services.rollup;
    const original = service.boardRollupText.bind(service);
    service.boardRollupText = async (...args) => {
      const text = await original(...args);
      texts.push(text);
      return text;
    };
  });

  afterAll(tearDown);

  it('gives the bytes of the executed answer for every operation, date and reader', async () => {
    for (const [n, op] of OPERATIONS.entries()) {
      for (const asOf of [null, '2025-02-10', '2025-06-30', '2020-01-01']) {
        for (const who of [admin, board]) {
          const variables = { s: ids.S, asOf, kind: 'ecological-level' };
          texts = [];
          const asText = await raw(op.replace('$ROOT', ''), variables, who.token);
          expect(
            texts.map((x) => typeof x),
            `operation ${n} as of ${asOf}`,
          ).toEqual(['string']);
          texts = [];
          const executed = await raw(op.replace('$ROOT', '@include(if: true)'), variables, who.token);
          expect(texts).toEqual([]);
          expect(asText, `operation ${n} as of ${asOf}`).toBe(executed);
          expect(JSON.parse(asText).errors).toBeUndefined();
        }
      }
    }
  });

  it('answers an unknown strategy, a blank kind or a fragment as the executed operation does', async () => {
    const cases: Array<[string, Record<string, unknown>]> = [
      [OPERATIONS[0]!, { s: randomUUID(), asOf: null }],
      [OPERATIONS[0]!, { s: 'not-a-uuid', asOf: null }],
      [OPERATIONS[1]!, { s: ids.S, asOf: null, kind: '  ' }],
      [
        `query F($s: ID!) { boardRollup(strategyId: $s) $ROOT { ...T } } fragment T on BoardRollup { asOf totals { total } }`,
        { s: ids.S },
      ],
    ];
    for (const [op, variables] of cases) {
      const asText = await raw(op.replace('$ROOT', ''), variables, admin.token);
      const executed = await raw(op.replace('$ROOT', '@include(if: true)'), variables, admin.token);
      expect(asText).toBe(executed);
    }
  });

  it("executes as usual when a rate indicator's figures are selected", async () => {
    await t.dataSource.query(`UPDATE indicator SET is_rate = true WHERE id = $1`, [ids.I1]);
    try {
      const variables = { s: ids.S, asOf: '2025-06-30' };
      texts = [];
      const asText = await raw(OPERATIONS[0]!.replace('$ROOT', ''), variables, admin.token);
      expect(texts).toEqual([null]);
      const executed = await raw(
        OPERATIONS[0]!.replace('$ROOT', '@include(if: true)'),
        variables,
        admin.token,
      );
      expect(asText).toBe(executed);
      // Not selected: the text path.
      texts = [];
      const query = `query($s: ID!) { boardRollup(strategyId: $s) $ROOT { objectives { outcomes { indicators { indicator { id isRate } baseline } } } } }`;
      const plain = await raw(query.replace('$ROOT', ''), { s: ids.S }, admin.token);
      expect(texts.map((x) => typeof x)).toEqual(['string']);
      expect(plain).toBe(await raw(query.replace('$ROOT', '@include(if: true)'), { s: ids.S }, admin.token));
    } finally {
      await t.dataSource.query(`UPDATE indicator SET is_rate = false WHERE id = $1`, [ids.I1]);
    }
  });
});
