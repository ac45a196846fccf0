import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

describe('configuration from the environment', () => {
  it('uses the documented defaults', () => {
    const c = loadConfig({});
    expect(c.port).toBe(4000);
    expect(c.databaseUrl).toBeUndefined();
    expect(c.demo).toBe(true); // on with the embedded database
    expect(c.dataDir.endsWith('.data')).toBe(true);
    expect(c.production).toBe(false);
    expect(c.mutationsPerMinute).toBe(120);
    expect(loadConfig({ THROUGHLINE_MUTATION_RATE_LIMIT: '0' }).mutationsPerMinute).toBe(0);
  });

  it('turns the demo off by default when DATABASE_URL is set', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u@h/db' }).demo).toBe(false);
    expect(loadConfig({ DATABASE_URL: 'postgres://u@h/db', THROUGHLINE_DEMO: '1' }).demo).toBe(true);
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ THROUGHLINE_DEMO: 'maybe' }, 'THROUGHLINE_DEMO'],
    [{ NODE_ENV: 'staging' }, 'NODE_ENV'],
    [{ THROUGHLINE_MUTATION_RATE_LIMIT: 'lots' }, 'THROUGHLINE_MUTATION_RATE_LIMIT'],
    [{ THROUGHLINE_MUTATION_RATE_LIMIT: '-1' }, 'THROUGHLINE_MUTATION_RATE_LIMIT'],
    [
      { THROUGHLINE_ADMIN_EMAIL: 'not-an-email', THROUGHLINE_ADMIN_PASSWORD: 'long-enough-password' },
      'THROUGHLINE_ADMIN_EMAIL',
    ],
    [
      { THROUGHLINE_ADMIN_EMAIL: 'a@b.org', THROUGHLINE_ADMIN_PASSWORD: 'short' },
      'THROUGHLINE_ADMIN_PASSWORD',
    ],
    [{ THROUGHLINE_ADMIN_EMAIL: 'a@b.org' }, 'THROUGHLINE_ADMIN_PASSWORD'],
  ])('refuses %j naming %s', (env, variable) => {
    let error: unknown;
    try {
      loadConfig(env as NodeJS.ProcessEnv);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).variable).toBe(variable);
    expect((error as ConfigError).message.startsWith(variable)).toBe(true);
  });

  it('never echoes a password back', () => {
    try {
      loadConfig({ THROUGHLINE_ADMIN_EMAIL: 'a@b.org', THROUGHLINE_ADMIN_PASSWORD: 'secret' });
    } catch (e) {
      expect((e as Error).message).not.toContain('secret');
    }
  });
});
