// Reporting rounds (issue 18) at one size: opening a round, the strategic lead's round overview and a
// chair's "what is due from me", each against the roll-up request of the same strategy in the same
// run, in alternating slices (runInterleaved), so that a shared machine's load falls on both alike.
// The targets: opening a round and the overview within 3x the roll-up. Also the statements
// each request sends (constant whatever the size: compare sizes).
import { copyDatabase, dropDatabase } from './db.js';
import { addDays } from './generate.js';
import { GraphQLClient } from './http.js';
import { OURS_MY_RETURNS, OURS_OPEN_ROUND, OURS_ROLLUP, OURS_ROUND_OVERVIEW } from './queries.js';
import { runInterleaved } from './stats.js';
import { startOurs } from './systems.js';

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const CHAIR = { email: 'bench-round-chair@example.org', password: 'steady-river-compass-4' };
/** Groups the bench chair chairs (the generated chairs cannot sign in). */
const CHAIRED_GROUPS = 3;

/** The bench chair, chair of the first groups, signed in; the first round, opened. */
async function prepare(client, url, { strategyId, groupIds, today }) {
  const { data } = await client.request(
    `mutation BenchChair($input: CreateUserInput!) { createUser(input: $input) { id } }`,
    { input: { ...CHAIR, name: 'Bench round chair', roles: [] } },
  );
  for (const groupId of groupIds.slice(0, CHAIRED_GROUPS)) {
    await client.request(
      `mutation BenchChairOf($groupId: ID!, $userId: ID!) { setGroupMembership(groupId: $groupId, userId: $userId, role: CHAIR) { id } }`,
      { groupId, userId: data.createUser.id },
    );
  }
  const anon = new GraphQLClient(url);
  const login = await anon.request(
    `mutation BenchChairLogin($email: String!, $password: String!) { login(email: $email, password: $password) { token } }`,
    CHAIR,
  );
  anon.close();
  // The round the pages read: the quarter just ended, returns due in two weeks (the window runs from the
  // strategy's start, so every update so far counts).
  const round = await client.request(OURS_OPEN_ROUND, {
    input: {
      strategyId,
      title: 'Bench quarter',
      periodEnd: addDays(today, -1),
      returnsDueOn: addDays(today, 14),
    },
  });
  return { chairToken: login.data.login.token, roundId: round.data.openReportingRound.id };
}

/**
 * Opens round after round (each later than the last, as the rule requires: day `40 + i`), so every
 * request does the whole work: every group with open actions gets its return.
 */
const openInput = (strategyId, today, i) => ({
  input: {
    strategyId,
    title: `Bench round ${i}`,
    periodEnd: addDays(today, 40 + i),
    returnsDueOn: addDays(today, 40 + i),
  },
});

/** Our API on `url` for the length of `fn` (with the SQL statement counter on or off). */
async function withOurs(url, countSql, fn) {
  const ours = await startOurs(url, { countSql });
  try {
    return await fn(ours);
  } finally {
    await ours.stop();
  }
}

/** The median statement count of five requests (the API's x-sql-statements header). */
async function count(client, doc, vars) {
  const seen = [];
  for (let k = 0; k < 5; k++) {
    const r = await client.request(doc, typeof vars === 'function' ? vars(k) : vars);
    seen.push(Number(r.headers['x-sql-statements']));
  }
  return { ours: median(seen), oursSamples: seen };
}

