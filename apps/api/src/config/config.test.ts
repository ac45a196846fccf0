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
    expect(c.smtp).toBeUndefined(); // messages kept and shown in the web app
    expect(c.scheduleSeconds).toBe(300);
    expect(c.publicUrl).toBe('http://localhost:4000');
  });

  it('reads the email settings', () => {
    const c = loadConfig({
      SMTP_URL: 'smtp://user:secret@mail.example.org:2525',
      MAIL_FROM: 'Throughline <tl@example.org>',
      PUBLIC_URL: 'https://throughline.example.org/',
      THROUGHLINE_SCHEDULE_SECONDS: '60',
    });
    expect(c.smtp).toEqual({
      url: 'smtp://user:secret@mail.example.org:2525',
      from: 'Throughline <tl@example.org>',
    });
    expect(c.publicUrl).toBe('https://throughline.example.org');
    expect(c.scheduleSeconds).toBe(60);
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
    [{ SMTP_URL: 'http://mail.example.org', MAIL_FROM: 'tl@example.org' }, 'SMTP_URL'],
    [{ SMTP_URL: 'smtp://mail.example.org' }, 'MAIL_FROM'],
    [{ MAIL_FROM: 'nobody' }, 'MAIL_FROM'],
    [{ PUBLIC_URL: 'throughline.example.org' }, 'PUBLIC_URL'],
    [{ THROUGHLINE_SCHEDULE_SECONDS: '0' }, 'THROUGHLINE_SCHEDULE_SECONDS'],
    [{ THROUGHLINE_SCHEDULE_SECONDS: 'often' }, 'THROUGHLINE_SCHEDULE_SECONDS'],
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
