import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { adminQuery, apiMain, startApp, webHandler, type AppProcess } from './app-process';

declare module 'vitest' {
  export interface ProvidedContext {
    baseURL: string;
    adminEmail: string;
    adminPassword: string;
    /** The app's database when TEST_DATABASE_URL is set ('' with the embedded server). */
    databaseUrl: string;
  }
}

export default async function setup(project: TestProject) {
  // Turbo builds both before `npm test`; say plainly what is missing when run by hand.
  for (const f of [apiMain, webHandler]) {
    if (!fs.existsSync(f))
      throw new Error(`${f} is missing: run \`npm run build\` at the repository root first`);
  }
  const adminEmail = 'e2e-admin@example.org';
  const adminPassword = `e2e-${randomBytes(12).toString('hex')}`;

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    THROUGHLINE_ADMIN_EMAIL: adminEmail,
    THROUGHLINE_ADMIN_PASSWORD: adminPassword,
    // The reminder pass every minute (the scheduler's finest), so that messages.test.ts sees a due
    // reminder recorded by the running app.
    THROUGHLINE_SCHEDULE_SECONDS: '60',
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

  let app: AppProcess;
  try {
    app = await startApp(env);
  } catch (e) {
    await cleanup();
    throw e;
  }

  project.provide('baseURL', app.baseURL);
  project.provide('adminEmail', adminEmail);
  project.provide('adminPassword', adminPassword);
  project.provide('databaseUrl', env.DATABASE_URL ?? '');

  return async () => {
    await app.stop();
    await cleanup();
  };
}
