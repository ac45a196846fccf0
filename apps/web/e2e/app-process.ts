import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Starting the built app (API + web) as `npm start` does, for global-setup.ts and for tests that need their own. */

const here = path.dirname(fileURLToPath(import.meta.url));
export const apiDir = path.resolve(here, '../../api');
export const apiMain = path.join(apiDir, 'dist/main.js');
export const webHandler = path.resolve(here, '../build/handler.js');

export function freePort(): Promise<number> {
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
export async function adminQuery(url: string, sql: string): Promise<void> {
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

export interface AppProcess {
  baseURL: string;
  /** The last 20,000 characters the app wrote. */
  output(): string;
  stop(): Promise<void>;
}

/**
 * apps/api/dist/main.js on a free port with `env` (DATABASE_URL or THROUGHLINE_DATA_DIR, the admin's
 * login...), once /healthz answers. The scheduler starts as it does in production.
 */
export async function startApp(env: NodeJS.ProcessEnv, port?: number): Promise<AppProcess> {
  port ??= await freePort();
  const baseURL = `http://127.0.0.1:${port}`;
  let output = '';
  const child = spawn(process.execPath, [apiMain], {
    cwd: apiDir,
    env: {
      ...env,
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      THROUGHLINE_DEMO: '0',
      PORT: String(port),
      HOST: '127.0.0.1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const keep = (b: Buffer) => {
    output = (output + b.toString()).slice(-20_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  try {
    await waitForHealth(baseURL, child, () => output);
  } catch (e) {
    child.kill('SIGKILL');
    throw e;
  }
  return {
    baseURL,
    output: () => output,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}
