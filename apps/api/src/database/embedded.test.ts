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
});
