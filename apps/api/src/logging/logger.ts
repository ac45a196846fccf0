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
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        '*.password',
        '*.token',
        'variables',
        // A failed SQL statement carries its bound values (and PostgreSQL's "Failing row contains (...)"
        // detail): for a feedback or review write those are the very text that must never be logged.
        'err.parameters',
        'err.detail',
        'err.driverError.detail',
        'err.driverError.parameters',
      ],
      remove: true,
    },
  });
}

export type { Logger };
