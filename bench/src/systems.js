// Starting and stopping the servers under test, with the same settings for each: NODE_ENV=production,
// the same database pool size, no request logging or tracing.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { REPO } from './db.js';
import { freePort, GraphQLClient, waitForHttp } from './http.js';

export const POOL_SIZE = 10;
export const ADMIN = { email: 'bench-admin@example.org', password: 'quiet-harbour-lantern-7' };

/**
 * The Node that runs both APIs: the one running the bench (Node 24, the product's runtime; PostGraphile
 * needs Node >= 22). BENCH_API_NODE overrides it for our API.
 */
export const API_NODE = process.env.BENCH_API_NODE || process.execPath;
export const PEER_NODE = process.execPath;

const running = new Set();
// A bench stopped by a signal or an error takes its servers with it.
process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => process.exit(130));
}

function startChild(cmd, args, env, name) {
  const child = spawn(cmd, args, {
    cwd: REPO,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  child.once('exit', () => running.delete(child));
  let output = '';
  const keep = (d) => {
    output = (output + d.toString()).slice(-8000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  child.output = () => output;
  child.label = name;
  return child;
}

async function stopChild(child) {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

/**
 * The V8 flags our API is started with in production: those of apps/api's `npm start` script, read
 * from its package.json so that the bench runs exactly what users run.
 */
export function productionNodeArgs() {
  const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'apps/api/package.json'), 'utf8'));
  const words = pkg.scripts.start.split(/\s+/);
  return words
    .slice(words.indexOf('node') + 1, words.indexOf('dist/main.js'))
    .filter((w) => w.startsWith('--'));
}

/** Our API: apps/api/dist/main.js on a free port, as `npm start` runs it; signs in as the bench admin. */
export async function startOurs(
  databaseUrl,
  { countSql = false, nodeArgs = productionNodeArgs(), main, env = {}, node = API_NODE } = {},
) {
  const port = await freePort();
  const child = startChild(
    node,
    [...nodeArgs, main ?? path.join(REPO, 'apps/api/dist/main.js')],
    {
      DATABASE_URL: databaseUrl,
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      THROUGHLINE_DEMO: '0',
      THROUGHLINE_ADMIN_EMAIL: ADMIN.email,
      THROUGHLINE_ADMIN_PASSWORD: ADMIN.password,
      THROUGHLINE_DB_POOL_SIZE: String(POOL_SIZE),
      THROUGHLINE_COUNT_SQL: countSql ? '1' : '0',
      // The bench admin makes thousands of updates a minute: keep the limiter on (its cost is measured)
      // but out of reach.
      THROUGHLINE_MUTATION_RATE_LIMIT: '100000000',
      LOG_LEVEL: 'warn',
      ...env,
    },
    'ours',
  );
  try {
    await waitForHttp(`http://127.0.0.1:${port}/healthz`, 60_000, child);
  } catch (e) {
    await stopChild(child);
    throw new Error(`our API did not start: ${e.message}\n${child.output()}`);
  }
  const url = `http://127.0.0.1:${port}/graphql`;
  const anon = new GraphQLClient(url);
  const { data } = await anon.request(
    'mutation BenchLogin($email: String!, $password: String!) { login(email: $email, password: $password) { token } }',
    ADMIN,
  );
  anon.close();
  return { name: 'ours', url, token: data.login.token, child, stop: () => stopChild(child) };
}

/** The peer: PostGraphile v5 (bench/src/peer/server.mjs), on the bench's own Node. */
export async function startPeer(databaseUrl) {
  const port = await freePort();
  const statsPort = await freePort();
  const child = startChild(
    PEER_NODE,
    [path.join(REPO, 'bench/src/peer/server.mjs')],
    {
      DATABASE_URL: databaseUrl,
      NODE_ENV: 'production',
      PORT: String(port),
      STATS_PORT: String(statsPort),
      POOL_SIZE: String(POOL_SIZE),
    },
    'peer',
  );
  const base = `http://127.0.0.1:${port}`;
  const statementsUrl = `http://127.0.0.1:${statsPort}/`;
  try {
    await waitForHttp(statementsUrl, 60_000, child);
    // grafserv answers GET /graphql with 4xx/405 once the schema is built; any HTTP answer will do.
    await waitForHttp(`${base}/graphql`, 60_000, child, () => true);
  } catch (e) {
    await stopChild(child);
    throw new Error(`PostGraphile did not start: ${e.message}\n${child.output()}`);
  }
  return { name: 'peer', url: `${base}/graphql`, statementsUrl, child, stop: () => stopChild(child) };
}
