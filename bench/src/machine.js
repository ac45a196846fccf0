// What the run was measured on (recorded in each result file) and the partnership's "today".
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { adminQuery, REPO } from './db.js';
import { API_NODE, PEER_NODE } from './systems.js';

const execFileP = promisify(execFile);

/** The partnership's day (UK), as the API counts "today". */
export function ukToday() {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/London',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date());
}

/** A package's installed version: the bench's own install (PostGraphile, pg) first, then the root's. */
function packageVersion(name) {
  for (const modules of ['bench/node_modules', 'node_modules']) {
    try {
      return JSON.parse(fs.readFileSync(path.join(REPO, modules, name, 'package.json'), 'utf8')).version;
    } catch {
      // not installed there
    }
  }
  return null;
}

export async function machine(adminUrl) {
  const { rows } = await adminQuery(
    adminUrl,
    "SELECT version() AS v, current_setting('shared_buffers') AS sb",
  );
  return {
    nproc: os.availableParallelism?.() ?? os.cpus().length,
    cpu: os.cpus()[0]?.model,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    loadAverage: os.loadavg().map((x) => Math.round(x * 100) / 100),
    postgres: rows[0].v,
    sharedBuffers: rows[0].sb,
    nodeForBench: process.version,
    nodeForApi: (await execFileP(API_NODE, ['--version'])).stdout.trim(),
    nodeForPeer: (await execFileP(PEER_NODE, ['--version'])).stdout.trim(),
    packages: Object.fromEntries(
      [
        'postgraphile',
        'pg',
        '@apollo/server',
        'type-graphql',
        'typeorm',
        'graphql',
        'express',
        'dataloader',
      ].map((n) => [n, packageVersion(n)]),
    ),
  };
}
