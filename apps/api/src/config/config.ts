import path from 'node:path';
import { z } from 'zod';

/** Mutations one signed-in user (or one address, when anonymous) may make per minute, per replica. */
export const DEFAULT_MUTATIONS_PER_MINUTE = 120;

/** Boolean-ish environment flags: 1/0, true/false, yes/no, on/off. */
const flag = z
  .string()
  .trim()
  .toLowerCase()
  .refine((v) => ['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off'].includes(v), {
    message: 'must be one of 1, 0, true, false, yes, no, on, off',
  })
  .transform((v) => ['1', 'true', 'yes', 'on'].includes(v));

const postgresUrl = z
  .string()
  .trim()
  .refine(
    (v) => {
      try {
        const u = new URL(v);
        return u.protocol === 'postgres:' || u.protocol === 'postgresql:';
      } catch {
        return false;
      }
    },
    { message: 'must be a postgres:// or postgresql:// URL' },
  );

/** A URL with one of the given protocols (e.g. smtp: / smtps:). */
const urlOf = (protocols: string[], message: string) =>
  z
    .string()
    .trim()
    .refine(
      (v) => {
        try {
          return protocols.includes(new URL(v).protocol);
        } catch {
          return false;
        }
      },
      { message },
    );

const schema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: z.coerce
      .number({ message: 'must be a whole number' })
      .int('must be a whole number')
      .min(0, 'must be between 0 and 65535')
      .max(65535, 'must be between 0 and 65535')
      .default(4000),
    HOST: z.string().trim().min(1).default('0.0.0.0'),
    DATABASE_URL: postgresUrl.optional(),
    THROUGHLINE_DATA_DIR: z.string().trim().min(1, 'must not be empty').default('.data'),
    THROUGHLINE_DEMO: flag.optional(),
    THROUGHLINE_ADMIN_EMAIL: z.email({ message: 'must be an email address' }).optional(),
    THROUGHLINE_ADMIN_PASSWORD: z.string().min(12, 'must be at least 12 characters').optional(),
    THROUGHLINE_DB_POOL_SIZE: z.coerce
      .number({ message: 'must be a whole number' })
      .int('must be a whole number')
      .min(1, 'must be at least 1')
      .max(200, 'must be at most 200')
      .default(10),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    THROUGHLINE_GRAPHQL_EXECUTOR: z.enum(['jit', 'graphql-js']).default('jit'),
    THROUGHLINE_MUTATION_RATE_LIMIT: z.coerce
      .number({ message: 'must be a whole number' })
      .int('must be a whole number')
      .min(0, 'must be 0 (off) or more')
      .default(DEFAULT_MUTATIONS_PER_MINUTE),
    SMTP_URL: urlOf(['smtp:', 'smtps:'], 'must be an smtp:// or smtps:// URL').optional(),
    MAIL_FROM: z
      .string()
      .trim()
      .regex(
        /^([^<>@\s][^<>@]*<)?[^\s<>@]+@[^\s<>@]+>?$/,
        'must be an address, e.g. Throughline <tl@example.org>',
      )
      .optional(),
    PUBLIC_URL: urlOf(['http:', 'https:'], 'must be an http:// or https:// URL').optional(),
    THROUGHLINE_SCHEDULE_SECONDS: z.coerce
      .number({ message: 'must be a whole number' })
      .int('must be a whole number')
      .min(1, 'must be at least 1')
      .max(86400, 'must be at most 86400 (a day)')
      .default(300),
  })
  .superRefine((env, ctx) => {
    if (env.SMTP_URL && !env.MAIL_FROM) {
      ctx.addIssue({ code: 'custom', path: ['MAIL_FROM'], message: 'must be set when SMTP_URL is set' });
    }
    if (env.THROUGHLINE_ADMIN_EMAIL && !env.THROUGHLINE_ADMIN_PASSWORD) {
      ctx.addIssue({
        code: 'custom',
        path: ['THROUGHLINE_ADMIN_PASSWORD'],
        message: 'must be set when THROUGHLINE_ADMIN_EMAIL is set',
      });
    }
    if (env.THROUGHLINE_ADMIN_PASSWORD && !env.THROUGHLINE_ADMIN_EMAIL) {
      ctx.addIssue({
        code: 'custom',
        path: ['THROUGHLINE_ADMIN_EMAIL'],
        message: 'must be set when THROUGHLINE_ADMIN_PASSWORD is set',
      });
    }
  });

export interface Config {
  nodeEnv: 'development' | 'production' | 'test';
  production: boolean;
  port: number;
  host: string;
  /** Unset: start the embedded PostgreSQL under dataDir. */
  databaseUrl?: string;
  dataDir: string;
  demo: boolean;
  admin?: { email: string; password: string };
  dbPoolSize: number;
  logLevel: string;
  /** 'jit' (default): graphql-jit compiles each document once; 'graphql-js': Apollo's own executor. */
  graphqlExecutor: 'jit' | 'graphql-js';
  /** Mutations per minute per user (per address when anonymous), per replica; 0 turns the limit off. */
  mutationsPerMinute: number;
  /** Email out: unset means messages are only kept and shown in the web app. */
  smtp?: { url: string; from: string };
  /** Where the web app is reached, for the links in emails (default http://localhost:PORT). */
  publicUrl: string;
  /** How often the scheduler looks for due reminders and unsent messages. */
  scheduleSeconds: number;
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    readonly problem: string,
  ) {
    super(`${variable} ${problem}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment once; the first problem found is thrown as a ConfigError naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // Empty strings count as unset, as shells and compose files often export them that way.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const variable = String(issue.path[0] ?? 'environment');
    const value = cleaned[variable];
    const shown =
      value === undefined || /PASSWORD|URL/.test(variable) ? '' : ` (got ${JSON.stringify(value)})`;
    throw new ConfigError(variable, `${issue.message}${shown}`);
  }
  const e = parsed.data;
  return {
    nodeEnv: e.NODE_ENV,
    production: e.NODE_ENV === 'production',
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    // npm runs workspace scripts inside the workspace; resolve against where the user ran npm.
    dataDir: path.resolve(env.INIT_CWD ?? process.cwd(), e.THROUGHLINE_DATA_DIR),
    demo: e.THROUGHLINE_DEMO ?? !e.DATABASE_URL,
    admin:
      e.THROUGHLINE_ADMIN_EMAIL && e.THROUGHLINE_ADMIN_PASSWORD
        ? { email: e.THROUGHLINE_ADMIN_EMAIL, password: e.THROUGHLINE_ADMIN_PASSWORD }
        : undefined,
    dbPoolSize: e.THROUGHLINE_DB_POOL_SIZE,
    logLevel: e.LOG_LEVEL,
    graphqlExecutor: e.THROUGHLINE_GRAPHQL_EXECUTOR,
    mutationsPerMinute: e.THROUGHLINE_MUTATION_RATE_LIMIT,
    smtp: e.SMTP_URL && e.MAIL_FROM ? { url: e.SMTP_URL, from: e.MAIL_FROM } : undefined,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    scheduleSeconds: e.THROUGHLINE_SCHEDULE_SECONDS,
  };
}
