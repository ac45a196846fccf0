import fs from 'node:fs';
import path from 'node:path';

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** The postmaster recorded in postmaster.pid when it is running on this very folder, else null. */
function postmasterOf(databaseDir: string): number | null {
  let lines: string[];
  try {
    lines = fs.readFileSync(path.join(databaseDir, 'postmaster.pid'), 'utf8').split('\n');
  } catch {
    return null;
  }
  const pid = Number(lines[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !alive(pid)) return null;
  // A recycled pid belongs to some other program: only a postgres started on this folder is ours.
  try {
    const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    if (!cmdline.some((a) => path.basename(a) === 'postgres')) return null;
  } catch {
    // No /proc (not Linux): trust the pid file's own data-folder line.
  }
  const recorded = lines[1]?.trim();
  if (recorded && path.resolve(recorded) !== path.resolve(databaseDir)) {
    // The folder may be reached through a link (root's clusters under /var/lib/throughline).
    try {
      if (fs.realpathSync(recorded) !== fs.realpathSync(databaseDir)) return null;
    } catch {
      return null;
    }
  }
  return pid;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitForExit(pid: number, ms: number): Promise<boolean> {
  for (const until = Date.now() + ms; Date.now() < until; await sleep(100)) if (!alive(pid)) return true;
  return !alive(pid);
}

/**
 * After our process was killed without a chance to stop it (kill -9, the out-of-memory killer), the
 * embedded PostgreSQL it started keeps running on the folder and every later start would fail on its
 * lock. This stops that orphan (fast shutdown, then immediate, then kill) and removes a pid file left
 * by a server that is gone. Only a postgres running on this data folder is ever signalled.
 */
export async function stopOrphanedServer(databaseDir: string, log?: (line: string) => void): Promise<void> {
  const pidFile = path.join(databaseDir, 'postmaster.pid');
  const pid = postmasterOf(databaseDir);
  if (pid === null) {
    fs.rmSync(pidFile, { force: true });
    return;
  }
  log?.(`stopping the embedded PostgreSQL (pid ${pid}) left running on ${databaseDir} by an earlier start`);
  for (const [signal, ms] of [
    ['SIGINT', 15_000],
    ['SIGQUIT', 5_000],
    ['SIGKILL', 5_000],
  ] as const) {
    try {
      process.kill(pid, signal);
    } catch {
      break;
    }
    if (await waitForExit(pid, ms)) break;
  }
  if (alive(pid)) throw new Error(`the embedded PostgreSQL (pid ${pid}) on ${databaseDir} would not stop`);
  // After SIGKILL the server cannot remove its own pid file.
  fs.rmSync(pidFile, { force: true });
}
