import pino, { type Logger } from 'pino';

/**
 * Structured JSON logs. Survivor feedback and review text are never logged: services log ids only,
 * and request bodies / variables are never passed to the logger.
 */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'throughline-api' },
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie', '*.password', '*.token', 'variables'],
      remove: true,
    },
  });
}

export type { Logger };
