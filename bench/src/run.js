#!/usr/bin/env node
// `npm run bench [-- --size S|M|L|S,M,L] [--quick] [--seed N] [--no-build] [--only rounds]`
// Builds each size's data once (template database), checks that every system gives the same answers,
// then measures our API, the SQL floor and PostGraphile (the peer) at 1, 2, 4 and 8 clients.
// The jobs: cli.js (options), machine.js, bench-size.js (one size: reads.js, add-update.js, closing.js,
// rounds.js, board-pack.js), report.js (ratios, floors, the table).
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { benchSize } from './bench-size.js';
import { parseArgs } from './cli.js';
import { REPO, withDatabase } from './db.js';
import { log } from './log.js';
import { machine, ukToday } from './machine.js';
import { floorChecks, printTable, ratios } from './report.js';
import { roundChecks } from './rounds.js';
import { POOL_SIZE } from './systems.js';

export { parseArgs } from './cli.js';
export { floorChecks, ratios } from './report.js';

const execFileP = promisify(execFile);

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const base = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
  const adminUrl = withDatabase(base, 'postgres');
  const today = ukToday();
  if (opts.build) {
    log('building apps/api (tsc)');
    try {
      await execFileP('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: path.join(REPO, 'apps/api') });
    } catch (e) {
      // Emitted JavaScript is still written on type errors; say so and carry on with it.
      log(
        `apps/api build reported errors (continuing with the emitted dist): ${String(e.stdout).slice(0, 400)}`,
      );
    }
  }
  const started = new Date();
  const stamp = started.toISOString().replace(/[:.]/g, '-');
  const info = await machine(adminUrl);
  log(
    `machine: ${info.nproc} cores, ${info.memoryGiB} GiB, ${info.postgres.split(' on ')[0]}, API node ${info.nodeForApi}, peer node ${info.nodeForPeer}, bench node ${info.nodeForBench}`,
  );
  const command = `npm run bench -- ${process.argv.slice(2).join(' ')}`.trim();
  const results = [];
  fs.mkdirSync(path.join(REPO, 'bench/results'), { recursive: true });
  for (const sizeName of opts.sizes) {
    const t0 = performance.now();
    const r = await benchSize(sizeName, { adminUrl, opts, today });
    r.seconds = Math.round((performance.now() - t0) / 100) / 10;
    r.ratios = ratios(r);
    r.checks = [...floorChecks(r, []), ...roundChecks(r.rounds)];
    results.push(r);
    fs.writeFileSync(
      path.join(REPO, `bench/results/${opts.only ? `${opts.only}-` : ''}${sizeName}-${stamp}.json`),
      JSON.stringify(
        {
          command,
          started: started.toISOString(),
          machine: info,
          poolSize: POOL_SIZE,
          quick: opts.quick,
          ...r,
        },
        null,
        2,
      ),
    );
    console.log(
      `\n== size ${sizeName} (${r.counts.action} actions, ${r.counts.action_update} updates) in ${r.seconds} s; ratios ours/floor and ours/peer`,
    );
    printTable(r.ratios);
    console.log(
      `statements per request: ${JSON.stringify(r.statements, (k, v) => (k === 'oursSamples' ? undefined : v))}`,
    );
  }
  const statementCheck = floorChecks({ operations: {} }, results);
  const summary = {
    command,
    started: started.toISOString(),
    finished: new Date().toISOString(),
    machine: info,
    poolSize: POOL_SIZE,
    quick: opts.quick,
    sizes: results,
    statementCheck,
  };
  // A run of one scenario (--only) leaves the last whole run's summary in place.
  if (!opts.only) {
    fs.writeFileSync(path.join(REPO, 'bench/results/latest.json'), JSON.stringify(summary, null, 2));
  }
  console.log('\n== floors (issue 10: size L at 1 and 2 clients)');
  for (const r of results) {
    for (const c of r.checks)
      console.log(`${c.ok ? 'ok  ' : 'MISS'} ${r.size} c=${c.clients} ${c.name}: ${c.detail}`);
    for (const c of r.closing?.checks ?? [])
      console.log(`${c.ok ? 'ok  ' : 'MISS'} ${r.size} ${c.name}: ${c.detail}`);
  }
  for (const c of statementCheck) console.log(`${c.ok ? 'ok  ' : 'MISS'} ${c.name}: ${c.detail}`);
  console.log('\n== board pack (issue 20: the PDF within 20x the roll-up at size M; memory bounded)');
  for (const r of results) {
    const p = r.boardPack;
    if (!p) continue;
    console.log(
      `${p.pdfWithin20x ? 'ok  ' : 'MISS'} ${r.size} PDF ${p.pdf.p50Ms} ms = ${p.pdf.overRollup}x the roll-up ` +
        `(${p.pdf.rollupP50Ms} ms), peak RSS ${Math.round(p.pdf.memoryMb.peakRssDuring)} MB; Word ${p.docx.p50Ms} ms = ` +
        `${p.docx.overRollup}x, peak RSS ${Math.round(p.docx.memoryMb.peakRssDuring)} MB`,
    );
  }
  log(
    opts.only
      ? `results: bench/results/${opts.only}-<size>-${stamp}.json`
      : `results: bench/results/latest.json and bench/results/<size>-${stamp}.json`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((e) => {
    console.error(`[bench] FAILED: ${e.stack ?? e}`);
    process.exit(1);
  });
}