export async function benchRounds(sizeName, { adminUrl, tpl, today, timing, log }) {
  const { strategyId, groupIds } = tpl.meta;
  const name = `tl_bench_${sizeName.toLowerCase()}_rounds`;
  const url = await copyDatabase(adminUrl, tpl.name, name);
  const result = { statements: {}, operations: {} };
  const ratio = (a, b) => Math.round((a / b) * 100) / 100;
  try {
    // 1. The reads' statements, with the API's counter on; one round open (as in a real quarter).
    const ctx = await withOurs(url, true, async (ours) => {
      const lead = new GraphQLClient(ours.url, { token: ours.token });
      const prepared = await prepare(lead, ours.url, { strategyId, groupIds, today });
      const chair = new GraphQLClient(ours.url, { token: prepared.chairToken });
      result.statements.roundOverview = await count(lead, OURS_ROUND_OVERVIEW, { id: prepared.roundId });
      result.statements.myReturns = await count(chair, OURS_MY_RETURNS, {});
      lead.close();
      chair.close();
      return prepared;
    });

    // 2. Timing with the counter off: the reads against the roll-up, then opening rounds against it.
    await withOurs(url, false, async (ours) => {
      const lead = new GraphQLClient(ours.url, { token: ours.token });
      const chair = new GraphQLClient(ours.url, { token: ctx.chairToken });
      const { data } = await chair.request(OURS_MY_RETURNS, {});
      const overview = await lead.request(OURS_ROUND_OVERVIEW, { id: ctx.roundId });
      result.returnsInRound = overview.data.reportingRound.returns.length;
      result.actionsInRound = overview.data.reportingRound.returns.reduce((n, r) => n + r.actionCount, 0);
      result.myReturns = data.myReturns.length;
      const rollup = () => lead.request(OURS_ROLLUP, { strategyId, asOf: today });
      const opts = { concurrency: 1, ...timing, rounds: 4 };
      const reads = await runInterleaved(
        {
          rollup,
          roundOverview: () => lead.request(OURS_ROUND_OVERVIEW, { id: ctx.roundId }),
          myReturns: () => chair.request(OURS_MY_RETURNS, {}),
        },
        opts,
      );
      const opens = await runInterleaved(
        {
          rollup,
          openRound: (_w, i) => lead.request(OURS_OPEN_ROUND, openInput(strategyId, today, i)),
        },
        opts,
      );
      lead.close();
      chair.close();
      result.operations = {
        rollupWithReads: reads.rollup,
        roundOverview: reads.roundOverview,
        myReturns: reads.myReturns,
        rollupWithOpens: opens.rollup,
        openRound: opens.openRound,
      };
      result.ratios = {
        roundOverviewVsRollup: ratio(reads.roundOverview.p50, reads.rollup.p50),
        myReturnsVsRollup: ratio(reads.myReturns.p50, reads.rollup.p50),
        openRoundVsRollup: ratio(opens.openRound.p50, opens.rollup.p50),
      };
    });

    // 3. Opening a round's statements (after the timed ones: each round must be later than the last).
    await withOurs(url, true, async (ours) => {
      const lead = new GraphQLClient(ours.url, { token: ours.token });
      result.statements.openRound = await count(lead, OURS_OPEN_ROUND, (k) =>
        openInput(strategyId, today, 100_000 + k),
      );
      lead.close();
    });

    for (const [op, r] of Object.entries(result.operations)) {
      log(`${sizeName} rounds ${op}: p50 ${r.p50} ms, p95 ${r.p95} ms, ${r.requests} requests`);
    }
    log(
      `${sizeName} rounds: ${result.returnsInRound} returns, ${result.actionsInRound} open actions, the chair's ${result.myReturns} returns; ` +
        `p50 vs the roll-up: overview ${result.ratios.roundOverviewVsRollup}x, open ${result.ratios.openRoundVsRollup}x, ` +
        `my returns ${result.ratios.myReturnsVsRollup}x; statements ${JSON.stringify(
          Object.fromEntries(Object.entries(result.statements).map(([k, v]) => [k, v.ours])),
        )}`,
    );
  } finally {
    await dropDatabase(adminUrl, name);
  }
  return result;
}

/** The issue's targets, for the floors' list: the overview and opening a round within 3x the roll-up. */
export function roundChecks(rounds) {
  if (!rounds?.ratios) return [];
  const { operations: o, ratios } = rounds;
  return [
    {
      clients: 1,
      name: 'round overview p50 <= 3x roll-up',
      ok: ratios.roundOverviewVsRollup <= 3,
      detail: `${o.roundOverview.p50} vs ${o.rollupWithReads.p50} ms (${ratios.roundOverviewVsRollup}x)`,
    },
    {
      clients: 1,
      name: 'opening a round p50 <= 3x roll-up',
      ok: ratios.openRoundVsRollup <= 3,
      detail: `${o.openRound.p50} vs ${o.rollupWithOpens.p50} ms (${ratios.openRoundVsRollup}x)`,
    },
  ];
}
