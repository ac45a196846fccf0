// Closing a reporting round and reading a closed round's record (docs/rollup-rules.md, "Closed periods
// and restatements"), on a fresh copy of a size's template, in alternating blocks so that a shared
// machine's load falls on each side alike:
// - closeReportingRound against the roll-up request of the same strategy as of the same date (the
//   round's returnsDueOn): closing computes that roll-up once and stores it. Floor: within 2x. Also
//   reported against the board page's roll-up request (with the indicators' figures, which a record
//   holds too).
// - a closed round's record (ReportingRound.rollup, read back as stored) against the list page.
//   Floor: p50 within 1.2x the list page's p50.
import { GraphQLClient } from './http.js';
import { OURS_LIST, OURS_ROLLUP } from './queries.js';
import { percentile } from './stats.js';
import { startOurs } from './systems.js';

const ROLLUP_FIELDS = OURS_ROLLUP.slice(OURS_ROLLUP.indexOf('boardRollup'));
// The board page's roll-up also reads each indicator's figures per area and over time, which a record
// freezes too: closing is also compared with this request.
const FIGURES =
  'reportingPeriod partnershipWide { area period value } areas { area period value } series { area period value }';
const BOARD_ROLLUP = OURS_ROLLUP.replace(
  'latest latestPeriod progress',
  `latest latestPeriod progress ${FIGURES}`,
);
const RECORD = `query BenchRoundRecord($id: ID!) {
  reportingRound(id: $id) { id status rollup ${ROLLUP_FIELDS.slice(ROLLUP_FIELDS.indexOf('{'))}
}`;
const OPEN = `mutation BenchOpenRound($input: ReportingRoundInput!) { openReportingRound(input: $input) { id } }`;
const CLOSE = `mutation BenchCloseRound($id: ID!) { closeReportingRound(id: $id) { id status } }`;

function addDays(iso, n) {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

const p50 = (ms) =>
  percentile(
    [...ms].sort((a, b) => a - b),
    50,
  );
const round1 = (v) => Math.round(v * 10) / 10;

async function timed(fn) {
  const t0 = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

function must(r, what) {
  if (r.errors) throw new Error(`${what}: ${JSON.stringify(r.errors).slice(0, 400)}`);
  return r.data;
}

/**
 * Measures closing and reading records at one size on `url` (a database of the size's data the bench
 * may write to: rounds are opened and closed in it); `meta` is the dataset's (strategyId, groupIds).
 * `blocks` alternating blocks of `blockMs` per side. Returns p50s, ratios and the two floor checks.
 */
export async function benchClosing(url, sizeName, meta, { today, blocks = 4, blockMs = 1500, log }) {
  const { strategyId, groupIds } = meta;
  const ours = await startOurs(url);
  const c = new GraphQLClient(ours.url, { token: ours.token });
  try {
    // Rounds a day apart, a year back and on (each closed round's record is as of its own date).
    let k = 0;
    const nextRound = async () => {
      const due = addDays(today, -365 + k);
      k++;
      const input = { strategyId, title: `Bench round ${k}`, periodEnd: due, returnsDueOn: due };
      return { id: must(await c.request(OPEN, { input }), 'open').openReportingRound.id, due };
    };
    const closeOne = async () => {
      const round = await nextRound();
      const ms = await timed(async () => must(await c.request(CLOSE, { id: round.id }), 'close'));
      return { ms, round };
    };
    // Warm-up: one of each, so that prepared statements and the JIT are in place.
    const { round: first } = await closeOne();
    must(await c.request(OURS_ROLLUP, { strategyId, asOf: first.due }), 'roll-up');
    must(await c.request(RECORD, { id: first.id }), 'record');
    must(await c.request(OURS_LIST, { groupId: groupIds[0] }), 'list');
    const records = [first.id];

    const ms = { close: [], rollup: [], boardRollup: [], record: [], list: [] };
    let i = 0;
    for (let b = 0; b < blocks; b++) {
      // Closing against the roll-up of the same strategy as of the same date.
      let end = Date.now() + blockMs;
      do {
        const { ms: t, round } = await closeOne();
        ms.close.push(t);
        records.push(round.id);
        ms.rollup.push(
          await timed(async () =>
            must(await c.request(OURS_ROLLUP, { strategyId, asOf: round.due }), 'roll-up'),
          ),
        );
        ms.boardRollup.push(
          await timed(async () =>
            must(await c.request(BOARD_ROLLUP, { strategyId, asOf: round.due }), 'board roll-up'),
          ),
        );
      } while (Date.now() < end);
      // A closed round's record against the list page.
      for (const side of ['record', 'list']) {
        end = Date.now() + blockMs;
        do {
          i++;
          ms[side].push(
            await timed(async () =>
              side === 'record'
                ? must(await c.request(RECORD, { id: records[i % records.length] }), 'record')
                : must(await c.request(OURS_LIST, { groupId: groupIds[i % groupIds.length] }), 'list'),
            ),
          );
        } while (Date.now() < end);
      }
    }
    const p = Object.fromEntries(Object.entries(ms).map(([key, v]) => [key, round1(p50(v))]));
    const result = {
      n: Object.fromEntries(Object.entries(ms).map(([key, v]) => [key, v.length])),
      p50Ms: p,
      closeOverRollup: Math.round((p.close / p.rollup) * 100) / 100,
      closeOverBoardRollup: Math.round((p.close / p.boardRollup) * 100) / 100,
      recordOverList: Math.round((p.record / p.list) * 100) / 100,
      // What a record replaces: the roll-up recomputed as of the round's date.
      recordOverRollup: Math.round((p.record / p.rollup) * 100) / 100,
    };
    result.checks = [
      {
        name: 'closeReportingRound p50 <= 2x the roll-up of the same strategy and date',
        ok: result.closeOverRollup <= 2,
        detail: `${p.close} vs ${p.rollup} ms (${result.closeOverRollup}x)`,
      },
      {
        name: "a closed round's record p50 <= 1.2x the list page p50",
        ok: result.recordOverList <= 1.2,
        detail: `${p.record} vs ${p.list} ms (${result.recordOverList}x)`,
      },
    ];
    log(
      `${sizeName} closing: close p50 ${p.close} ms vs roll-up ${p.rollup} ms (${result.closeOverRollup}x, n=${ms.close.length}), ` +
        `vs the board page's roll-up with figures ${p.boardRollup} ms (${result.closeOverBoardRollup}x); ` +
        `record p50 ${p.record} ms vs list page ${p.list} ms (${result.recordOverList}x; ${result.recordOverRollup}x the roll-up)`,
    );
    return result;
  } finally {
    c.close();
    await ours.stop();
  }
}
