// One size of the benchmark: its template database, then each measurement in turn (reads.js,
// add-update.js, closing.js, rounds.js, board-pack.js), each on its own copy of the template.
import { benchClosing } from './closing.js';
import { copyDatabase, dropDatabase, ensureTemplate } from './db.js';
import { addDays } from './dates.js';
import { benchAddUpdate } from './add-update.js';
import { measureBoardPack } from './board-pack.js';
import { log } from './log.js';
import { benchReads } from './reads.js';
import { benchRounds } from './rounds.js';
import { SIZES } from './sizes.js';

/** Measures one size (S, M or L); the result is what run.js writes to bench/results. */
export async function benchSize(sizeName, ctx) {
  const { adminUrl, opts, today } = ctx;
  const size = SIZES[sizeName];
  const tpl = await ensureTemplate(adminUrl, sizeName, size, { seed: opts.seed, today, log });
  const yearBack = addDays(today, -365);
  const timing = opts.quick
    ? { warmupMs: 300, durationMs: 700, minRequests: 5 }
    : { warmupMs: 1000, durationMs: 3000, minRequests: 20 };
  const result = {
    size: sizeName,
    counts: tpl.counts,
    today,
    yearBack,
    timing,
    statements: {},
    operations: {},
  };
  // Reporting rounds (src/rounds.js): their statements join the others' (the same at every size).
  const rounds = async () => {
    result.rounds = await benchRounds(sizeName, { adminUrl, tpl, today, timing, log });
    for (const [op, s] of Object.entries(result.rounds.statements)) result.statements[op] = s;
  };
  if (opts.only === 'rounds') {
    await rounds();
    return result;
  }

  // 1, 2. The reads (src/reads.js), on a copy of the template kept until the closing round is measured.
  const readDb = await benchReads(sizeName, { adminUrl, tpl, today, yearBack, opts, timing, result });

  // 3. addActionUpdate (src/add-update.js), each system from a fresh copy of the template.
  await benchAddUpdate(sizeName, { adminUrl, tpl, today, opts, timing, result });

  // 4. Closing a round against the roll-up, and a closed round's record against the list page
  //    (src/closing.js), on a copy of the template.
  {
    const name = `tl_bench_${sizeName.toLowerCase()}_closing`;
    const url = await copyDatabase(adminUrl, tpl.name, name);
    try {
      result.closing = await benchClosing(url, sizeName, tpl.meta, {
        today,
        blocks: opts.quick ? 1 : 4,
        log,
      });
    } finally {
      await dropDatabase(adminUrl, name);
    }
  }
  await dropDatabase(adminUrl, readDb);
  await rounds();

  // 5. The board pack (issue 20): PDF and Word against the roll-up, each format on its own API process.
  {
    const name = `tl_bench_${sizeName.toLowerCase()}_pack`;
    const url = await copyDatabase(adminUrl, tpl.name, name);
    try {
      result.boardPack = await measureBoardPack(url, {
        label: sizeName,
        today,
        blocks: opts.quick ? 1 : 3,
        blockMs: opts.quick ? 500 : 1500,
        log,
      });
    } finally {
      await dropDatabase(adminUrl, name);
    }
  }
  return result;
}
