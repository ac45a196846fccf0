import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    baseURL: string;
    adminEmail: string;
    adminPassword: string;
    /** The app's database when TEST_DATABASE_URL is set ('' with the embedded server). */
    databaseUrl: string;
  }
}

const here = path.dirname(fileURLToPath(import.meta.url));
const apiDir = path.resolve(here, '../../api');
const apiMain = path.join(apiDir, 'dist/main.js');
const webHandler = path.resolve(here, '../build/handler.js');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** pg is the API's dependency; borrow it from there rather than adding one to the web app. */
async function adminQuery(url: string, sql: string): Promise<void> {
  const require = createRequire(path.join(apiDir, 'package.json'));
  const pg = require('pg') as typeof import('pg');
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

async function waitForHealth(base: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the app exited (${child.exitCode}):\n${log()}`);
    try {
      const res = await fetch(`${base}/healthz`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the app did not become healthy in 90 s:\n${log()}`);
}

export default async function setup(project: TestProject) {
  // Turbo builds both before `npm test`; say plainly what is missing when run by hand.
  for (const f of [apiMain, webHandler]) {
    if (!fs.existsSync(f))
      throw new Error(`${f} is missing: run \`npm run build\` at the repository root first`);
  }
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const adminEmail = 'e2e-admin@example.org';
  const adminPassword = `e2e-${randomBytes(12).toString('hex')}`;

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'test',
    PORT: String(port),
    HOST: '127.0.0.1',
    THROUGHLINE_DEMO: '0',
    THROUGHLINE_ADMIN_EMAIL: adminEmail,
    THROUGHLINE_ADMIN_PASSWORD: adminPassword,
    LOG_LEVEL: 'warn',
    // The reminder pass every 2 seconds, so that a test sees a due reminder recorded (messages.test.ts).
    THROUGHLINE_SCHEDULE_SECONDS: '2',
  };
  delete env.DATABASE_URL;

  let cleanup: () => Promise<void>;
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (serverUrl) {
    const name = `tl_e2e_${process.pid}_${randomBytes(4).toString('hex')}`;
    await adminQuery(serverUrl, `CREATE DATABASE ${name}`);
    const u = new URL(serverUrl);
    u.pathname = `/${name}`;
    env.DATABASE_URL = u.toString();
    cleanup = () => adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } else {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'throughline-e2e-'));
    // mkdtemp makes it 0700; as root the embedded PostgreSQL runs as its own user and must get in.
    fs.chmodSync(dataDir, 0o755);
    env.THROUGHLINE_DATA_DIR = dataDir;
    cleanup = async () => fs.rmSync(dataDir, { recursive: true, force: true });
  }

  let output = '';
  const child = spawn(process.execPath, [apiMain], { cwd: apiDir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const keep = (b: Buffer) => {
    output = (output + b.toString()).slice(-20_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  try {
    await waitForHealth(base, child, () => output);
  } catch (e) {
    child.kill('SIGKILL');
    await cleanup();
    throw e;
  }

  project.provide('baseURL', base);
  project.provide('adminEmail', adminEmail);
  project.provide('adminPassword', adminPassword);
  project.provide('databaseUrl', env.DATABASE_URL ?? '');

  return async () => {
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    }
    await cleanup();
  };
}
