import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export interface DatabaseSecret {
  password: string;
  /** True when this start made the secret (a new folder, or one from before per-folder secrets). */
  created: boolean;
}

/**
 * The embedded cluster's superuser password: 256 random bits made once per data folder and kept in
 * `<dataDir>/db-secret`, readable by its owner only (0600), so another account on the machine cannot
 * sign in to the database, read feedback or switch off the audit trigger (docs/security.md).
 */
export function readOrCreateSecret(dataDir: string): DatabaseSecret {
  const file = path.join(dataDir, 'db-secret');
  try {
    const password = fs.readFileSync(file, 'utf8').trim();
    // A copied folder may have lost its mode: put it back rather than leave the secret open.
    if ((fs.statSync(file).mode & 0o077) !== 0) fs.chmodSync(file, 0o600);
    if (/^[0-9a-f]{64}$/.test(password)) return { password, created: false };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  const password = randomBytes(32).toString('hex');
  // Written to a new file with its final mode, then renamed: never readable by others, even briefly.
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, `${password}\n`, { mode: 0o600, flag: 'wx' });
  fs.renameSync(tmp, file);
  return { password, created: true };
}
