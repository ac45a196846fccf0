import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';

// The built server, started as an operator would, on the embedded database in a fresh data folder.
const main = path.resolve(__dirname, '../dist/main.js');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'throughline-embedded-'));
// As root the database runs as 'postgres', which must be able to enter the folder.
fs.chmodSync(dataDir, 0o755);
const started: ChildProcess[] = [];

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

async function start(): Promise<{ child: ChildProcess; port: number; output: () => string }> {
  const port = await freePort();
  const child = spawn(process.execPath, [main], {
    env: { PATH: process.env.PATH, PORT: String(port), THROUGHLINE_DATA_DIR: dataDir, THROUGHLINE_DEMO: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push(child);
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) => reject(new Error(`exited ${code}: ${out}`))),
  );
  for (const until = Date.now() + 90_000; Date.now() < until;) {
    const ok = await Promise.race([
      fetch(`http://127.0.0.1:${port}/healthz`).then(
        (r) => r.ok,
        () => false,
      ),
      exited,
    ]);
    if (ok) return { child, port, output: () => out };
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`never answered /healthz: ${out}`);
}

/** Port of the embedded server, from the pid file PostgreSQL writes in its data folder. */
function postmaster(): { pid: number; port: number } {
  const lines = fs.readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n');
  return { pid: Number(lines[0]), port: Number(lines[3]) };
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

afterAll(async () => {
  for (const c of started) if (c.exitCode === null && c.signalCode === null) c.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 3000));
  try {
    const { pid } = postmaster();
    if (alive(pid)) process.kill(pid, 'SIGINT');
  } catch {
    // already gone
  }
});

describe('the embedded database', () => {
  it('starts again after the server was killed with kill -9, stopping the orphaned PostgreSQL', async () => {
    const first = await start();
    const orphan = postmaster();
    first.child.kill('SIGKILL');
    await new Promise((r) => first.child.once('exit', r));
    expect(alive(orphan.pid)).toBe(true); // left running: what used to make every later start fail

    const second = await start();
    expect(postmaster().pid).not.toBe(orphan.pid);
    expect(alive(orphan.pid)).toBe(false);
    // /healthz answers before start-up finishes (the scheduler starts after the server listens).
    for (let i = 0; i < 300 && !second.output().includes('Throughline is running'); i++) {
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(second.output()).toContain('Throughline is running');

    // Unless HOST says otherwise it listens on loopback only (demo accounts have a published password).
    const external = Object.values(os.networkInterfaces())
      .flat()
      .find((a) => a && a.family === 'IPv4' && !a.internal)?.address;
    if (external) {
      const reached = await fetch(`http://${external}:${second.port}/healthz`).then(
        () => true,
        () => false,
      );
      expect(reached).toBe(false);
    }
  }, 200_000);

  it('has a secret of its own, readable by its owner only, and refuses the old fixed password', async () => {
    const secretFile = path.join(dataDir, 'db-secret');
    expect(fs.statSync(secretFile).mode & 0o777).toBe(0o600);
    const secret = fs.readFileSync(secretFile, 'utf8').trim();
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    const { port } = postmaster();
    const tryPassword = async (password: string) => {
      const c = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', password, database: 'postgres' });
      try {
        await c.connect();
        return 'in';
      } catch (e) {
        return (e as Error).message;
      } finally {
        await c.end().catch(() => undefined);
      }
    };
    expect(await tryPassword('throughline-local')).toMatch(/password authentication failed/);
    expect(await tryPassword(secret)).toBe('in');
  });

  it('is refused under NODE_ENV=production, with one line naming DATABASE_URL', () => {
    const run = spawnSync(process.execPath, [main], {
      env: { PATH: process.env.PATH, NODE_ENV: 'production', THROUGHLINE_DATA_DIR: dataDir },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^Configuration error: DATABASE_URL /),
    ]);
  });

  it('says why when the database cannot start, instead of printing undefined', () => {
    const broken = fs.mkdtempSync(path.join(os.tmpdir(), 'throughline-broken-'));
    fs.chmodSync(broken, 0o755);
    fs.mkdirSync(path.join(broken, 'pg'), { mode: 0o700 });
    fs.writeFileSync(path.join(broken, 'pg', 'PG_VERSION'), '9\n');
    const run = spawnSync(process.execPath, [main], {
      env: { PATH: process.env.PATH, THROUGHLINE_DATA_DIR: broken, THROUGHLINE_DEMO: '0' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).not.toMatch(/^undefined$/m);
    // PostgreSQL's own words (here: a folder that is not a cluster it can use).
    expect(run.stderr).toMatch(/did not start: postgres: \S/);
  }, 70_000);
});
