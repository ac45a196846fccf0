import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres } from './embedded';

describe('embedded PostgreSQL', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'throughline-embedded-'));
  fs.chmodSync(dir, 0o755);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('keeps data written before a restart', async () => {
    const first = await startEmbeddedPostgres(dir, { port: 0 });
    let c = new pg.Client({ connectionString: first.url });
    await c.connect();
    await c.query('CREATE TABLE kept (v text)');
    await c.query(`INSERT INTO kept VALUES ('survives restarts')`);
    await c.end();
    await first.stop();

    const second = await startEmbeddedPostgres(dir, { port: 0 });
    c = new pg.Client({ connectionString: second.url });
    await c.connect();
    const { rows } = await c.query('SELECT v FROM kept');
    await c.end();
    await second.stop();
    expect(rows).toEqual([{ v: 'survives restarts' }]);
    expect(fs.existsSync(path.join(dir, 'pg', 'PG_VERSION'))).toBe(true);
  }, 60_000);

  const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  it.runIf(asRoot)(
    'as root, works from a data folder inside a private one (a clone under /root)',
    async () => {
      const privateHome = fs.mkdtempSync(path.join(os.tmpdir(), 'throughline-private-'));
      fs.chmodSync(privateHome, 0o700);
      const dataDir = path.join(privateHome, 'clone', '.data');
      let cluster: string | null = null;
      try {
        const db = await startEmbeddedPostgres(dataDir, { port: 0 });
        const c = new pg.Client({ connectionString: db.url });
        await c.connect();
        const { rows } = await c.query('SELECT 1 AS ok');
        await c.end();
        await db.stop();
        expect(rows).toEqual([{ ok: 1 }]);
        cluster = fs.realpathSync(path.join(dataDir, 'pg'));
        expect(cluster.startsWith('/var/lib/throughline/')).toBe(true);
      } finally {
        fs.rmSync(privateHome, { recursive: true, force: true });
        if (cluster) fs.rmSync(path.dirname(cluster), { recursive: true, force: true });
      }
    },
    60_000,
  );
});
